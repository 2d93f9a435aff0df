// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Lineage.Wasm.Model;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// A linear memory. Its address space (up to its maximum, capped by the store's page limit) is reserved when it is
/// created and committed as it grows, so <see cref="BasePointer"/> never changes and compiled code can keep it in a
/// register. Only <see cref="ByteLength"/> changes, and only upwards.
/// </summary>
public sealed unsafe class WasmMemory : IDisposable
{
    /// <summary>Stable base address; read by compiled code.</summary>
    internal readonly byte* BasePointer;

    /// <summary>Current size in bytes; read by compiled code (reloaded after calls and <c>memory.grow</c>).</summary>
    internal ulong ByteLength;

    private readonly ulong _reservedBytes;
    private readonly bool _committedUpFront;
    private readonly uint _pageLimit;
    private bool _disposed;

    /// <summary>Creates a memory of <paramref name="type"/> that may grow to at most <paramref name="pageLimit"/> pages.</summary>
    public WasmMemory(MemoryType type, uint pageLimit = MemoryType.MaximumPages)
    {
        Type = type;
        var declaredMax = type.Limits.Maximum ?? MemoryType.MaximumPages;
        _pageLimit = Math.Min(Math.Min(declaredMax, pageLimit), MemoryType.MaximumPages);
        if (type.Limits.Minimum > _pageLimit)
        {
            throw new WasmLinkException($"memory of {type.Limits.Minimum} pages exceeds the limit of {_pageLimit} pages");
        }

        _reservedBytes = (ulong)_pageLimit * MemoryType.PageSize;
        BasePointer = VirtualMemory.Reserve(_reservedBytes, out _committedUpFront);
        if (BasePointer == null)
        {
            throw new InsufficientMemoryException("cannot reserve linear memory");
        }

        var initialBytes = (ulong)type.Limits.Minimum * MemoryType.PageSize;
        if (!_committedUpFront && !VirtualMemory.Commit(BasePointer, initialBytes))
        {
            VirtualMemory.Release(BasePointer, _reservedBytes, _committedUpFront);
            throw new InsufficientMemoryException("cannot commit linear memory");
        }

        ByteLength = initialBytes;
    }

    /// <summary>Creates a memory of <paramref name="minimumPages"/> pages with an optional maximum.</summary>
    public WasmMemory(uint minimumPages, uint? maximumPages = null)
        : this(new MemoryType(new Limits(minimumPages, maximumPages)))
    {
    }

    /// <summary>Releases the reservation.</summary>
    ~WasmMemory() => Release();

    /// <summary>The declared type (initial minimum and maximum); see <see cref="CurrentType"/> for the live size.</summary>
    public MemoryType Type { get; }

    /// <summary>The current type: the current page count as minimum, and the declared maximum.</summary>
    public MemoryType CurrentType => new(new Limits(Pages, Type.Limits.Maximum));

    /// <summary>The current size in pages.</summary>
    public uint Pages => (uint)(ByteLength / MemoryType.PageSize);

    /// <summary>The current size in bytes.</summary>
    public ulong Length => ByteLength;

    /// <summary>The pointer to byte 0. Stable for the memory's lifetime.</summary>
    public nint Address => (nint)BasePointer;

    /// <summary>Grows by <paramref name="deltaPages"/>; returns the old page count, or -1 if the limit forbids it.</summary>
    public int Grow(uint deltaPages)
    {
        var old = Pages;
        if (deltaPages == 0)
        {
            return (int)old;
        }

        var wanted = (ulong)old + deltaPages;
        if (wanted > _pageLimit)
        {
            return -1;
        }

        var newBytes = wanted * MemoryType.PageSize;
        if (!_committedUpFront && !VirtualMemory.Commit(BasePointer + ByteLength, newBytes - ByteLength))
        {
            return -1;
        }

        ByteLength = newBytes;
        return (int)old;
    }

    /// <summary>A span over <paramref name="length"/> bytes at <paramref name="offset"/> (bounds-checked).</summary>
    public Span<byte> GetSpan(ulong offset, int length)
    {
        if (length < 0 || offset + (ulong)length > ByteLength)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "range outside the linear memory");
        }

        return new Span<byte>(BasePointer + offset, length);
    }

    /// <summary>Reads an unmanaged value at <paramref name="offset"/> (little-endian, bounds-checked).</summary>
    public T Read<T>(ulong offset)
        where T : unmanaged
    {
        if (offset + (ulong)sizeof(T) > ByteLength)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "range outside the linear memory");
        }

        return Unsafe.ReadUnaligned<T>(BasePointer + offset);
    }

    /// <summary>Writes an unmanaged value at <paramref name="offset"/> (little-endian, bounds-checked).</summary>
    public void Write<T>(ulong offset, T value)
        where T : unmanaged
    {
        if (offset + (ulong)sizeof(T) > ByteLength)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "range outside the linear memory");
        }

        Unsafe.WriteUnaligned(BasePointer + offset, value);
    }

    /// <summary>Releases the memory. Code that still uses it must not run afterwards.</summary>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (!_disposed)
        {
            _disposed = true;
            ByteLength = 0;
            VirtualMemory.Release(BasePointer, _reservedBytes, _committedUpFront);
        }
    }
}
