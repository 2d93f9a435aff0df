// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Runtime;

/// <summary>
/// Externals (functions, memories, tables, globals) offered to instantiation, resolved by (module, name). Whole
/// instances can be offered under a module name, which links instances to each other.
/// </summary>
public sealed class WasmImports
{
    private readonly Dictionary<(string Module, string Name), object> _externals = [];

    /// <summary>Offers a function.</summary>
    public WasmImports Define(string module, string name, WasmFunction function) => Add(module, name, function);

    /// <summary>Offers a memory.</summary>
    public WasmImports Define(string module, string name, WasmMemory memory) => Add(module, name, memory);

    /// <summary>Offers a table.</summary>
    public WasmImports Define(string module, string name, WasmTable table) => Add(module, name, table);

    /// <summary>Offers a global.</summary>
    public WasmImports Define(string module, string name, WasmGlobal global) => Add(module, name, global);

    /// <summary>Offers a host function built from a typed delegate (see <see cref="WasmFunction.FromDelegate"/>).</summary>
    public WasmImports DefineFunction(string module, string name, Delegate function) =>
        Add(module, name, WasmFunction.FromDelegate(function));

    /// <summary>Offers every export of <paramref name="instance"/> under the module name <paramref name="module"/>.</summary>
    public WasmImports DefineInstance(string module, WasmInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var (name, external) in instance.Exports)
        {
            Add(module, name, external);
        }

        return this;
    }

    /// <summary>Looks up an external; it is a <see cref="WasmFunction"/>, <see cref="WasmMemory"/>, <see cref="WasmTable"/> or <see cref="WasmGlobal"/>.</summary>
    public bool TryResolve(string module, string name, out object? external)
    {
        var found = _externals.TryGetValue((module, name), out var value);
        external = value;
        return found;
    }

    private WasmImports Add(string module, string name, object external)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(external);
        _externals[(module, name)] = external;
        return this;
    }
}
