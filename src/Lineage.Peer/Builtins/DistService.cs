// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Marine.InterfaceTypes;
using Lineage.Peer.Services;

namespace Lineage.Peer.Builtins;

/// <summary>
/// <c>Dist("dist")</c> of aqua-lib 0.10.2 over the node's <see cref="ModuleRepository"/> (nox <c>builtins.rs</c>):
/// module configs, modules by CID, blueprints. Adding modules or blueprints is for the host and its management
/// peers only (nox <c>guard_protected</c>); the rest is open. <c>*_from_vault</c> read the calling particle's own
/// vault files (absent when the node has no <see cref="VaultService"/>).
/// </summary>
public sealed class DistService(ServiceManager services, VaultService? vault = null) : IBuiltinService
{
    private static readonly string[] s_makeModuleConfigFields =
        ["name", "mem_pages_count", "max_heap_size", "logger_enabled", "preopened_files", "envs", "mapped_dirs", "mounted_binaries", "logging_mask"];

    public string ServiceId => "dist";

    public async ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ModuleRepository modules = services.Modules;
        try
        {
            switch (request.FunctionName)
            {
                case "make_module_config":
                    return MakeModuleConfig(request).ToJson();
                case "default_module_config":
                    return new ServiceModuleConfig { Name = request.Text(0) }.ToJson();
                case "load_module_config":
                    return ParseConfig(await ReadVaultAsync(request, 0, cancellationToken).ConfigureAwait(false)).ToJson();
                case "add_module":
                {
                    byte[] wasm = ModuleBytes(request);
                    ServiceModuleConfig config = ServiceModuleConfig.FromJson(request.Arg(1));
                    services.EnsurePrivileged(request.Context.InitPeerId, "dist.add_module");
                    return JsonValue.Create(modules.AddModule(wasm, config));
                }

                case "add_module_from_vault":
                {
                    ServiceModuleConfig config = ServiceModuleConfig.FromJson(request.Arg(1));
                    services.EnsurePrivileged(request.Context.InitPeerId, "dist.add_module_from_vault");
                    byte[] wasm = await ReadVaultAsync(request, 0, cancellationToken).ConfigureAwait(false);
                    return JsonValue.Create(modules.AddModule(wasm, config));
                }

                case "add_module_bytes_from_vault":
                {
                    var config = new ServiceModuleConfig { Name = request.Text(0) };
                    config.Validate();
                    services.EnsurePrivileged(request.Context.InitPeerId, "dist.add_module_bytes_from_vault");
                    byte[] wasm = await ReadVaultAsync(request, 1, cancellationToken).ConfigureAwait(false);
                    return JsonValue.Create(modules.AddModule(wasm, config));
                }

                case "list_modules":
                    return new JsonArray([.. modules.ListModules().Select(m => (JsonNode?)new JsonObject
                    {
                        ["name"] = m.Config.Name,
                        ["hash"] = m.Hash,
                        ["config"] = m.Config.ToJson(),
                    })]);
                case "get_module_interface":
                    return MarineInterfaceJson.ToJson(modules.GetInterface(request.Text(0)));
                case "make_blueprint":
                    return JsonValue.Create(MakeBlueprint(request));
                case "add_blueprint":
                {
                    Blueprint blueprint = Blueprint.ParseDagJson(request.Text(0));
                    services.EnsurePrivileged(request.Context.InitPeerId, "dist.add_blueprint");
                    return JsonValue.Create(modules.AddBlueprint(blueprint));
                }

                case "load_blueprint":
                {
                    Blueprint blueprint = Blueprint.ParseDagJson(Encoding.UTF8.GetString(await ReadVaultAsync(request, 0, cancellationToken).ConfigureAwait(false)));
                    return JsonValue.Create(Blueprint.ToDagJson(blueprint.Name, blueprint.Dependencies));
                }

                case "list_blueprints":
                    return new JsonArray([.. modules.ListBlueprints().Select(b => (JsonNode?)b.ToJson())]);
                case "get_blueprint":
                    return modules.GetBlueprint(request.Text(0)).ToJson();
                default:
                    throw new UnknownFunctionException(ServiceId, request.FunctionName);
            }
        }
        catch (ServiceException error)
        {
            throw new BuiltinException(error.Message);
        }
    }

    private static ServiceModuleConfig MakeModuleConfig(BuiltinCall request)
    {
        var fields = new JsonObject { ["name"] = request.Text(0) };
        for (int i = 1; i < s_makeModuleConfigFields.Length && i < request.Count; i++)
        {
            if (request.Arguments[i] is { } value)
            {
                fields[s_makeModuleConfigFields[i]] = value.DeepClone();
            }
        }

        return ServiceModuleConfig.FromJson(fields);
    }

    private static string MakeBlueprint(BuiltinCall request)
    {
        string name = request.Text(0);
        List<string> dependencies = [.. request.Array(1).Select(d => d is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new BuiltinException("make_blueprint: dependencies must be an array of CIDs"))];
        Blueprint blueprint = Blueprint.Create(name, dependencies);
        return Blueprint.ToDagJson(blueprint.Name, blueprint.Dependencies);
    }

    /// <summary>The module argument: base64 text (what nox takes) or an array of bytes (aqua-lib's <c>Bytes</c>).</summary>
    private static byte[] ModuleBytes(BuiltinCall request)
    {
        if (request.Arg(0) is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                return Convert.FromBase64String(text.GetValue<string>());
            }
            catch (FormatException)
            {
                throw new BuiltinException("add_module: the module must be base64 text or an array of bytes");
            }
        }

        return request.Bytes(0);
    }

    private static ServiceModuleConfig ParseConfig(byte[] json)
    {
        try
        {
            return ServiceModuleConfig.FromJson(JsonNode.Parse(json));
        }
        catch (JsonException e)
        {
            throw new BuiltinException($"load_module_config: the file is not a JSON module config: {e.Message}");
        }
    }

    private Task<byte[]> ReadVaultAsync(BuiltinCall request, int argument, CancellationToken cancellationToken) =>
        vault is null
            ? throw new BuiltinException($"{request.FunctionName}: this node has no particle vault")
            : vault.ReadAsync(request.Context, request.Text(argument), cancellationToken);
}
