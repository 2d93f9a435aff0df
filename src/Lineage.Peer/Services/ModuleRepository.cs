// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Marine.InterfaceTypes;
using Lineage.Marine.Modules;
using Lineage.Wasm.Binary;
using Lineage.Wasm.Model;

namespace Lineage.Peer.Services;

/// <summary>
/// The node's modules and blueprints, addressed by content (nox <c>particle-modules</c>): modules by
/// <see cref="ModuleCid"/>, blueprints by <see cref="Blueprint.Id"/>. Stored as files under the data directory
/// (<c>modules/{cid}.wasm</c>, <c>modules/{cid}_config.json</c>, <c>blueprints/{id}_blueprint.json</c>), so they
/// survive restarts. A module is checked (valid Wasm with a readable interface-types section) before it is stored.
/// </summary>
public sealed class ModuleRepository
{
    private readonly string _modules;
    private readonly string _blueprints;
    private readonly long _maxModuleSize;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServiceModuleConfig> _configs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MarineInterface> _interfaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Blueprint> _blueprintsById = new(StringComparer.Ordinal);

    /// <summary>Opens (or creates) the repository under <paramref name="dataDirectory"/> and reads what it holds.</summary>
    public ModuleRepository(string dataDirectory, long maxModuleSize = 64L << 20)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        _modules = Directory.CreateDirectory(Path.Combine(dataDirectory, "modules")).FullName;
        _blueprints = Directory.CreateDirectory(Path.Combine(dataDirectory, "blueprints")).FullName;
        _maxModuleSize = maxModuleSize;
        foreach (string file in Directory.EnumerateFiles(_modules, "*_config.json"))
        {
            string hash = Path.GetFileName(file)[..^"_config.json".Length];
            if (File.Exists(ModulePath(hash)))
            {
                _configs[hash] = ServiceModuleConfig.FromJson(JsonNode.Parse(File.ReadAllText(file)));
            }
        }

        foreach (string file in Directory.EnumerateFiles(_blueprints, "*_blueprint.json"))
        {
            var stored = JsonSerializer.Deserialize<StoredBlueprint>(File.ReadAllText(file))
                ?? throw new InvalidDataException($"{file} is empty");
            Blueprint blueprint = Blueprint.Create(stored.Name, stored.Dependencies);
            _blueprintsById[blueprint.Id] = blueprint;
        }
    }

    /// <summary>
    /// Checks and stores a module under its CID (the same bytes twice keep one copy; the latest config wins, as
    /// in nox) and returns the CID.
    /// </summary>
    /// <exception cref="ServiceException">The module is too large, not Wasm, or has no Marine interface.</exception>
    public string AddModule(ReadOnlyMemory<byte> wasm, ServiceModuleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (wasm.Length > _maxModuleSize)
        {
            throw new ServiceException($"module '{config.Name}' is {wasm.Length} bytes; the node accepts at most {_maxModuleSize}");
        }

        MarineInterface @interface = ReadInterface(wasm, config.Name);
        string hash = ModuleCid.Compute(wasm.Span).ToString();
        lock (_lock)
        {
            if (!File.Exists(ModulePath(hash)))
            {
                AtomicFile.Write(ModulePath(hash), wasm.Span);
            }

            AtomicFile.Write(ConfigPath(hash), JsonSerializer.SerializeToUtf8Bytes(config.ToJson()));
            _configs[hash] = config;
            _interfaces[hash] = @interface;
        }

        return hash;
    }

    /// <summary>aqua-lib <c>Module{name, hash, config}</c> of every stored module.</summary>
    public IReadOnlyList<(string Hash, ServiceModuleConfig Config)> ListModules()
    {
        lock (_lock)
        {
            return [.. _configs.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value))];
        }
    }

    /// <summary>The config a module was added with.</summary>
    /// <exception cref="ServiceException">No module has that CID.</exception>
    public ServiceModuleConfig GetConfig(string hash)
    {
        lock (_lock)
        {
            return _configs.TryGetValue(Canonical(hash), out ServiceModuleConfig? config)
                ? config
                : throw new ServiceException($"module {hash} not found");
        }
    }

    /// <summary>The interface of a stored module (read once, then cached).</summary>
    public MarineInterface GetInterface(string hash)
    {
        string key = Canonical(hash);
        ServiceModuleConfig config = GetConfig(key);
        lock (_lock)
        {
            if (_interfaces.TryGetValue(key, out MarineInterface? cached))
            {
                return cached;
            }
        }

        MarineInterface @interface = ReadInterface(ReadModule(key), config.Name);
        lock (_lock)
        {
            _interfaces[key] = @interface;
        }

        return @interface;
    }

    /// <summary>The Wasm bytes of a stored module.</summary>
    public byte[] ReadModule(string hash)
    {
        string key = Canonical(hash);
        _ = GetConfig(key);
        return File.ReadAllBytes(ModulePath(key));
    }

    /// <summary>Stores a blueprint whose every dependency is a stored module and returns its id.</summary>
    /// <exception cref="ServiceException">A dependency is not stored here, or two dependencies have the same module name.</exception>
    public string AddBlueprint(Blueprint blueprint)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string dependency in blueprint.Dependencies)
        {
            ServiceModuleConfig config = GetConfig(dependency);
            if (!names.Add(config.Name))
            {
                throw new ServiceException($"blueprint '{blueprint.Name}' has two modules named '{config.Name}'; module names are import namespaces and must differ");
            }
        }

        lock (_lock)
        {
            AtomicFile.Write(Path.Combine(_blueprints, blueprint.Id + "_blueprint.json"),
                JsonSerializer.SerializeToUtf8Bytes(new StoredBlueprint(blueprint.Name, blueprint.Dependencies)));
            _blueprintsById[blueprint.Id] = blueprint;
        }

        return blueprint.Id;
    }

    public IReadOnlyList<Blueprint> ListBlueprints()
    {
        lock (_lock)
        {
            return [.. _blueprintsById.Values.OrderBy(b => b.Id, StringComparer.Ordinal)];
        }
    }

    /// <exception cref="ServiceException">No blueprint has that id.</exception>
    public Blueprint GetBlueprint(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            return _blueprintsById.TryGetValue(id, out Blueprint? blueprint)
                ? blueprint
                : throw new ServiceException($"Blueprint {id} not found");
        }
    }

    private static MarineInterface ReadInterface(ReadOnlyMemory<byte> wasm, string name)
    {
        try
        {
            WasmModule module = WasmModule.Decode(wasm);
            return MarineModuleInfo.FromCustomSections(module.CustomSections.Select(s => new KeyValuePair<string, ReadOnlyMemory<byte>>(s.Name, s.Data))).Interface;
        }
        catch (WasmFormatException e)
        {
            throw new ServiceException($"module '{name}' is not valid Wasm: {e.Message}");
        }
        catch (InterfaceTypesFormatException e)
        {
            throw new ServiceException($"module '{name}' is not a Marine module: {e.Message}");
        }
    }

    private static string Canonical(string hash) =>
        Lineage.Core.Multiformats.Cid.TryParse(hash, out Lineage.Core.Multiformats.Cid? cid, out _) ? cid.ToString() : throw new ServiceException($"module {hash} not found: not a CID");

    private string ModulePath(string hash) => Path.Combine(_modules, hash + ".wasm");

    private string ConfigPath(string hash) => Path.Combine(_modules, hash + "_config.json");

    private sealed record StoredBlueprint(
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("dependencies")] IReadOnlyList<string> Dependencies);
}
