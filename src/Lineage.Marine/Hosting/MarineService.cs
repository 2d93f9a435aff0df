// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Marine.Abi;
using Lineage.Marine.Config;
using Lineage.Marine.InterfaceTypes;
using Lineage.Marine.Modules;
using Lineage.Marine.Values;
using Lineage.Marine.Wasi;
using Lineage.Wasm.Binary;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using Lineage.Wasm.Wasi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.Marine.Hosting;

/// <summary>
/// A Marine service: its modules instantiated shared-nothing (one memory and WASI view each) in one store,
/// linked by module name, with the host API and the WASI subset. Calls run one at a time; a call that traps,
/// times out or breaks the ABI fails with <see cref="MarineCallException"/> and the instances are rebuilt
/// before the next call (mapped directories keep their files).
/// </summary>
public sealed partial class MarineService : IDisposable
{
    private readonly MarineServiceConfig _config;
    private readonly List<LoadedModule> _modules;
    private readonly Dictionary<string, LoadedModule> _modulesByName;
    private readonly MarineHostOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly uint _memoryPageLimit;
    private Instances? _instances;
    private MarineCallParameters _callParameters = MarineCallParameters.Empty;
    private bool _disposed;

    private MarineService(MarineServiceConfig config, List<LoadedModule> modules, MarineHostOptions options, ILogger logger)
    {
        _config = config;
        _modules = modules;
        _modulesByName = modules.ToDictionary(m => m.Config.Name, StringComparer.Ordinal);
        _options = options;
        _logger = logger;
        long limit = config.MemoryLimitBytes ?? options.DefaultMemoryLimit;
        _memoryPageLimit = (uint)Math.Clamp((limit + 65535) / 65536, 1, 65536);
        Facade = _modulesByName[config.FacadeName];
    }

    /// <summary>The facade's interface: what callers of the service see.</summary>
    public MarineInterface Interface => Facade.Info.Interface;

    /// <summary>Module names in load order (the facade included).</summary>
    public IReadOnlyList<string> ModuleNames => [.. _modules.Select(m => m.Config.Name)];

    private LoadedModule Facade { get; }

    /// <summary>
    /// Decodes and checks every module of <paramref name="config"/> and instantiates the service.
    /// <paramref name="moduleBytes"/> supplies each module's Wasm bytes.
    /// </summary>
    /// <exception cref="MarineLoadException">A module is invalid or an import cannot be granted.</exception>
    public static MarineService Load(
        MarineServiceConfig config,
        Func<MarineModuleConfig, ReadOnlyMemory<byte>> moduleBytes,
        MarineHostOptions? options = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(moduleBytes);
        options ??= new MarineHostOptions();
        try
        {
            config.Validate();
        }
        catch (FormatException e)
        {
            throw new MarineLoadException("invalid service config: " + e.Message, e);
        }

        if (config.Modules.Count == 0)
        {
            throw new MarineLoadException("the service has no modules");
        }

        var modules = new List<LoadedModule>();
        foreach (MarineModuleConfig moduleConfig in config.Modules)
        {
            WasmModule module;
            MarineModuleInfo info;
            try
            {
                module = WasmModule.Decode(moduleBytes(moduleConfig));
                info = MarineModuleInfo.FromCustomSections(module.CustomSections.Select(s => new KeyValuePair<string, ReadOnlyMemory<byte>>(s.Name, s.Data)));
            }
            catch (WasmFormatException e)
            {
                throw new MarineLoadException($"module '{moduleConfig.Name}' is not valid Wasm: {e.Message}", e);
            }
            catch (InterfaceTypesFormatException e)
            {
                throw new MarineLoadException($"module '{moduleConfig.Name}': {e.Message}", e);
            }

            var loaded = new LoadedModule(moduleConfig, module, info);
            CheckImports(loaded, modules, options);
            modules.Add(loaded);
        }

        var service = new MarineService(config, modules, options, logger ?? NullLogger.Instance);
        try
        {
            service.EnsureInstances();
        }
        catch
        {
            service.Dispose();
            throw;
        }

        return service;
    }

    /// <summary>
    /// Linear memory of each module (in load order) and the service's memory limit, without waiting for a running
    /// call. A module whose instance was discarded after a failure reports 0 until the next call rebuilds it.
    /// </summary>
    public IReadOnlyList<MarineModuleMemory> MemoryStats()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Instances? instances = _instances;
        long limit = (long)_memoryPageLimit * 65536;
        return [.. _modules.Select(m => new MarineModuleMemory(
            m.Config.Name,
            instances is not null && instances.ByName.TryGetValue(m.Config.Name, out MarineModuleInstance? instance) ? (long)instance.Memory.Pages * 65536 : 0,
            limit))];
    }

    /// <summary>The interface of one module of the service.</summary>
    public MarineInterface ModuleInterface(string module) => Module(module).Info.Interface;

    /// <summary>
    /// Calls <paramref name="function"/> of the facade (or of <paramref name="module"/>) with .NET values and
    /// returns the lifted result (null for none). One call at a time per service.
    /// </summary>
    /// <exception cref="MarineValueException">The arguments do not match the function's interface.</exception>
    /// <exception cref="MarineCallException">The call failed inside the service.</exception>
    public object? Call(string function, IReadOnlyList<object?> arguments, MarineCallParameters? callParameters = null, string? module = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        (LoadedModule target, MarineFunctionSignature signature) = Resolve(function, module);
        if (arguments.Count != signature.Arguments.Count)
        {
            throw new MarineValueException($"{function} takes {signature.Arguments.Count} arguments, got {arguments.Count}");
        }

        object?[] canonical = new object?[arguments.Count];
        for (int i = 0; i < canonical.Length; i++)
        {
            canonical[i] = MarineValues.Normalize(arguments[i], signature.Arguments[i].Type, target.Info.Interface, signature.Arguments[i].Name);
        }

        return Invoke(target, signature, canonical, callParameters, CancellationToken.None);
    }

    /// <summary>Calls a function with JSON arguments (array, object by name, or null) and returns the JSON result.</summary>
    public JsonNode? CallJson(string function, JsonNode? arguments, MarineCallParameters? callParameters = null, string? module = null) =>
        CallJsonAsync(function, arguments, callParameters, module, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Calls a function with JSON arguments. Waits for the service's previous call to finish; cancelling
    /// interrupts a running call.
    /// </summary>
    public async Task<JsonNode?> CallJsonAsync(
        string function, JsonNode? arguments, MarineCallParameters? callParameters, string? module, CancellationToken cancellationToken)
    {
        (LoadedModule target, MarineFunctionSignature signature) = Resolve(function, module);
        object?[] values = MarineJson.Arguments(arguments, signature, target.Info.Interface);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            object? result = InvokeLocked(target, signature, values, callParameters, cancellationToken);
            return signature.Output is null ? null : MarineJson.ToJson(result, signature.Output, target.Info.Interface);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _instances?.Dispose();
        _instances = null;
        _gate.Dispose();
    }

    private static void CheckImports(LoadedModule loaded, List<LoadedModule> earlier, MarineHostOptions options)
    {
        string name = loaded.Config.Name;
        foreach (Import import in loaded.Module.Imports)
        {
            string where = $"module '{name}' imports '{import.ModuleName}.{import.Name}'";
            if (import.Kind != ExternalKind.Function)
            {
                throw new MarineLoadException($"{where}, which is not a function: Marine modules share nothing");
            }

            if (import.ModuleName == MarineWasi.Namespace)
            {
                continue;
            }

            if (HostApi.IsHostNamespace(import.ModuleName))
            {
                if (HostApi.IsBuiltin(import.Name))
                {
                    continue;
                }

                // Anything else in a host namespace is a mounted binary: granted only when the module config
                // names it AND the node allows that exact absolute path.
                if (!loaded.Config.MountedBinaries.TryGetValue(import.Name, out string? path))
                {
                    throw new MarineLoadException($"{where}: mounted binary '{import.Name}' is not granted to this module");
                }

                if (!options.AllowedMountedBinaries.Contains(path))
                {
                    throw new MarineLoadException($"{where}: mounted binary '{import.Name}' = '{path}' is not in the node's allowed binaries");
                }

                continue;
            }

            LoadedModule? callee = earlier.FirstOrDefault(m => m.Config.Name == import.ModuleName)
                ?? throw new MarineLoadException($"{where}, but no module loaded before it is called '{import.ModuleName}' (dependencies must come first)");
            MarineFunctionSignature importSignature = loaded.Info.Interface.Imports.FirstOrDefault(i => i.Name == import.ModuleName + "." + import.Name)
                ?? throw new MarineLoadException($"{where}, but its interface-types section does not declare that import");
            if (!callee.Info.Interface.TryGetFunction(import.Name, out MarineFunctionSignature exported))
            {
                throw new MarineLoadException($"{where}, but module '{import.ModuleName}' exports no such function");
            }

            if (!SameSignature(importSignature, loaded.Info.Interface, exported, callee.Info.Interface))
            {
                throw new MarineLoadException($"{where} with a signature different from the one '{import.ModuleName}' exports");
            }

            FunctionType declared = loaded.Module.Types[(int)import.FunctionTypeIndex];
            FunctionType expected = MarineModuleInstance.ExpectedCoreType(importSignature);
            if (!declared.Equals(expected))
            {
                throw new MarineLoadException($"{where} with core type {declared}, but its interface type needs {expected}");
            }
        }
    }

    private static bool SameSignature(MarineFunctionSignature a, MarineInterface ai, MarineFunctionSignature b, MarineInterface bi) =>
        a.Arguments.Count == b.Arguments.Count && a.Outputs.Count == b.Outputs.Count
        && a.Arguments.Zip(b.Arguments).All(p => SameType(p.First.Type, ai, p.Second.Type, bi))
        && a.Outputs.Zip(b.Outputs).All(p => SameType(p.First, ai, p.Second, bi));

    private static bool SameType(IType a, MarineInterface ai, IType b, MarineInterface bi)
    {
        if (a.Code != b.Code)
        {
            return false;
        }

        if (a.Code == ITypeCode.Array)
        {
            return SameType(a.Element!, ai, b.Element!, bi);
        }

        if (a.Code != ITypeCode.Record)
        {
            return true;
        }

        RecordTypeDefinition ra = ai.Record(a.RecordTypeId);
        RecordTypeDefinition rb = bi.Record(b.RecordTypeId);
        return ra.Fields.Count == rb.Fields.Count
            && ra.Fields.Zip(rb.Fields).All(f => f.First.Name == f.Second.Name && SameType(f.First.Type, ai, f.Second.Type, bi));
    }

    private LoadedModule Module(string name) => _modulesByName.TryGetValue(name, out LoadedModule? module)
        ? module
        : throw new MarineValueException($"the service has no module '{name}'");

    private (LoadedModule Module, MarineFunctionSignature Signature) Resolve(string function, string? module)
    {
        LoadedModule target = module is null ? Facade : Module(module);
        return target.Info.Interface.TryGetFunction(function, out MarineFunctionSignature signature)
            ? (target, signature)
            : throw new MarineValueException($"module '{target.Config.Name}' has no function '{function}'");
    }

    private object? Invoke(LoadedModule target, MarineFunctionSignature signature, object?[] arguments, MarineCallParameters? callParameters, CancellationToken cancellationToken)
    {
        _gate.Wait(cancellationToken);
        try
        {
            return InvokeLocked(target, signature, arguments, callParameters, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private object? InvokeLocked(LoadedModule target, MarineFunctionSignature signature, object?[] arguments, MarineCallParameters? callParameters, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Instances instances = EnsureInstances();
        _callParameters = callParameters ?? MarineCallParameters.Empty;
        instances.Store.SetDeadline(_options.CallTimeout);
        using CancellationTokenRegistration registration = cancellationToken.Register(static s => ((WasmStore)s!).Interrupt(), instances.Store);
        try
        {
            // One hop to the store's guest thread for the whole call (lower, invoke, lift, release), not one per export.
            MarineModuleInstance instance = instances.ByName[target.Config.Name];
            return instances.Store.Run(() => instance.Call(signature, arguments));
        }
        catch (WasmTrapException trap)
        {
            Discard();
            cancellationToken.ThrowIfCancellationRequested();
            throw new MarineCallException(Describe(trap, target, signature, instances), trap);
        }
        catch (MarineAbiException abi)
        {
            Discard();
            throw new MarineCallException($"module '{target.Config.Name}' broke the Marine ABI in '{signature.Name}': {abi.Message}", abi);
        }
        finally
        {
            instances.Store.ClearDeadline();
            _callParameters = MarineCallParameters.Empty;
        }
    }

    private string Describe(WasmTrapException trap, LoadedModule target, MarineFunctionSignature signature, Instances instances)
    {
        string call = $"call to '{target.Config.Name}.{signature.Name}'";
        switch (trap.Code)
        {
            case TrapCode.DeadlineExceeded:
                return $"{call} was interrupted: it exceeded its time limit of {_options.CallTimeout.TotalSeconds:0.###} s (or was cancelled)";
            case TrapCode.CallStackExhausted:
                return $"{call} exhausted the call stack";
            case TrapCode.HostError when trap.InnerException is WasiExitException exit:
                return $"{call} ended the module: it called proc_exit({exit.ExitCode})";
            case TrapCode.HostError when trap.InnerException is MarineAbiException or MarineCallException:
                return $"{call} failed: {trap.InnerException.Message}";
            case TrapCode.HostError:
                return $"{call} failed in a host function: {trap.InnerException?.Message ?? trap.Message}";
        }

        foreach (MarineModuleInstance instance in instances.ByName.Values)
        {
            // A failed memory.grow is not a trap: the allocator aborts instead. Memory that stopped growing close to
            // the limit (within an eighth, or 16 MiB) is the tell.
            uint headroom = Math.Min(_memoryPageLimit / 8, 256);
            if (instance.Memory.Pages + headroom >= _memoryPageLimit)
            {
                return $"{call} trapped ({trap.Message}) after module '{instance.Name}' reached the service memory limit of {(long)_memoryPageLimit * 65536} bytes";
            }
        }

        return $"{call} trapped: {trap.Message}";
    }

    private void Discard()
    {
        _instances?.Dispose();
        _instances = null;
    }

    private Instances EnsureInstances()
    {
        if (_instances is not null)
        {
            return _instances;
        }

        var store = new WasmStore(new WasmStoreOptions { MemoryPageLimit = _memoryPageLimit });
        var instances = new Instances(store);
        try
        {
            foreach (LoadedModule module in _modules)
            {
                var slot = new ModuleSlot();
                var imports = new WasmImports();
                var wasi = new MarineWasi(module.Config.Name, module.Config, () => slot.Instance!.Memory, (fd, line) => LogOutput(module.Config.Name, fd, line));
                instances.Wasi.Add(wasi);
                wasi.Define(imports, module.Module);
                DefineHostImports(module, slot, imports, instances);
                WasmInstance instance = store.Instantiate(module.Module, imports);
                slot.Instance = new MarineModuleInstance(module.Config.Name, module.Config, module.Info.Interface, instance);
                instances.ByName[module.Config.Name] = slot.Instance;
                Initialize(instance, module.Config.Name);
            }
        }
        catch (Exception e) when (e is WasmLinkException or WasmTrapException or MarineAbiException)
        {
            instances.Dispose();
            throw new MarineLoadException($"service could not be instantiated: {e.Message}", e);
        }
        catch
        {
            instances.Dispose();
            throw;
        }

        _instances = instances;
        return instances;
    }

    private static void Initialize(WasmInstance instance, string module)
    {
        // Marine runs a reactor's _initialize (or a command's _start) once, before any call.
        string? entry = instance.TryGetExport("_initialize", out object? init) && init is WasmFunction ? "_initialize"
            : instance.TryGetExport("_start", out object? start) && start is WasmFunction ? "_start"
            : null;
        if (entry is null)
        {
            return;
        }

        try
        {
            instance.GetFunction(entry).Invoke();
        }
        catch (WasmTrapException trap) when (trap.InnerException is WasiExitException { ExitCode: 0 })
        {
            // a command that returns from main exits with 0: fine
        }
        catch (WasmTrapException trap)
        {
            throw new MarineLoadException($"module '{module}' failed in {entry}: {trap.InnerException?.Message ?? trap.Message}", trap);
        }
    }

    private void DefineHostImports(LoadedModule module, ModuleSlot slot, WasmImports imports, Instances instances)
    {
        foreach (Import import in module.Module.Imports)
        {
            if (import.ModuleName == MarineWasi.Namespace)
            {
                continue;
            }

            FunctionType type = module.Module.Types[(int)import.FunctionTypeIndex];
            WasmFunction function;
            if (HostApi.IsHostNamespace(import.ModuleName))
            {
                function = import.Name switch
                {
                    HostApi.GetCallParameters => HostApi.CallParametersFunction(type, slot, () => _callParameters, import.ModuleName),
                    HostApi.LogUtf8String => HostApi.LogFunction(type, slot, module.Config, (level, target, message) => LogModule(module.Config.Name, level, target, message)),
                    _ => HostApi.MountedBinaryFunction(type, slot, import.Name, module.Config.MountedBinaries[import.Name], _options),
                };
            }
            else
            {
                function = CrossModuleFunction(type, slot, module, import, instances);
            }

            imports.Define(import.ModuleName, import.Name, function);
        }
    }

    private static WasmFunction CrossModuleFunction(FunctionType type, ModuleSlot caller, LoadedModule module, Import import, Instances instances)
    {
        MarineFunctionSignature importSignature = module.Info.Interface.Imports.First(i => i.Name == import.ModuleName + "." + import.Name);
        MarineInterface callerTypes = module.Info.Interface;
        return WasmFunction.FromCallback(type, (args, results) =>
        {
            MarineModuleInstance callee = instances.ByName[import.ModuleName];
            callee.Interface.TryGetFunction(import.Name, out MarineFunctionSignature exported);
            var flat = new AbiValue[args.Length];
            for (int i = 0; i < args.Length; i++)
            {
                flat[i] = MarineModuleInstance.FromWasm(args[i]);
            }

            // Lift from the caller's memory, lower into the callee's (separate memories: values are copied).
            var lifter = new ValueLifter(caller.Instance!, callerTypes);
            object?[] values = new object?[importSignature.Arguments.Count];
            int index = 0;
            for (int i = 0; i < values.Length; i++)
            {
                object lifted = lifter.LiftFlat(importSignature.Arguments[i].Type, flat, ref index, $"{import.ModuleName}.{import.Name} argument '{importSignature.Arguments[i].Name}'");
                values[i] = MarineValues.Normalize(lifted, exported.Arguments[i].Type, callee.Interface, exported.Arguments[i].Name);
            }

            object? result = callee.Call(exported, values);
            if (importSignature.Output is not { } output)
            {
                return;
            }

            object converted = MarineValues.Normalize(result, output, callerTypes, "result");
            if (MarineLayout.ReturnsThroughRegisters(output))
            {
                (int pointer, int size) = new ValueLowerer(caller.Instance!, callerTypes).LowerResult(output, converted);
                caller.Instance!.SetResultRegisters(pointer, size);
            }
            else
            {
                var direct = new List<AbiValue>(1);
                new ValueLowerer(caller.Instance!, callerTypes).LowerArgument(output, converted, direct);
                results[0] = MarineModuleInstance.ToWasm(direct[0]);
            }
        });
    }

    private void LogOutput(string module, int fd, string line)
    {
        if (fd == 1)
        {
            LogStdout(_logger, module, line);
        }
        else
        {
            LogStderr(_logger, module, line);
        }
    }

    private void LogModule(string module, int level, int target, string message)
    {
        LogLevel logLevel = level switch
        {
            1 => LogLevel.Error,
            2 => LogLevel.Warning,
            3 => LogLevel.Information,
            4 => LogLevel.Debug,
            _ => LogLevel.Trace,
        };
        LogFromModule(_logger, logLevel, module, target, message);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "[{Module}] stdout: {Line}")]
    private static partial void LogStdout(ILogger logger, string module, string line);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "[{Module}] stderr: {Line}")]
    private static partial void LogStderr(ILogger logger, string module, string line);

    [LoggerMessage(EventId = 5003, Message = "[{Module}] (target {Target}) {Message}")]
    private static partial void LogFromModule(ILogger logger, LogLevel level, string module, int target, string message);

    private sealed record LoadedModule(MarineModuleConfig Config, WasmModule Module, MarineModuleInfo Info);

    /// <summary>Where host functions find the instance that imported them (it exists only after instantiation).</summary>
    internal sealed class ModuleSlot
    {
        public MarineModuleInstance? Instance { get; set; }
    }

    private sealed class Instances(WasmStore store) : IDisposable
    {
        public WasmStore Store { get; } = store;

        public Dictionary<string, MarineModuleInstance> ByName { get; } = new(StringComparer.Ordinal);

        public List<MarineWasi> Wasi { get; } = [];

        public void Dispose()
        {
            foreach (MarineWasi wasi in Wasi)
            {
                wasi.Dispose();
            }

            Store.Dispose();
        }
    }
}
