// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Lineage.Metadata.Service;
using Lineage.Node.Diagnostics;
using Lineage.Node.Fluence;
using Lineage.Node.Health;
using Lineage.Node.Identity;
using Lineage.Node.JsonRpc;
using Lineage.Node.MetadataUri;
using Lineage.Node.Storage;
using Lineage.P2p.Multiaddresses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Lineage.Node.Hosting;

/// <summary>
/// A running Lineage node: identity, domain services over the data directory, and the HTTP surface (JSON-RPC
/// gateway, metadata-URI routes, <c>/health</c>, <c>/metrics</c>) on Kestrel. Start with <see cref="StartAsync"/>;
/// it returns once every listener is bound, so <see cref="ListeningLine"/> is ready to print.
/// </summary>
public sealed class LineageNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PrometheusExporter _exporter;
    private readonly ILogger _logger;
    private readonly Cron.CronWatcher _cron;
    private int _stopped;

    private LineageNode(
        WebApplication app,
        PrometheusExporter exporter,
        ITransactionService service,
        Cron.CronWatcher cron,
        NodeIdentity identity,
        FluencePeer peer,
        IReadOnlyList<ListenerAddress> listeners,
        ILogger logger)
    {
        _app = app;
        _exporter = exporter;
        Transactions = service;
        _cron = cron;
        Identity = identity;
        Peer = peer;
        Listeners = listeners;
        _logger = logger;
        HttpAddress = new Uri(listeners.First(l => l.Kind == "http").Address);
    }

    /// <summary>The domain facade this node serves (for in-process hosts such as the Fluence service adapter).</summary>
    public ITransactionService Transactions { get; }

    /// <summary>The node's ed25519 identity (peer id).</summary>
    public NodeIdentity Identity { get; }

    /// <summary>The node's Fluence peer (libp2p host, particle pipeline, AquaVM).</summary>
    public FluencePeer Peer { get; }

    /// <summary>Every listener, in the order of the readiness line.</summary>
    public IReadOnlyList<ListenerAddress> Listeners { get; }

    /// <summary>Base address of the HTTP listener, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public Uri HttpAddress { get; }

    /// <summary>The JSON-RPC endpoint.</summary>
    public Uri JsonRpcAddress => new(HttpAddress, JsonRpcEndpoint.Path);

    /// <summary>The readiness line: <c>listening http=http://HOST:PORT …</c>.</summary>
    public string ListeningLine => ListenerAddress.FormatListeningLine(Listeners);

    /// <summary>Opens the data directory, binds every listener and starts serving.</summary>
    /// <param name="options">Validated options (see <see cref="NodeConfiguration"/>).</param>
    /// <param name="configureLogging">Replaces the default console logging (stderr; text or JSON per options).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<LineageNode> StartAsync(
        NodeOptions options,
        Action<ILoggingBuilder>? configureLogging,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        NodeConfiguration.Validate(options);
        string dataDirectory = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dataDirectory);
        HostPort http = HostPort.Parse(options.Http);
        FluencePeerSettings peerSettings = PeerSettings(options, dataDirectory);

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "Lineage.Node",
            ContentRootPath = dataDirectory,
        });
        ConfigureLogging(builder.Logging, options, configureLogging);
        builder.Services.AddMetrics();
        builder.Services.AddRoutingCore();
        string[] origins = ParseOrigins(options.CorsOrigins);
        if (origins.Length > 0)
        {
            builder.Services.AddCors();
        }

        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            IPAddress? address = http.ToIPAddress();
            if (address is null)
            {
                kestrel.ListenLocalhost(http.Port);
            }
            else
            {
                kestrel.Listen(address, http.Port);
            }
        });

        WebApplication app = builder.Build();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Lineage.Node");
        string keyFile = options.KeyFile.Length == 0 ? Path.Combine(dataDirectory, NodeIdentity.FileName) : Path.GetFullPath(options.KeyFile);
        NodeIdentity identity = NodeIdentity.LoadOrCreateFile(keyFile, out bool created);
        if (created)
        {
            Log.IdentityCreated(logger, keyFile);
        }

        Log.NodeStarting(logger, dataDirectory, identity.PeerId);
        ILoggerFactory loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        TransactionService service;
        try
        {
            service = await LineageStorage.OpenServiceAsync(
                dataDirectory,
                new TransactionServiceOptions { StrictSigning = options.StrictSigning },
                loggerFactory,
                resolver: null,
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        IMeterFactory meterFactory = app.Services.GetRequiredService<IMeterFactory>();
        var exporter = new PrometheusExporter(meterFactory);
        var metrics = new NodeMetrics(meterFactory);
        IHostApplicationLifetime lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();

        if (origins.Length > 0)
        {
            app.UseCors(policy =>
            {
                if (origins is ["*"])
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins(origins);
                }

                policy.AllowAnyHeader().WithMethods("GET", "POST", "OPTIONS").SetPreflightMaxAge(TimeSpan.FromHours(1));
            });
        }

        JsonSerializerOptions serializerOptions = LineageRpcMethods.CreateSerializerOptions();
        Dictionary<string, JsonRpcMethod> methods = LineageRpcMethods.Create(
            service, serializerOptions, options.EnableInternalRpcWrites, hash => Log.TransactionPublished(logger, hash));

        // Mint watcher (docs/cron.md): one follower per enabled cron; status via the read-only get_cron_status.
        Cron.CronWatcher cron = Cron.CronWatcher.Create(service, dataDirectory, Cron.CronWatcherOptions.From(
            options.CronEnabled, options.CronPollMs, options.CronConfirmations, options.CronRateLimit, options.CronAllowedEndpoints), loggerFactory: loggerFactory);
        methods["get_cron_status"] = (p, _) =>
        {
            int count = p.RequirePositional(0, 1);
            return Task.FromResult<object?>(count == 0 ? cron.GetStatuses() : cron.GetStatus(p.String(0, "hash")));
        };
        var rpcHandler = new JsonRpcHandler(methods, serializerOptions, options.MaxBatchSize, metrics, logger);
        var rpc = new JsonRpcEndpoint(rpcHandler, options.MaxRequestBodyBytes, metrics, logger);
        app.MapPost(JsonRpcEndpoint.Path, rpc.HandleAsync);
        var health = new HealthEndpoint(identity, () => lifetime.ApplicationStopping.IsCancellationRequested, DateTimeOffset.UtcNow);
        app.MapGet(HealthEndpoint.Path, health.HandleAsync);
        new MetadataUriEndpoints(service, logger).Map(app);
        app.MapGet("/metrics", context =>
        {
            context.Response.ContentType = PrometheusExporter.ContentType;
            return context.Response.WriteAsync(exporter.Render(), context.RequestAborted);
        });

        FluencePeer? peer = null;
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            peer = await FluencePeer.StartAsync(
                peerSettings,
                identity.ExportSeed(),
                [new TransactionFluenceService(methods, serializerOptions)],
                loggerFactory,
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            exporter.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            await cron.DisposeAsync().ConfigureAwait(false);
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        cron.Start();
        peer.Protocol.ParticleSent += (_, _) => metrics.ParticleSent();
        peer.Protocol.ParticleRejected += (_, reason) => metrics.ParticleRejected(reason);

        IServerAddressesFeature addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("the HTTP server reports no addresses");
        var listeners = new List<ListenerAddress>
        {
            new("http", ToClientAddress(addresses.Addresses.First())),
            new("tcp", peer.TcpAddress.ToString()),
            new("ws", peer.WsAddress.ToString()),
        };
        foreach (ListenerAddress listener in listeners)
        {
            Log.Listening(logger, listener.Kind, listener.Address);
        }

        return new LineageNode(app, exporter, service, cron, identity, peer, listeners, logger);
    }

    /// <summary>Completes when the node is asked to stop (SIGTERM, Ctrl+C when run by the CLI, or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops serving gracefully: in-flight requests complete, then storage closes.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        Log.NodeStopping(_logger);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await StopAsync(timeout.Token).ConfigureAwait(false);
        }

        // The peer first: its particles call the domain services through the transaction service.
        await Peer.DisposeAsync().ConfigureAwait(false);
        _exporter.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);

        // The mint watcher writes through the service: stop (and await) its followers first.
        await _cron.DisposeAsync().ConfigureAwait(false);

        // After the server: in-flight requests have completed, the executor drains and the database closes.
        await Transactions.DisposeAsync().ConfigureAwait(false);
    }

    private static void ConfigureLogging(ILoggingBuilder logging, NodeOptions options, Action<ILoggingBuilder>? configure)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(options.LogLevel);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        if (configure is not null)
        {
            configure(logging);
            return;
        }

        // stdout carries only the readiness line (scripts parse it); logs go to stderr.
        if (options.LogFormat == "json")
        {
            logging.AddJsonConsole(console =>
            {
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                console.UseUtcTimestamp = true;
            });
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
                console.UseUtcTimestamp = true;
            });
        }

        logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    private static FluencePeerSettings PeerSettings(NodeOptions options, string dataDirectory)
    {
        string avmWasm = options.AvmWasm.Length == 0 ? Path.Combine(AppContext.BaseDirectory, "avm.wasm") : Path.GetFullPath(options.AvmWasm);
        if (!File.Exists(avmWasm))
        {
            throw new FileNotFoundException(
                $"AquaVM not found at {avmWasm}: pass --avm-wasm PATH (dist/avm.wasm of the npm package @fluencelabs/avm 0.62.0), or run npm ci in src/Lineage.Node/AquaVmPackage before building so the build copies it (./lineage does)",
                avmWasm);
        }

        return new FluencePeerSettings
        {
            Tcp = ListenMultiaddr(HostPort.Parse(options.Tcp), webSocket: false),
            Ws = ListenMultiaddr(HostPort.Parse(options.Ws), webSocket: true),
            Bootstrap = [.. options.Bootstrap.Select(Multiaddr.Parse)],
            Network = options.Network,
            AvmWasmPath = avmWasm,
            AquaVmPoolSize = options.AquaVmPoolSize,
            MaxParticleBytes = options.MaxParticleBytes,
            MaxParticleLifetime = TimeSpan.FromMilliseconds(options.MaxParticleTtlMs),
            VaultDirectory = Path.Combine(dataDirectory, "vault"),
            AllowedBinaries = options.AllowedBinaries,
            ServicesDirectory = dataDirectory,
            ManagementPeerIds = options.ManagementPeers,
        };
    }

    private static Multiaddr ListenMultiaddr(HostPort listen, bool webSocket) =>
        Multiaddr.FromTcpEndpoint(new IPEndPoint(listen.ToIPAddress() ?? IPAddress.Loopback, listen.Port), webSocket);

    private static string[] ParseOrigins(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // Kestrel reports wildcard binds as http://[::]:port or http://0.0.0.0:port; print them as bound.
    private static string ToClientAddress(string address) => address.TrimEnd('/');
}
