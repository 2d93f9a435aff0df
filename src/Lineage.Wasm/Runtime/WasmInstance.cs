// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Lineage.Wasm.Compilation;
using Lineage.Wasm.Model;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// An instantiated module: its functions, tables, memories and globals (own and imported) and its exports.
/// Functions are compiled to IL lazily, on their first call.
/// </summary>
public sealed unsafe partial class WasmInstance
{
    /// <summary>Code pointers of the function index space (0 = not compiled yet); read by compiled code.</summary>
    internal readonly nint* CodeTable;

    /// <summary>The function index space (imports first).</summary>
    internal readonly WasmFunction[] Functions;

    /// <summary>The table index space.</summary>
    internal readonly WasmTable[] Tables;

    /// <summary>The memory index space (at most one memory in WebAssembly 2.0).</summary>
    internal readonly WasmMemory[] Memories;

    /// <summary>The global index space.</summary>
    internal readonly WasmGlobal[] Globals;

    /// <summary>The module's types, canonicalised store-wide (call_indirect compares references first).</summary>
    internal readonly FunctionType[] Types;

    /// <summary>Passive data segments (dropped ones are empty).</summary>
    internal readonly ReadOnlyMemory<byte>[] DataSegments;

    /// <summary>Element segments as resolved references (dropped ones are empty).</summary>
    internal readonly object?[][] ElementSegments;

    /// <summary>The store's execution state (stack limit, interrupt flag, fuel).</summary>
    internal readonly ExecutionState State;

    private readonly nint[] _codeTableStorage;
    private readonly Dictionary<string, object> _exports;
    private readonly ModuleCompiler _compiler;

    private WasmInstance(WasmStore store, WasmModule module)
    {
        Store = store;
        Module = module;
        State = store.State;
        _codeTableStorage = GC.AllocateArray<nint>(Math.Max(module.TotalFunctionCount, 1), pinned: true);
        CodeTable = (nint*)Unsafe.AsPointer(ref _codeTableStorage[0]);
        Functions = new WasmFunction[module.TotalFunctionCount];
        Tables = new WasmTable[module.TotalTableCount];
        Memories = new WasmMemory[module.TotalMemoryCount];
        Globals = new WasmGlobal[module.TotalGlobalCount];
        Types = [.. module.Types.Select(store.Canonicalize)];
        DataSegments = new ReadOnlyMemory<byte>[module.Data.Length];
        ElementSegments = new object?[module.Elements.Length][];
        _exports = new Dictionary<string, object>(StringComparer.Ordinal);
        _compiler = new ModuleCompiler(this);
    }

    /// <summary>The store the instance lives in.</summary>
    public WasmStore Store { get; }

    /// <summary>The module it instantiates.</summary>
    public WasmModule Module { get; }

    /// <summary>The exports by name: <see cref="WasmFunction"/>, <see cref="WasmMemory"/>, <see cref="WasmTable"/> or <see cref="WasmGlobal"/>.</summary>
    public IReadOnlyDictionary<string, object> Exports => _exports;

    /// <summary>The exported function <paramref name="name"/>.</summary>
    public WasmFunction GetFunction(string name) => GetExport<WasmFunction>(name);

    /// <summary>The exported memory <paramref name="name"/>.</summary>
    public WasmMemory GetMemory(string name) => GetExport<WasmMemory>(name);

    /// <summary>The exported table <paramref name="name"/>.</summary>
    public WasmTable GetTable(string name) => GetExport<WasmTable>(name);

    /// <summary>The exported global <paramref name="name"/>.</summary>
    public WasmGlobal GetGlobal(string name) => GetExport<WasmGlobal>(name);

    /// <summary>Looks an export up.</summary>
    public bool TryGetExport(string name, out object? external)
    {
        var found = _exports.TryGetValue(name, out var value);
        external = value;
        return found;
    }

    /// <summary>Compiles function <paramref name="index"/> if needed and returns its code pointer; called by compiled code.</summary>
    internal nint CompileFunction(int index)
    {
        var code = CodeTable[index];
        if (code != 0)
        {
            return code;
        }

        code = _compiler.Compile(index);
        CodeTable[index] = code;
        Functions[index].Code = code;
        return code;
    }

    /// <summary>The compiled method of function <paramref name="index"/> if it is already compiled, for direct calls.</summary>
    internal System.Reflection.MethodInfo? TryGetCompiledMethod(int index) => _compiler.TryGetMethod(index);

    private T GetExport<T>(string name)
        where T : class
    {
        if (!_exports.TryGetValue(name, out var value))
        {
            throw new KeyNotFoundException($"no export named '{name}'");
        }

        return value as T ?? throw new InvalidCastException($"export '{name}' is a {value.GetType().Name}, not a {typeof(T).Name}");
    }
}
