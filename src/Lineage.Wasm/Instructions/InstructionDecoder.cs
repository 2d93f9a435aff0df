// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Lineage.Wasm.Binary;
using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Instructions;

/// <summary>
/// Decodes instructions one at a time from a code span (a function body or a constant expression) without
/// allocating. Malformed encodings throw <see cref="WasmFormatException"/> with the module offset.
/// </summary>
public ref struct InstructionDecoder
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _origin;
    private WasmReader _reader;

    /// <summary>Decodes <paramref name="code"/>, whose first byte is at module offset <paramref name="origin"/>.</summary>
    public InstructionDecoder(ReadOnlySpan<byte> code, int origin)
        : this(code, origin, "unexpected end of section or function")
    {
    }

    /// <summary>Decodes <paramref name="code"/>, reporting <paramref name="endReason"/> when it ends too early.</summary>
    public InstructionDecoder(ReadOnlySpan<byte> code, int origin, string endReason)
    {
        _buffer = code;
        _origin = origin;
        _reader = new WasmReader(code, origin, endReason);
    }

    /// <summary>Whether every byte has been decoded.</summary>
    public readonly bool IsAtEnd => _reader.IsAtEnd;

    /// <summary>The module offset of the next instruction.</summary>
    public readonly int Offset => _reader.Offset;

    /// <summary>A reader over the targets of a <c>br_table</c> decoded by this decoder.</summary>
    public readonly BranchTableReader GetBranchTable(in Instruction instruction)
    {
        var start = instruction.TargetsOffset - _origin;
        return new BranchTableReader(new WasmReader(_buffer[start..], instruction.TargetsOffset), instruction.Index);
    }

    /// <summary>Decodes the next instruction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(out Instruction instruction)
    {
        instruction = default;
        var offset = _reader.Offset;
        instruction.Offset = offset;
        var code = _reader.ReadByte();
        OpcodeInfo? info;
        if (code is 0xFC or 0xFD)
        {
            info = OpcodeTable.GetPrefixed(code, _reader.ReadVarUInt32());
        }
        else
        {
            info = OpcodeTable.GetSingleByte(code);
        }

        if (info is null)
        {
            WasmReader.Throw("illegal opcode", offset);
        }

        instruction.Info = info;
        instruction.Opcode = info.Opcode;
        switch (info.Immediates)
        {
            case ImmediateKind.None:
                break;
            case ImmediateKind.BlockType:
                instruction.BlockType = ReadBlockType();
                break;
            case ImmediateKind.Label:
            case ImmediateKind.Function:
            case ImmediateKind.Local:
            case ImmediateKind.Global:
            case ImmediateKind.Table:
            case ImmediateKind.Data:
            case ImmediateKind.Element:
                instruction.Index = _reader.ReadVarUInt32();
                break;
            case ImmediateKind.CallIndirect:
            case ImmediateKind.TableInit:
            case ImmediateKind.TableCopy:
                instruction.Index = _reader.ReadVarUInt32();
                instruction.SecondIndex = _reader.ReadVarUInt32();
                break;
            case ImmediateKind.BranchTable:
                ReadBranchTable(ref instruction);
                break;
            case ImmediateKind.MemArg:
                ReadMemArg(ref instruction);
                break;
            case ImmediateKind.MemArgLane:
                ReadMemArg(ref instruction);
                instruction.Lane = _reader.ReadByte();
                break;
            case ImmediateKind.MemoryIndex:
            case ImmediateKind.MemoryFill:
                ReadZeroByte();
                break;
            case ImmediateKind.MemoryCopy:
                ReadZeroByte();
                ReadZeroByte();
                break;
            case ImmediateKind.MemoryInit:
                instruction.Index = _reader.ReadVarUInt32();
                ReadZeroByte();
                break;
            case ImmediateKind.I32:
                instruction.Bits = (ulong)(long)_reader.ReadVarInt32();
                break;
            case ImmediateKind.I64:
                instruction.Bits = (ulong)_reader.ReadVarInt64();
                break;
            case ImmediateKind.F32:
                instruction.Bits = _reader.ReadUInt32LittleEndian();
                break;
            case ImmediateKind.F64:
                instruction.Bits = _reader.ReadUInt64LittleEndian();
                break;
            case ImmediateKind.V128:
            case ImmediateKind.Shuffle:
                var bytes = _reader.ReadBytes(16);
                instruction.Bits = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                instruction.HighBits = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
                break;
            case ImmediateKind.Lane:
                instruction.Lane = _reader.ReadByte();
                break;
            case ImmediateKind.ReferenceType:
                instruction.ValueType = _reader.ReadReferenceType();
                break;
            case ImmediateKind.SelectTypes:
                ReadSelectTypes(ref instruction);
                break;
            default:
                WasmReader.Throw("illegal opcode", offset);
                break;
        }
    }

    /// <summary>
    /// Skips a whole expression up to and including the <c>end</c> that closes it (nesting of block/loop/if is
    /// tracked). Returns the number of instructions read, including the final <c>end</c>.
    /// </summary>
    public int SkipExpression()
    {
        var depth = 0;
        var count = 0;
        while (true)
        {
            Read(out var instruction);
            count++;
            switch (instruction.Opcode)
            {
                case Opcode.Block:
                case Opcode.Loop:
                case Opcode.If:
                    depth++;
                    break;
                case Opcode.End:
                    if (depth == 0)
                    {
                        return count;
                    }

                    depth--;
                    break;
            }
        }
    }

    private BlockType ReadBlockType()
    {
        var offset = _reader.Offset;
        var raw = _reader.ReadVarInt33();
        if (raw < 0 && raw != -64 && (raw < -64 || !ValueTypes.IsDefined((ValueType)(byte)(raw & 0x7F))))
        {
            WasmReader.Throw("malformed value type", offset);
        }

        return new BlockType(raw);
    }

    private void ReadBranchTable(ref Instruction instruction)
    {
        var count = _reader.ReadVarUInt32();
        instruction.Index = count;
        instruction.TargetsOffset = _reader.Offset;
        for (var i = 0u; i < count; i++)
        {
            _reader.ReadVarUInt32();
        }

        instruction.SecondIndex = _reader.ReadVarUInt32();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReadMemArg(ref Instruction instruction)
    {
        var offset = _reader.Offset;
        var alignment = _reader.ReadVarUInt32();
        if (alignment >= 32)
        {
            // Bit 6 would announce a memory index (multi-memory), which WebAssembly 2.0 does not have.
            WasmReader.Throw("malformed memop flags", offset);
        }

        instruction.Index = alignment;
        instruction.SecondIndex = _reader.ReadVarUInt32();
    }

    private void ReadZeroByte()
    {
        var offset = _reader.Offset;
        if (_reader.ReadByte() != 0)
        {
            WasmReader.Throw("zero byte expected", offset);
        }
    }

    private void ReadSelectTypes(ref Instruction instruction)
    {
        var count = _reader.ReadVarUInt32();
        instruction.Index = count;
        for (var i = 0u; i < count; i++)
        {
            var type = _reader.ReadValueType();
            if (i == 0)
            {
                instruction.ValueType = type;
            }
        }
    }
}
