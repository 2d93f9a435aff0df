// SPDX-License-Identifier: Apache-2.0

using Microsoft.Extensions.Logging;

namespace Lineage.Node.Hosting;

/// <summary>
/// Everything <c>lineage node</c> can be configured with. Values come, lowest precedence first, from the defaults
/// here, a JSON config file (<c>--config</c>), <c>LINEAGE_*</c> environment variables and command-line flags
/// (see <see cref="NodeConfiguration"/>).
/// </summary>
public sealed class NodeOptions
{
    /// <summary>Data directory: node identity, SQLite database, DAG block store.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>HTTP listen address <c>HOST:PORT</c>; port 0 picks a free port.</summary>
    public string Http { get; set; } = "127.0.0.1:8080";

    /// <summary>
    /// Origins allowed by CORS: <c>*</c> (any, as the reference gateway), an empty string (CORS off) or a
    /// comma-separated list of origins.
    /// </summary>
    public string CorsOrigins { get; set; } = "*";

    /// <summary>Largest accepted HTTP request body in bytes (JSON-RPC requests and batches).</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest number of calls in one JSON-RPC batch.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>Log output: <c>text</c> or <c>json</c> (one JSON object per line). Logs go to stderr.</summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>Minimum log level.</summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Information;

    /// <summary>
    /// Strict signing mode (see docs/security.md): <c>data</c> must carry the target fields and they must match the
    /// request. Off by default for compatibility with existing reference clients.
    /// </summary>
    public bool StrictSigning { get; set; }

    /// <summary>
    /// Expose <c>send_cron_tx</c> on the JSON-RPC gateway. It is an unsigned internal write of the cron follower
    /// (reference defect D14), so it is disabled by default; enable only on a gateway reachable by trusted callers.
    /// </summary>
    public bool EnableInternalRpcWrites { get; set; }

    /// <summary>Run the mint watcher (cron followers, docs/cron.md).</summary>
    public bool CronEnabled { get; set; } = true;

    /// <summary>Milliseconds between two polls of a cron's EVM endpoint (the delay from a mined block to its metadata).</summary>
    public int CronPollMs { get; set; } = 1000;

    /// <summary>Blocks a mint must be buried under before the watcher processes it (0: at the head, reorgs rewound).</summary>
    public int CronConfirmations { get; set; }

    /// <summary>Requests per second the node sends to one EVM endpoint, shared by every cron using it.</summary>
    public int CronRateLimit { get; set; } = 50;

    /// <summary>
    /// EVM endpoints crons may use, comma-separated: <c>loopback</c>, <c>*</c>, hosts, <c>host:port</c>,
    /// <c>*.domain</c> (see <c>EvmEndpointAllowList</c>). A cron's <c>node_url</c> is chosen by its signer, so the
    /// default lets the node call only this machine.
    /// </summary>
    public string CronAllowedEndpoints { get; set; } = "loopback";

    /// <summary>
    /// The node's ed25519 key file (its libp2p/Fluence identity, format in <see cref="Identity.NodeIdentity"/>).
    /// Empty: <c>node-identity.key</c> in the data directory. Created when absent.
    /// </summary>
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>libp2p TCP listen address <c>HOST:PORT</c> of the Fluence peer; port 0 picks a free port.</summary>
    public string Tcp { get; set; } = "127.0.0.1:0";

    /// <summary>libp2p WebSocket listen address <c>HOST:PORT</c> (what js-client connects to); port 0 picks a free port.</summary>
    public string Ws { get; set; } = "127.0.0.1:0";

    /// <summary>Multiaddrs (with <c>/p2p/PEER_ID</c>) of peers to connect to at start and keep connected.</summary>
    public List<string> Bootstrap { get; set; } = [];

    /// <summary>Network name in the Kademlia protocol id <c>/fluence/kad/NETWORK/1.0.0</c>; only peers of one network meet.</summary>
    public string Network { get; set; } = "lineage";

    /// <summary>The official AquaVM module; empty: <c>avm.wasm</c> next to the node's assemblies (copied at build time).</summary>
    public string AvmWasm { get; set; } = string.Empty;

    /// <summary>AquaVM instances: how many particles are interpreted at once.</summary>
    public int AquaVmPoolSize { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Largest particle message accepted from the network (bytes); larger frames are refused unread.</summary>
    public int MaxParticleBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Largest particle lifetime accepted (<c>timestamp + ttl - now</c>, milliseconds): a particle's actor, data and
    /// replay entry live until its deadline, so this bounds what one particle can hold.
    /// </summary>
    public long MaxParticleTtlMs { get; set; } = 10 * 60 * 1000;

    /// <summary>
    /// Absolute paths of host binaries that hosted Marine services may mount (a service's config must also list
    /// them). Empty: none.
    /// </summary>
    public List<string> AllowedBinaries { get; set; } = [];

    /// <summary>
    /// Peer ids that may deploy, alias and remove hosted Marine services (<c>dist</c>/<c>srv</c>) besides the node
    /// itself (nox <c>management_peer_id</c>). Everyone may call deployed services.
    /// </summary>
    public List<string> ManagementPeers { get; set; } = [];
}
