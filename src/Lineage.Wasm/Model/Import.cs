// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>
/// An import: a (module, name) pair and the external type it must match. Exactly one of the type properties is
/// meaningful, selected by <see cref="Kind"/>.
/// </summary>
public sealed class Import
{
    private Import(string moduleName, string name, ExternalKind kind)
    {
        ModuleName = moduleName;
        Name = name;
        Kind = kind;
    }

    /// <summary>The module namespace to import from.</summary>
    public string ModuleName { get; }

    /// <summary>The field name inside that namespace.</summary>
    public string Name { get; }

    /// <summary>What is imported.</summary>
    public ExternalKind Kind { get; }

    /// <summary>For a function import: the index of its type in the type section.</summary>
    public uint FunctionTypeIndex { get; private init; }

    /// <summary>For a table import: the table type.</summary>
    public TableType Table { get; private init; }

    /// <summary>For a memory import: the memory type.</summary>
    public MemoryType Memory { get; private init; }

    /// <summary>For a global import: the global type.</summary>
    public GlobalType Global { get; private init; }

    /// <summary>A function import of type <paramref name="typeIndex"/>.</summary>
    public static Import ForFunction(string moduleName, string name, uint typeIndex) =>
        new(moduleName, name, ExternalKind.Function) { FunctionTypeIndex = typeIndex };

    /// <summary>A table import.</summary>
    public static Import ForTable(string moduleName, string name, TableType type) =>
        new(moduleName, name, ExternalKind.Table) { Table = type };

    /// <summary>A memory import.</summary>
    public static Import ForMemory(string moduleName, string name, MemoryType type) =>
        new(moduleName, name, ExternalKind.Memory) { Memory = type };

    /// <summary>A global import.</summary>
    public static Import ForGlobal(string moduleName, string name, GlobalType type) =>
        new(moduleName, name, ExternalKind.Global) { Global = type };

    /// <inheritdoc/>
    public override string ToString() => $"{ModuleName}.{Name} ({Kind})";
}
