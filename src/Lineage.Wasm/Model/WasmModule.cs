// SPDX-License-Identifier: Apache-2.0

using System.Collections.Immutable;
using Lineage.Wasm.Binary;

namespace Lineage.Wasm.Model;

/// <summary>
/// A decoded (not yet validated) WebAssembly 2.0 module. Function bodies, data and custom sections reference the
/// original bytes (<see cref="Bytes"/>), which must not change afterwards.
/// </summary>
public sealed class WasmModule
{
    /// <summary>The module's binary.</summary>
    public required ReadOnlyMemory<byte> Bytes { get; init; }

    /// <summary>The type section.</summary>
    public required ImmutableArray<FunctionType> Types { get; init; }

    /// <summary>The import section.</summary>
    public required ImmutableArray<Import> Imports { get; init; }

    /// <summary>Type indices of the functions defined by the module (the function section).</summary>
    public required ImmutableArray<uint> Functions { get; init; }

    /// <summary>Tables defined by the module.</summary>
    public required ImmutableArray<TableType> Tables { get; init; }

    /// <summary>Memories defined by the module.</summary>
    public required ImmutableArray<MemoryType> Memories { get; init; }

    /// <summary>Globals defined by the module.</summary>
    public required ImmutableArray<GlobalDefinition> Globals { get; init; }

    /// <summary>The export section.</summary>
    public required ImmutableArray<Export> Exports { get; init; }

    /// <summary>The start function index, if any.</summary>
    public uint? StartFunction { get; init; }

    /// <summary>The element section.</summary>
    public required ImmutableArray<ElementSegment> Elements { get; init; }

    /// <summary>The data section.</summary>
    public required ImmutableArray<DataSegment> Data { get; init; }

    /// <summary>The data count section's value, if the section is present.</summary>
    public uint? DataCount { get; init; }

    /// <summary>Bodies of the functions defined by the module, parallel to <see cref="Functions"/>.</summary>
    public required ImmutableArray<FunctionBody> Code { get; init; }

    /// <summary>Custom sections in order of appearance.</summary>
    public required ImmutableArray<CustomSection> CustomSections { get; init; }

    /// <summary>Number of imported functions (they come first in the function index space).</summary>
    public required int ImportedFunctionCount { get; init; }

    /// <summary>Number of imported tables.</summary>
    public required int ImportedTableCount { get; init; }

    /// <summary>Number of imported memories.</summary>
    public required int ImportedMemoryCount { get; init; }

    /// <summary>Number of imported globals.</summary>
    public required int ImportedGlobalCount { get; init; }

    /// <summary>Size of the function index space (imports + definitions).</summary>
    public int TotalFunctionCount => ImportedFunctionCount + Functions.Length;

    /// <summary>Size of the table index space.</summary>
    public int TotalTableCount => ImportedTableCount + Tables.Length;

    /// <summary>Size of the memory index space.</summary>
    public int TotalMemoryCount => ImportedMemoryCount + Memories.Length;

    /// <summary>Size of the global index space.</summary>
    public int TotalGlobalCount => ImportedGlobalCount + Globals.Length;

    /// <summary>Decodes a module, throwing <see cref="WasmFormatException"/> (with byte offset) when malformed.</summary>
    public static WasmModule Decode(ReadOnlyMemory<byte> bytes) => ModuleDecoder.Decode(bytes);

    /// <summary>The type index of function <paramref name="functionIndex"/> (imports first).</summary>
    public uint GetFunctionTypeIndex(uint functionIndex)
    {
        if (functionIndex < (uint)ImportedFunctionCount)
        {
            var seen = 0u;
            foreach (var import in Imports)
            {
                if (import.Kind == ExternalKind.Function)
                {
                    if (seen == functionIndex)
                    {
                        return import.FunctionTypeIndex;
                    }

                    seen++;
                }
            }
        }

        return Functions[(int)(functionIndex - (uint)ImportedFunctionCount)];
    }

    /// <summary>The signature of function <paramref name="functionIndex"/> (imports first).</summary>
    public FunctionType GetFunctionType(uint functionIndex) => Types[(int)GetFunctionTypeIndex(functionIndex)];

    /// <summary>The body of function <paramref name="functionIndex"/>, which must not be an import.</summary>
    public FunctionBody GetBody(uint functionIndex) => Code[(int)(functionIndex - (uint)ImportedFunctionCount)];

    /// <summary>The instructions of <paramref name="body"/> as a slice of <see cref="Bytes"/>.</summary>
    public ReadOnlyMemory<byte> GetCode(FunctionBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Bytes.Slice(body.CodeOffset, body.CodeLength);
    }
}
