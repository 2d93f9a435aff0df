// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Marine.Config;
using Lineage.Marine.Hosting;
using Lineage.Marine.InterfaceTypes;
using Lineage.Marine.Values;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.Peer.Services;

/// <summary>
/// The node's hosted Marine services (nox <c>ParticleAppServices</c>, fluence-peer.md §10): instances of
/// blueprints with UUID v4 ids, per-scope aliases, owner-only removal, call statistics, and persistence under the
/// data directory (<c>services/{id}.json</c>; each service's WASI directories under <c>workdir/{id}/</c>), so a
/// restarted node brings back its services, aliases and files. Calls to one service run one at a time (its
/// <see cref="MarineService"/> serialises them); different services run in parallel.
/// </summary>
public sealed partial class ServiceManager : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };
    private readonly ServiceManagerOptions _options;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;
    private readonly string _servicesDirectory;
    private readonly string _workDirectory;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HostedService> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _aliases = new(StringComparer.Ordinal);
    private bool _disposed;

    private ServiceManager(ServiceManagerOptions options, ILoggerFactory loggers)
    {
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<ServiceManager>();
        Modules = new ModuleRepository(options.DataDirectory, options.MaxModuleSize);
        _servicesDirectory = Directory.CreateDirectory(Path.Combine(options.DataDirectory, "services")).FullName;
        _workDirectory = Directory.CreateDirectory(Path.Combine(options.DataDirectory, "workdir")).FullName;
    }

    /// <summary>The modules and blueprints services are made of.</summary>
    public ModuleRepository Modules { get; }

    /// <summary>The node's peer id.</summary>
    public string HostPeerId => _options.HostPeerId;

    /// <summary>
    /// Opens the registry in <see cref="ServiceManagerOptions.DataDirectory"/> and re-creates every persisted
    /// service with its id, owner and aliases (a service that no longer loads is logged and skipped, as nox does).
    /// </summary>
    public static ServiceManager Open(ServiceManagerOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var manager = new ServiceManager(options, loggers ?? NullLoggerFactory.Instance);
        foreach (string file in Directory.EnumerateFiles(manager._servicesDirectory, "*.json"))
        {
            try
            {
                ServiceInfo info = JsonSerializer.Deserialize<ServiceInfo>(File.ReadAllText(file))
                    ?? throw new InvalidDataException("empty service record");
                manager.Restore(info);
            }
            catch (Exception e) when (e is ServiceException or MarineLoadException or JsonException or IOException or InvalidDataException)
            {
                LogRestoreFailed(manager._logger, Path.GetFileName(file), e.Message);
            }
        }

        return manager;
    }

    /// <summary>True for the host itself and the management peers: they may deploy, alias and remove.</summary>
    public bool IsPrivileged(string peerId) => peerId == _options.HostPeerId || _options.ManagementPeerIds.Contains(peerId);

    /// <summary>nox <c>guard_protected</c>: refuses <paramref name="initPeerId"/> unless it is the host or a management peer.</summary>
    /// <exception cref="ServiceException">The peer is not privileged.</exception>
    public void EnsurePrivileged(string initPeerId, string function)
    {
        if (!IsPrivileged(initPeerId))
        {
            throw new ServiceException($"{function}: peer '{initPeerId}' is not allowed: this function is only available to the host and its management peers");
        }
    }

    /// <summary>Creates an instance of a stored blueprint owned by <paramref name="ownerId"/> in scope <paramref name="workerId"/>.</summary>
    /// <exception cref="ServiceException">No such blueprint, or the service does not load.</exception>
    public ServiceInfo Create(string blueprintId, string ownerId, string workerId)
    {
        ArgumentNullException.ThrowIfNull(blueprintId);
        var info = new ServiceInfo(Guid.NewGuid().ToString(), blueprintId, ServiceInfo.ServiceTypeService, ownerId, [], workerId);
        HostedService hosted;
        try
        {
            hosted = Instantiate(info);
        }
        catch
        {
            // Leave nothing behind of a service that never existed.
            DeleteDirectory(info.Id);
            throw;
        }

        lock (_lock)
        {
            ThrowIfDisposed();
            Persist(info);
            _services[info.Id] = hosted;
        }

        LogCreated(_logger, info.Id, blueprintId, ownerId);
        return info;
    }

    /// <summary>
    /// Removes a service (by id or alias in <paramref name="workerId"/>'s scope). Only its owner, the worker itself
    /// (the host for the host scope) and management peers may; the service's directory goes with it.
    /// </summary>
    public void Remove(string workerId, string idOrAlias, string initPeerId)
    {
        HostedService hosted;
        lock (_lock)
        {
            hosted = Find(workerId, idOrAlias) ?? throw NotFound(idOrAlias);
            ServiceInfo info = hosted.Info;
            if (info.WorkerId != initPeerId && info.OwnerId != initPeerId && !_options.ManagementPeerIds.Contains(initPeerId))
            {
                throw new ServiceException($"Forbidden: peer '{initPeerId}' cannot remove service {info.Id}: only its creator can remove a service");
            }

            _services.Remove(info.Id);
            if (_aliases.TryGetValue(info.WorkerId, out Dictionary<string, string>? scope))
            {
                foreach (string alias in info.Aliases)
                {
                    scope.Remove(alias);
                }
            }

            File.Delete(RecordPath(info.Id));
        }

        hosted.Instance.Dispose();
        DeleteDirectory(hosted.Info.Id);

        LogRemoved(_logger, hosted.Info.Id, initPeerId);
    }

    /// <summary>
    /// Points <paramref name="alias"/> (in <paramref name="workerId"/>'s scope) at a service of that scope, moving it
    /// from whichever service had it. Aliases may not look like service ids, nor be <c>spell</c>/<c>self</c>.
    /// </summary>
    public void AddAlias(string workerId, string alias, string serviceId, string initPeerId)
    {
        ArgumentNullException.ThrowIfNull(alias);
        if (!IsPrivileged(initPeerId) && initPeerId != workerId)
        {
            throw new ServiceException($"Forbidden: peer '{initPeerId}' cannot add aliases on {workerId}");
        }

        if (alias.Length is 0 or > 255)
        {
            throw new ServiceException("an alias must have 1..255 characters");
        }

        if (alias is "spell" or "self")
        {
            throw new ServiceException($"alias '{alias}' is reserved");
        }

        lock (_lock)
        {
            if (_services.ContainsKey(alias))
            {
                throw new ServiceException($"alias '{alias}' cannot be a service id");
            }

            if (!_services.TryGetValue(serviceId, out HostedService? target))
            {
                throw NotFound(serviceId);
            }

            if (target.Info.WorkerId != workerId)
            {
                throw new ServiceException($"service {serviceId} is deployed on {target.Info.WorkerId}, not on {workerId}");
            }

            Dictionary<string, string> scope = Scope(workerId);
            if (scope.TryGetValue(alias, out string? previous) && previous != serviceId && _services.TryGetValue(previous, out HostedService? old))
            {
                old.Info = old.Info with { Aliases = [.. old.Info.Aliases.Where(a => a != alias)] };
                Persist(old.Info);
            }

            if (!target.Info.Aliases.Contains(alias))
            {
                target.Info = target.Info with { Aliases = [.. target.Info.Aliases, alias] };
                Persist(target.Info);
            }

            scope[alias] = serviceId;
        }
    }

    /// <summary>The service id an alias names in <paramref name="workerId"/>'s scope, else in the host's; null if none.</summary>
    public string? ResolveAlias(string workerId, string alias)
    {
        lock (_lock)
        {
            return ResolveAliasLocked(workerId, alias);
        }
    }

    public ServiceInfo GetInfo(string workerId, string idOrAlias) => Get(workerId, idOrAlias).Info;

    /// <summary>The services deployed in <paramref name="workerId"/>'s scope.</summary>
    public IReadOnlyList<ServiceInfo> List(string workerId)
    {
        lock (_lock)
        {
            return [.. _services.Values.Select(s => s.Info).Where(i => i.WorkerId == workerId).OrderBy(i => i.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>The facade interface: what callers of the service see.</summary>
    public MarineInterface GetInterface(string workerId, string idOrAlias) => Get(workerId, idOrAlias).Instance.Interface;

    public IReadOnlyList<MarineModuleMemory> MemoryStats(string workerId, string idOrAlias) => Get(workerId, idOrAlias).Instance.MemoryStats();

    /// <summary>The service's call statistics, or null when it has not been called yet.</summary>
    public JsonObject? CallStats(string workerId, string idOrAlias, out string serviceId)
    {
        HostedService hosted = Get(workerId, idOrAlias);
        serviceId = hosted.Info.Id;
        return hosted.Stats.HasCalls ? hosted.Stats.ToJson() : null;
    }

    /// <summary>Finds a service by id (any scope) or by alias (the worker's scope, then the host's).</summary>
    public bool TryResolve(string workerId, string idOrAlias, out ServiceInfo info)
    {
        lock (_lock)
        {
            HostedService? hosted = Find(workerId, idOrAlias);
            info = hosted?.Info!;
            return hosted is not null;
        }
    }

    /// <summary>
    /// Calls a function of a service's facade with JSON arguments. Waits for the service's previous call; other
    /// services are not held up.
    /// </summary>
    /// <exception cref="ServiceException">No such service, bad arguments, or the call failed inside the module.</exception>
    public async Task<JsonNode?> CallAsync(
        string workerId, string idOrAlias, string function, JsonArray arguments, Func<ServiceInfo, MarineCallParameters> callParameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callParameters);
        HostedService hosted = Get(workerId, idOrAlias);
        MarineCallParameters parameters = callParameters(hosted.Info);
        ulong timestamp = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        bool known = hosted.Instance.Interface.TryGetFunction(function, out _);
        long before = UsedMemory(hosted.Instance);
        long started = Stopwatch.GetTimestamp();
        try
        {
            JsonNode? result = await Task.Run(() => hosted.Instance.CallJsonAsync(function, arguments, parameters, null, cancellationToken), cancellationToken).ConfigureAwait(false);
            hosted.Stats.RecordSuccess(function, Stopwatch.GetElapsedTime(started), UsedMemory(hosted.Instance) - before, timestamp);
            return result;
        }
        catch (Exception e) when (e is MarineValueException or MarineCallException)
        {
            hosted.Stats.RecordFailure(known ? function : null, timestamp);
            throw new ServiceException(e.Message);
        }
        catch (ObjectDisposedException)
        {
            throw new ServiceException($"service {hosted.Info.Id} was removed while the call waited");
        }
    }

    public void Dispose()
    {
        List<HostedService> services;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            services = [.. _services.Values];
            _services.Clear();
        }

        foreach (HostedService hosted in services)
        {
            hosted.Instance.Dispose();
        }
    }

    private static long UsedMemory(MarineService service)
    {
        try
        {
            return service.MemoryStats().Sum(m => m.MemorySizeBytes);
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
    }

    private void DeleteDirectory(string serviceId)
    {
        string directory = Path.Combine(_workDirectory, serviceId);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ServiceException NotFound(string idOrAlias) => new($"Service with id '{idOrAlias}' not found");

    private void Restore(ServiceInfo info)
    {
        if (!Guid.TryParse(info.Id, out _))
        {
            throw new InvalidDataException($"'{info.Id}' is not a service id");
        }

        HostedService hosted = Instantiate(info);
        lock (_lock)
        {
            _services[info.Id] = hosted;
            Dictionary<string, string> scope = Scope(info.WorkerId);
            foreach (string alias in info.Aliases)
            {
                scope[alias] = info.Id;
            }
        }

        LogRestored(_logger, info.Id, info.Aliases.Count);
    }

    private HostedService Instantiate(ServiceInfo info)
    {
        Blueprint blueprint = Modules.GetBlueprint(info.BlueprintId);
        string root = Path.Combine(_workDirectory, info.Id);
        string local = Directory.CreateDirectory(Path.Combine(root, "local")).FullName;
        string tmp = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        var modules = new List<MarineModuleConfig>();
        foreach (string hash in blueprint.Dependencies)
        {
            ServiceModuleConfig config = Modules.GetConfig(hash);
            var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach ((string guest, string host) in config.MappedDirs ?? new Dictionary<string, string>())
            {
                mapped[guest] = Directory.CreateDirectory(Path.Combine(root, config.RelativeHostPath(host))).FullName;
            }

            // Marine's service directories override what a module config asks for.
            mapped["/local"] = local;
            mapped["/tmp"] = tmp;
            if (_options.VaultDirectory is { } vault)
            {
                mapped["/tmp/vault"] = Directory.CreateDirectory(vault).FullName;
            }

            var envs = new Dictionary<string, string>(_options.Envs, StringComparer.Ordinal);
            foreach ((string key, string value) in config.Envs ?? new Dictionary<string, string>())
            {
                envs[key] = value;
            }

            envs["service_id"] = info.Id;
            modules.Add(new MarineModuleConfig
            {
                Name = config.Name,
                LoadFrom = hash,
                LoggerEnabled = config.LoggerEnabled ?? true,
                LoggingMask = config.LoggingMask ?? 0,
                Wasi = new MarineWasiConfig { Envs = envs, MappedDirs = mapped },
                MountedBinaries = config.MountedBinaries ?? new Dictionary<string, string>(),
            });
        }

        MarineService instance;
        try
        {
            instance = MarineService.Load(
                new MarineServiceConfig { Modules = modules },
                module => Modules.ReadModule(module.LoadFrom!),
                _options.Marine,
                _loggers.CreateLogger("Lineage.Peer.Services." + info.Id));
        }
        catch (MarineLoadException e)
        {
            throw new ServiceException($"blueprint {info.BlueprintId} ('{blueprint.Name}') does not load: {e.Message}");
        }

        return new HostedService(info, instance);
    }

    private HostedService Get(string workerId, string idOrAlias)
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            return Find(workerId, idOrAlias) ?? throw NotFound(idOrAlias);
        }
    }

    private HostedService? Find(string workerId, string idOrAlias)
    {
        if (_services.TryGetValue(idOrAlias, out HostedService? byId))
        {
            return byId;
        }

        return ResolveAliasLocked(workerId, idOrAlias) is { } id ? _services.GetValueOrDefault(id) : null;
    }

    private string? ResolveAliasLocked(string workerId, string alias) =>
        _aliases.GetValueOrDefault(workerId)?.GetValueOrDefault(alias)
        ?? _aliases.GetValueOrDefault(_options.HostPeerId)?.GetValueOrDefault(alias);

    private Dictionary<string, string> Scope(string workerId)
    {
        if (!_aliases.TryGetValue(workerId, out Dictionary<string, string>? scope))
        {
            scope = new Dictionary<string, string>(StringComparer.Ordinal);
            _aliases[workerId] = scope;
        }

        return scope;
    }

    private void Persist(ServiceInfo info) => AtomicFile.Write(RecordPath(info.Id), JsonSerializer.SerializeToUtf8Bytes(info, s_json));

    private string RecordPath(string id) => Path.Combine(_servicesDirectory, id + ".json");

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    [LoggerMessage(EventId = 601_101, Level = LogLevel.Information, Message = "service {ServiceId} created from blueprint {BlueprintId} by {OwnerId}")]
    private static partial void LogCreated(ILogger logger, string serviceId, string blueprintId, string ownerId);

    [LoggerMessage(EventId = 601_102, Level = LogLevel.Information, Message = "service {ServiceId} removed by {PeerId}")]
    private static partial void LogRemoved(ILogger logger, string serviceId, string peerId);

    [LoggerMessage(EventId = 601_103, Level = LogLevel.Information, Message = "persisted service {ServiceId} restored with {AliasCount} alias(es)")]
    private static partial void LogRestored(ILogger logger, string serviceId, int aliasCount);

    [LoggerMessage(EventId = 601_104, Level = LogLevel.Warning, Message = "persisted service {File} could not be restored: {Reason}")]
    private static partial void LogRestoreFailed(ILogger logger, string file, string reason);

    private sealed class HostedService(ServiceInfo info, MarineService instance)
    {
        public ServiceInfo Info { get; set; } = info;

        public MarineService Instance { get; } = instance;

        public ServiceCallStats Stats { get; } = new();
    }
}
