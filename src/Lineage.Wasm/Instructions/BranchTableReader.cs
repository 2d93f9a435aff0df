// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Binary;

namespace Lineage.Wasm.Instructions;

/// <summary>Reads the target labels of a <c>br_table</c> (the default label is <see cref="Instruction.SecondIndex"/>).</summary>
public ref struct BranchTableReader
{
    private WasmReader _reader;
    private uint _remaining;

    internal BranchTableReader(WasmReader reader, uint count)
    {
        _reader = reader;
        _remaining = count;
    }

    /// <summary>Number of targets not yet read.</summary>
    public readonly uint Remaining => _remaining;

    /// <summary>Reads the next target label.</summary>
    public uint ReadNext()
    {
        if (_remaining == 0)
        {
            throw new InvalidOperationException("no more br_table targets");
        }

        _remaining--;
        return _reader.ReadVarUInt32();
    }
}
