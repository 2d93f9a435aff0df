// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using Lineage.Wasm.Validation;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.SpecTests.Harness;

/// <summary>
/// Runs the spec scripts on Lineage.Wasm: decode → validate → instantiate in one <see cref="WasmStore"/> per script
/// (guest code runs on the store's guest thread with its stack guard), with the <c>spectest</c> host module and
/// the registered instances as imports.
/// </summary>
public sealed class RuntimeEngine : ISpecEngine
{
    /// <summary>Upper bound for one command; the spec scripts need milliseconds, this only stops a runaway loop.</summary>
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(30);

    private readonly WasmStore _store = new(new WasmStoreOptions { GuestStackSize = 16 << 20, StackReserve = 2 << 20 });
    private readonly Dictionary<string, WasmInstance> _named = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WasmInstance> _registered = new(StringComparer.Ordinal);
    private readonly WasmImports _spectest = CreateSpectest();
    private WasmInstance? _current;

    public bool CanExecute => true;

    public void Instantiate(byte[] bytes, string? name)
    {
        var module = WasmModule.Decode(bytes);
        Validator.Validate(module);
        var imports = CreateSpectest();
        foreach (var (asName, instance) in _registered)
        {
            imports.DefineInstance(asName, instance);
        }

        WasmInstance created;
        try
        {
            _store.SetDeadline(s_commandTimeout);
            created = _store.Instantiate(module, imports);
        }
        catch (WasmLinkException e)
        {
            throw new SpecLinkException(e.Message, e);
        }
        catch (WasmTrapException e)
        {
            throw new SpecTrapException(TrapCodes.Message(e.Code), e);
        }
        finally
        {
            _store.ClearDeadline();
        }

        _current = created;
        if (name is not null)
        {
            _named[name] = created;
        }
    }

    public void Validate(byte[] bytes) => Validator.Validate(WasmModule.Decode(bytes));

    public void Register(string? name, string asName) => _registered[asName] = Resolve(name);

    public IReadOnlyList<SpecValue> Invoke(string? moduleName, string field, IReadOnlyList<SpecValue> arguments)
    {
        var function = Resolve(moduleName).GetFunction(field);
        var values = new WasmValue[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ToWasm(arguments[i]);
        }

        WasmValue[] results;
        try
        {
            _store.SetDeadline(s_commandTimeout);
            results = function.Invoke(values);
        }
        catch (WasmTrapException e)
        {
            throw new SpecTrapException(TrapCodes.Message(e.Code), e);
        }
        finally
        {
            _store.ClearDeadline();
        }

        return [.. results.Select(FromWasm)];
    }

    public SpecValue GetGlobal(string? moduleName, string field) => FromWasm(Resolve(moduleName).GetGlobal(field).Value);

    public void Dispose() => _store.Dispose();

    private WasmInstance Resolve(string? name)
    {
        if (name is null)
        {
            return _current ?? throw new InvalidOperationException("no current module");
        }

        return _named.TryGetValue(name, out var instance) ? instance : throw new InvalidOperationException($"unknown module {name}");
    }

    private static WasmImports CreateSpectest()
    {
        var imports = new WasmImports();
        imports.DefineFunction("spectest", "print", () => { });
        imports.DefineFunction("spectest", "print_i32", (int _) => { });
        imports.DefineFunction("spectest", "print_i64", (long _) => { });
        imports.DefineFunction("spectest", "print_f32", (float _) => { });
        imports.DefineFunction("spectest", "print_f64", (double _) => { });
        imports.DefineFunction("spectest", "print_i32_f32", (int _, float _) => { });
        imports.DefineFunction("spectest", "print_f64_f64", (double _, double _) => { });
        imports.Define("spectest", "global_i32", new WasmGlobal(new GlobalType(ValueType.I32, false), WasmValue.FromI32(666)));
        imports.Define("spectest", "global_i64", new WasmGlobal(new GlobalType(ValueType.I64, false), WasmValue.FromI64(666)));
        imports.Define("spectest", "global_f32", new WasmGlobal(new GlobalType(ValueType.F32, false), WasmValue.FromF32(666.6f)));
        imports.Define("spectest", "global_f64", new WasmGlobal(new GlobalType(ValueType.F64, false), WasmValue.FromF64(666.6)));
        imports.Define("spectest", "table", new WasmTable(new TableType(ValueType.FuncRef, new Limits(10, 20))));
        imports.Define("spectest", "memory", new WasmMemory(1, 2));
        return imports;
    }

    private static WasmValue ToWasm(SpecValue value) => value.Type switch
    {
        "i32" => WasmValue.FromI32((int)(uint)value.Bits),
        "i64" => WasmValue.FromI64((long)value.Bits),
        "f32" => WasmValue.FromF32Bits((uint)value.Bits),
        "f64" => WasmValue.FromF64Bits(value.Bits),
        "v128" => WasmValue.FromV128(value.Bits, value.HighBits),
        "funcref" => WasmValue.FromFuncRef(value.Reference as WasmFunction),
        "externref" => WasmValue.FromExternRef(value.Reference),
        _ => throw new InvalidOperationException($"unknown value type {value.Type}"),
    };

    private static SpecValue FromWasm(WasmValue value) => value.Type switch
    {
        ValueType.I32 => new SpecValue("i32", (uint)value.I32, 0, null),
        ValueType.I64 => new SpecValue("i64", value.Bits, 0, null),
        ValueType.F32 => new SpecValue("f32", value.Bits & 0xFFFF_FFFF, 0, null),
        ValueType.F64 => new SpecValue("f64", value.Bits, 0, null),
        ValueType.V128 => new SpecValue("v128", value.Bits, value.HighBits, null),
        ValueType.FuncRef => new SpecValue("funcref", 0, 0, value.Reference),
        ValueType.ExternRef => new SpecValue("externref", 0, 0, value.Reference),
        _ => throw new InvalidOperationException($"unknown value type {value.Type}"),
    };
}
