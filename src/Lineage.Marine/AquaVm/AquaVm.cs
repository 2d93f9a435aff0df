// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.Config;
using Lineage.Marine.Hosting;
using Lineage.Marine.InterfaceTypes;
using Lineage.Marine.Values;
using Microsoft.Extensions.Logging;

namespace Lineage.Marine.AquaVm;

/// <summary>
/// One instance of the official AquaVM (<c>avm.wasm</c>) hosted as a Marine module: <c>invoke</c> with typed
/// inputs and outcome, <c>ast</c> and <c>to_human_readable_data</c>. An instance runs one call at a time; use
/// <see cref="AquaVmPool"/> for concurrency.
/// </summary>
public sealed class AquaVm : IDisposable
{
    private const string ModuleName = "avm";

    private static readonly string[] s_runParameterFields =
    [
        "init_peer_id", "current_peer_id", "timestamp", "ttl", "key_format", "secret_key_bytes", "particle_id",
        "air_size_limit", "particle_size_limit", "call_result_size_limit", "hard_limit_enabled",
    ];

    private readonly MarineService _service;
    private readonly AquaVmOptions _options;

    private AquaVm(MarineService service, AquaVmOptions options)
    {
        _service = service;
        _options = options;
    }

    /// <summary>Instantiates avm.wasm and checks its interface is the AquaVM host contract this type speaks.</summary>
    /// <exception cref="MarineLoadException">The module is not a compatible AquaVM.</exception>
    public static AquaVm Load(ReadOnlyMemory<byte> avmWasm, AquaVmOptions? options = null, ILogger? logger = null)
    {
        options ??= new AquaVmOptions();
        var config = new MarineServiceConfig
        {
            TotalMemoryLimit = System.Text.Json.JsonSerializer.SerializeToElement(options.MemoryLimitBytes),
            Modules = [new MarineModuleConfig { Name = ModuleName, Wasi = new MarineWasiConfig { Envs = new Dictionary<string, string> { ["WASM_LOG"] = "off" } } }],
        };
        MarineService service = MarineService.Load(config, _ => avmWasm, new MarineHostOptions { CallTimeout = options.InvokeTimeout }, logger);
        try
        {
            CheckInterface(service.Interface);
        }
        catch
        {
            service.Dispose();
            throw;
        }

        return new AquaVm(service, options);
    }

    /// <summary>Runs AIR on this peer: merges prev_data with data, applies call results, returns the outcome.</summary>
    /// <exception cref="AquaVmException">An input exceeds its limit or the outcome is malformed.</exception>
    /// <exception cref="MarineCallException">avm.wasm trapped or ran out of time.</exception>
    public AquaVmOutcome Invoke(
        string air,
        ReadOnlyMemory<byte> prevData,
        ReadOnlyMemory<byte> data,
        AquaVmRunParameters parameters,
        IReadOnlyDictionary<uint, AquaVmCallResult> callResults) =>
        InvokeRaw(air, prevData, data, parameters, AquaVmCodec.EncodeCallResults(callResults));

    /// <summary><see cref="Invoke"/> with call results already serialized (multiformat msgpack).</summary>
    public AquaVmOutcome InvokeRaw(string air, ReadOnlyMemory<byte> prevData, ReadOnlyMemory<byte> data, AquaVmRunParameters parameters, byte[] callResults)
    {
        ArgumentNullException.ThrowIfNull(air);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(callResults);
        Limit("AIR", System.Text.Encoding.UTF8.GetByteCount(air), _options.MaxAirBytes);
        Limit("prev_data", prevData.Length, _options.MaxDataBytes);
        Limit("data", data.Length, _options.MaxDataBytes);
        Limit("call results", callResults.Length, _options.MaxCallResultsBytes);
        var runParameters = new MarineRecord("RunParameters",
        [
            new("init_peer_id", parameters.InitPeerId), new("current_peer_id", parameters.CurrentPeerId),
            new("timestamp", parameters.Timestamp), new("ttl", parameters.Ttl), new("key_format", parameters.KeyFormat),
            new("secret_key_bytes", parameters.SecretKeyBytes.ToArray()), new("particle_id", parameters.ParticleId),
            new("air_size_limit", parameters.AirSizeLimit), new("particle_size_limit", parameters.ParticleSizeLimit),
            new("call_result_size_limit", parameters.CallResultSizeLimit), new("hard_limit_enabled", parameters.HardLimitEnabled),
        ]);
        var outcome = (MarineRecord)_service.Call("invoke", [air, prevData.ToArray(), data.ToArray(), runParameters, callResults])!;
        byte[] rawRequests = (byte[])outcome["call_requests"]!;
        return new AquaVmOutcome(
            (long)outcome["ret_code"]!,
            (string)outcome["error_message"]!,
            (byte[])outcome["data"]!,
            [.. ((object?[])outcome["next_peer_pks"]!).Cast<string>()],
            AquaVmCodec.DecodeCallRequests(rawRequests),
            rawRequests,
            (bool)outcome["air_size_limit_exceeded"]!,
            (bool)outcome["particle_size_limit_exceeded"]!,
            (bool)outcome["call_result_size_limit_exceeded"]!);
    }

    /// <summary>AquaVM's parse of <paramref name="air"/>: the AST as JSON text, or the parse error.</summary>
    public string Ast(string air)
    {
        Limit("AIR", System.Text.Encoding.UTF8.GetByteCount(air), _options.MaxAirBytes);
        return (string)_service.Call("ast", [air])!;
    }

    /// <summary>The JSON view of AquaVM data (trace, CID stores, signatures, versions).</summary>
    public string ToHumanReadableData(ReadOnlyMemory<byte> data)
    {
        Limit("data", data.Length, _options.MaxDataBytes);
        return (string)_service.Call("to_human_readable_data", [data.ToArray()])!;
    }

    public void Dispose() => _service.Dispose();

    private static void Limit(string what, int size, int limit)
    {
        if (size > limit)
        {
            throw new AquaVmException($"{what} of {size} bytes exceeds the limit of {limit} bytes");
        }
    }

    private static void CheckInterface(MarineInterface avm)
    {
        if (!avm.TryGetFunction("invoke", out MarineFunctionSignature invoke) || invoke.Arguments.Count != 5
            || invoke.Arguments[3].Type.Code != ITypeCode.Record || invoke.Output?.Code != ITypeCode.Record)
        {
            throw new MarineLoadException("not an AquaVM module: it has no invoke(air, prev_data, data, params, call_results) -> outcome");
        }

        RecordTypeDefinition run = avm.Record(invoke.Arguments[3].Type.RecordTypeId);
        if (!run.Fields.Select(f => f.Name).SequenceEqual(s_runParameterFields))
        {
            throw new MarineLoadException($"AquaVM RunParameters fields are ({string.Join(", ", run.Fields.Select(f => f.Name))}); this host speaks ({string.Join(", ", s_runParameterFields)})");
        }
    }
}
