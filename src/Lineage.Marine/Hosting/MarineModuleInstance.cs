// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.Abi;
using Lineage.Marine.Config;
using Lineage.Marine.InterfaceTypes;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Marine.Hosting;

/// <summary>
/// One instantiated Marine module: its memory, its ABI exports and its interface. Calls an export with
/// canonical .NET values (lower, invoke, lift from the result registers, release_objects).
/// </summary>
internal sealed class MarineModuleInstance : IGuestMemory
{
    private readonly WasmMemory _memory;
    private readonly WasmFunction _allocate;
    private readonly WasmFunction _releaseObjects;
    private readonly WasmFunction _getResultPointer;
    private readonly WasmFunction _getResultSize;
    private readonly WasmFunction _setResultPointer;
    private readonly WasmFunction _setResultSize;
    private readonly Dictionary<string, WasmFunction> _exports = new(StringComparer.Ordinal);

    public MarineModuleInstance(string name, MarineModuleConfig config, MarineInterface @interface, WasmInstance instance)
    {
        Name = name;
        Config = config;
        Interface = @interface;
        Instance = instance;
        _memory = instance.TryGetExport("memory", out object? memory) && memory is WasmMemory m
            ? m
            : throw new MarineLoadException($"module '{name}' does not export its memory as 'memory'");
        _allocate = AbiExport(instance, name, "allocate");
        if (_allocate.Type.Parameters.Length is not (1 or 2) || _allocate.Type.Results is not [ValueType.I32])
        {
            throw new MarineLoadException($"module '{name}': allocate has type {_allocate.Type}, expected (i32, i32) -> i32");
        }

        _releaseObjects = AbiExport(instance, name, "release_objects");
        _getResultPointer = AbiExport(instance, name, "get_result_ptr");
        _getResultSize = AbiExport(instance, name, "get_result_size");
        _setResultPointer = AbiExport(instance, name, "set_result_ptr");
        _setResultSize = AbiExport(instance, name, "set_result_size");
        foreach (MarineFunctionSignature function in @interface.Functions)
        {
            if (!instance.TryGetExport(function.Name, out object? export) || export is not WasmFunction core)
            {
                throw new MarineLoadException($"module '{name}': interface function '{function.Name}' is not a Wasm export");
            }

            CheckCoreType(name, function, core.Type);
            _exports[function.Name] = core;
        }
    }

    public string Name { get; }

    public MarineModuleConfig Config { get; }

    public MarineInterface Interface { get; }

    public WasmInstance Instance { get; }

    public WasmMemory Memory => _memory;

    public Span<byte> Bytes => _memory.GetSpan(0, (int)Math.Min(_memory.Length, int.MaxValue));

    public int Allocate(int size, int typeTag) => _allocate.Type.Parameters.Length == 2
        ? _allocate.Invoke(WasmValue.FromI32(size), WasmValue.FromI32(typeTag))[0].I32
        : _allocate.Invoke(WasmValue.FromI32(size))[0].I32;

    public void SetResultRegisters(int pointer, int size)
    {
        _setResultPointer.Invoke(WasmValue.FromI32(pointer));
        _setResultSize.Invoke(WasmValue.FromI32(size));
    }

    public void SetResultPointer(int pointer) => _setResultPointer.Invoke(WasmValue.FromI32(pointer));

    /// <summary>Calls an exported interface function with canonical argument values; returns the lifted result or null.</summary>
    public object? Call(MarineFunctionSignature function, ReadOnlySpan<object?> arguments)
    {
        WasmFunction core = _exports[function.Name];
        var flat = new List<AbiValue>(core.Type.Parameters.Length);
        var lowerer = new ValueLowerer(this, Interface);
        for (int i = 0; i < function.Arguments.Count; i++)
        {
            lowerer.LowerArgument(function.Arguments[i].Type, arguments[i]!, flat);
        }

        var wasmArguments = new WasmValue[flat.Count];
        for (int i = 0; i < wasmArguments.Length; i++)
        {
            wasmArguments[i] = ToWasm(flat[i]);
        }

        WasmValue[] results = core.Invoke(wasmArguments);
        IType? output = function.Output;
        if (output is null)
        {
            return null;
        }

        if (!MarineLayout.ReturnsThroughRegisters(output))
        {
            return ValueLifter.LiftDirect(output, FromWasm(results[0]));
        }

        int pointer = _getResultPointer.Invoke()[0].I32;
        int size = _getResultSize.Invoke()[0].I32;
        object result = new ValueLifter(this, Interface).LiftFromRegisters(output, pointer, size);
        _releaseObjects.Invoke();
        return result;
    }

    public static WasmValue ToWasm(AbiValue value) => value.Kind switch
    {
        AbiValueKind.I32 => WasmValue.FromI32(value.I32),
        AbiValueKind.I64 => WasmValue.FromI64(value.I64),
        AbiValueKind.F32 => WasmValue.FromF32Bits((uint)value.Bits),
        _ => WasmValue.FromF64Bits(value.Bits),
    };

    public static AbiValue FromWasm(WasmValue value) => value.Type switch
    {
        ValueType.I32 => AbiValue.FromI32(value.I32),
        ValueType.I64 => AbiValue.FromI64(value.I64),
        ValueType.F32 => new AbiValue(AbiValueKind.F32, value.Bits),
        ValueType.F64 => new AbiValue(AbiValueKind.F64, value.Bits),
        _ => throw new MarineAbiException($"unexpected core value type {value.Type}"),
    };

    public static ValueType CoreType(AbiValueKind kind) => kind switch
    {
        AbiValueKind.I32 => ValueType.I32,
        AbiValueKind.I64 => ValueType.I64,
        AbiValueKind.F32 => ValueType.F32,
        _ => ValueType.F64,
    };

    /// <summary>The core Wasm type an interface function must have under the Marine ABI.</summary>
    public static FunctionType ExpectedCoreType(MarineFunctionSignature function)
    {
        var parameters = new List<AbiValueKind>();
        foreach (NamedType argument in function.Arguments)
        {
            MarineLayout.Flatten(argument.Type, parameters);
        }

        var results = new List<AbiValueKind>();
        if (function.Output is { } output && !MarineLayout.ReturnsThroughRegisters(output))
        {
            MarineLayout.Flatten(output, results);
        }

        return new FunctionType([.. parameters.Select(CoreType)], [.. results.Select(CoreType)]);
    }

    private static void CheckCoreType(string module, MarineFunctionSignature function, FunctionType actual)
    {
        FunctionType expected = ExpectedCoreType(function);
        if (!expected.Equals(actual))
        {
            throw new MarineLoadException(
                $"module '{module}': export '{function.Name}' has core type {actual}, but its interface type needs {expected}");
        }
    }

    private static WasmFunction AbiExport(WasmInstance instance, string module, string name) =>
        instance.TryGetExport(name, out object? export) && export is WasmFunction function
            ? function
            : throw new MarineLoadException($"module '{module}' lacks the Marine ABI export '{name}'");
}
