// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Lineage.Cli.Common;
using Lineage.Node.Hosting;
using Microsoft.Extensions.Logging;

namespace Lineage.Cli.Node;

/// <summary><c>lineage node</c>: runs a Lineage node (JSON-RPC gateway, metadata URIs, health, metrics).</summary>
internal sealed class NodeCommandGroup : ICommandGroup
{
    public Command Create()
    {
        var config = new Option<FileInfo?>("--config")
        {
            Description = "JSON config file; keys are option names in camelCase, e.g. {\"dataDir\": \"./data\", \"http\": \"127.0.0.1:8080\"}",
            HelpName = "FILE",
        };
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "Data directory: node identity key, SQLite database, DAG blocks [default: ./data; env LINEAGE_DATA_DIR]",
            HelpName = "DIR",
        };
        var http = new Option<string?>("--http")
        {
            Description = "HTTP listen address; port 0 picks a free port [default: 127.0.0.1:8080; env LINEAGE_HTTP]",
            HelpName = "HOST:PORT",
        };
        var cors = new Option<string?>("--cors-origins")
        {
            Description = "CORS: '*' (any origin), '' (off) or comma-separated origins [default: *; env LINEAGE_CORS_ORIGINS]",
            HelpName = "ORIGINS",
        };
        var maxBody = new Option<long?>("--max-body-bytes")
        {
            Description = "Largest accepted request body [default: 16777216; env LINEAGE_MAX_REQUEST_BODY_BYTES]",
            HelpName = "BYTES",
        };
        var maxBatch = new Option<int?>("--max-batch")
        {
            Description = "Largest JSON-RPC batch [default: 1000; env LINEAGE_MAX_BATCH_SIZE]",
            HelpName = "N",
        };
        var logFormat = new Option<string?>("--log-format")
        {
            Description = "Log output on stderr: text or json [default: text; env LINEAGE_LOG_FORMAT]",
            HelpName = "FORMAT",
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var logLevel = new Option<LogLevel?>("--log-level")
        {
            Description = "Minimum log level: Trace, Debug, Information, Warning, Error [default: Information; env LINEAGE_LOG_LEVEL]",
            HelpName = "LEVEL",
        };
        var strict = new Option<bool>("--strict-signing")
        {
            Description = "Strict signing: data must name its target fields and they must match the request (docs/security.md) [env LINEAGE_STRICT_SIGNING]",
        };

        var cronPoll = new Option<int?>("--cron-poll-ms")
        {
            Description = "Mint watcher: milliseconds between polls of each cron's EVM endpoint [default: 1000; env LINEAGE_CRON_POLL_MS]",
            HelpName = "MS",
        };
        var cronConfirmations = new Option<int?>("--cron-confirmations")
        {
            Description = "Mint watcher: blocks a mint must be buried under before it is processed [default: 0; env LINEAGE_CRON_CONFIRMATIONS]",
            HelpName = "N",
        };
        var cronRate = new Option<int?>("--cron-rate-limit")
        {
            Description = "Mint watcher: requests per second to one EVM endpoint, shared by its crons [default: 50; env LINEAGE_CRON_RATE_LIMIT]",
            HelpName = "N",
        };
        var cronAllowed = new Option<string?>("--cron-allowed-endpoints")
        {
            Description = "Mint watcher: EVM endpoints crons may call, comma-separated: loopback, *, HOST, HOST:PORT, *.DOMAIN "
                + "[default: loopback; env LINEAGE_CRON_ALLOWED_ENDPOINTS]",
            HelpName = "LIST",
        };
        var noCron = new Option<bool>("--no-cron")
        {
            Description = "Do not run the mint watcher [env LINEAGE_CRON_ENABLED=false]",
        };
        var keyFile = new Option<string?>("--key-file")
        {
            Description = "ed25519 node identity (libp2p/Fluence peer id); created when absent [default: DATA_DIR/node-identity.key; env LINEAGE_KEY_FILE]",
            HelpName = "FILE",
        };
        var tcp = new Option<string?>("--tcp")
        {
            Description = "Fluence peer: libp2p TCP listen address; port 0 picks a free port [default: 127.0.0.1:0; env LINEAGE_TCP]",
            HelpName = "HOST:PORT",
        };
        var ws = new Option<string?>("--ws")
        {
            Description = "Fluence peer: libp2p WebSocket listen address (js-client connects here); port 0 picks a free port [default: 127.0.0.1:0; env LINEAGE_WS]",
            HelpName = "HOST:PORT",
        };
        var bootstrap = new Option<string[]>("--bootstrap")
        {
            Description = "Peer to connect to and keep connected, e.g. /ip4/127.0.0.1/tcp/7777/p2p/12D3KooW...; repeatable [env LINEAGE_BOOTSTRAP__0, __1, ...]",
            HelpName = "MULTIADDR",
            AllowMultipleArgumentsPerToken = false,
        };
        var network = new Option<string?>("--network")
        {
            Description = "Kademlia network name: /fluence/kad/NAME/1.0.0 [default: lineage; env LINEAGE_NETWORK]",
            HelpName = "NAME",
        };
        var avmWasm = new Option<string?>("--avm-wasm")
        {
            Description = "The official AquaVM (avm.wasm of @fluencelabs/avm 0.62.0) [default: avm.wasm next to the node's assemblies; env LINEAGE_AVM_WASM]",
            HelpName = "FILE",
        };
        var poolSize = new Option<int?>("--aquavm-pool-size")
        {
            Description = "AquaVM instances: particles interpreted at once [default: max(2, CPU count); env LINEAGE_AQUA_VM_POOL_SIZE]",
            HelpName = "N",
        };
        var maxParticle = new Option<int?>("--max-particle-bytes")
        {
            Description = "Largest particle accepted from the network [default: 67108864; env LINEAGE_MAX_PARTICLE_BYTES]",
            HelpName = "BYTES",
        };
        var maxTtl = new Option<long?>("--max-particle-ttl-ms")
        {
            Description = "Largest particle lifetime accepted (timestamp + ttl - now) [default: 600000; env LINEAGE_MAX_PARTICLE_TTL_MS]",
            HelpName = "MS",
        };
        var allowBinary = new Option<string[]>("--allow-binary")
        {
            Description = "Absolute path of a host binary hosted Marine services may mount; repeatable [default: none; env LINEAGE_ALLOWED_BINARIES__0, ...]",
            HelpName = "PATH",
        };

        var managementPeer = new Option<string[]>("--management-peer")
        {
            Description = "Peer id that may deploy and remove hosted Marine services besides the node itself; repeatable [default: none; env LINEAGE_MANAGEMENT_PEERS__0, ...]",
            HelpName = "PEER_ID",
        };

        var command = new Command(
            "node",
            "Run a Lineage node: the JSON-RPC gateway and a Fluence peer. Prints one line "
            + "'listening http=http://HOST:PORT tcp=/ip4/.../tcp/P/p2p/ID ws=/ip4/.../tcp/Q/ws/p2p/ID' to stdout once it serves; logs go to stderr. "
            + "Settings: flags override LINEAGE_* environment variables, which override the --config file.");
        foreach (Option option in new Option[]
        {
            config, dataDir, http, cors, maxBody, maxBatch, logFormat, logLevel, strict, cronPoll, cronConfirmations, cronRate, cronAllowed, noCron,
            keyFile, tcp, ws, bootstrap, network, avmWasm, poolSize, maxParticle, maxTtl, allowBinary, managementPeer,
        })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            AddFlag(flags, nameof(NodeOptions.DataDir), parseResult.GetValue(dataDir));
            AddFlag(flags, nameof(NodeOptions.Http), parseResult.GetValue(http));
            AddFlag(flags, nameof(NodeOptions.CorsOrigins), parseResult.GetValue(cors));
            AddFlag(flags, nameof(NodeOptions.MaxRequestBodyBytes), parseResult.GetValue(maxBody)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddFlag(flags, nameof(NodeOptions.MaxBatchSize), parseResult.GetValue(maxBatch)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddFlag(flags, nameof(NodeOptions.LogFormat), parseResult.GetValue(logFormat));
            AddFlag(flags, nameof(NodeOptions.LogLevel), parseResult.GetValue(logLevel)?.ToString());
            if (parseResult.GetValue(strict))
            {
                flags[nameof(NodeOptions.StrictSigning)] = "true";
            }

            AddFlag(flags, nameof(NodeOptions.CronPollMs), parseResult.GetValue(cronPoll)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddFlag(flags, nameof(NodeOptions.CronConfirmations), parseResult.GetValue(cronConfirmations)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddFlag(flags, nameof(NodeOptions.CronRateLimit), parseResult.GetValue(cronRate)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddFlag(flags, nameof(NodeOptions.CronAllowedEndpoints), parseResult.GetValue(cronAllowed));
            if (parseResult.GetValue(noCron))
            {
                flags[nameof(NodeOptions.CronEnabled)] = "false";
            }

            AddFlag(flags, nameof(NodeOptions.KeyFile), parseResult.GetValue(keyFile));
            AddFlag(flags, nameof(NodeOptions.Tcp), parseResult.GetValue(tcp));
            AddFlag(flags, nameof(NodeOptions.Ws), parseResult.GetValue(ws));
            AddFlag(flags, nameof(NodeOptions.Network), parseResult.GetValue(network));
            AddFlag(flags, nameof(NodeOptions.AvmWasm), parseResult.GetValue(avmWasm));
            AddFlag(flags, nameof(NodeOptions.AquaVmPoolSize), parseResult.GetValue(poolSize)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddFlag(flags, nameof(NodeOptions.MaxParticleBytes), parseResult.GetValue(maxParticle)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddFlag(flags, nameof(NodeOptions.MaxParticleTtlMs), parseResult.GetValue(maxTtl)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddList(flags, nameof(NodeOptions.Bootstrap), parseResult.GetValue(bootstrap));
            AddList(flags, nameof(NodeOptions.AllowedBinaries), parseResult.GetValue(allowBinary));
            AddList(flags, nameof(NodeOptions.ManagementPeers), parseResult.GetValue(managementPeer));

            return await RunAsync(parseResult.GetValue(config)?.FullName, flags, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static void AddFlag(Dictionary<string, string?> flags, string key, string? value)
    {
        if (value is not null)
        {
            flags[key] = value;
        }
    }

    // Lists bind from indexed keys (Bootstrap:0, Bootstrap:1 …); flags replace the whole list of lower layers.
    private static void AddList(Dictionary<string, string?> flags, string key, string[]? values)
    {
        for (int i = 0; i < (values?.Length ?? 0); i++)
        {
            flags[$"{key}:{i}"] = values![i];
        }
    }

    private static async Task<int> RunAsync(string? configFile, Dictionary<string, string?> flags, CancellationToken cancellationToken)
    {
        NodeOptions options;
        try
        {
            options = NodeConfiguration.Load(configFile, Environment.GetEnvironmentVariables(), flags);
        }
        catch (NodeConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"lineage node: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        LineageNode node;
        try
        {
            node = await LineageNode.StartAsync(options, configureLogging: null, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"lineage node: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await using (node.ConfigureAwait(false))
        {
            Console.Out.WriteLine(node.ListeningLine);
            Console.Out.Flush();
            try
            {
                await node.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C / SIGTERM: fall through to a graceful stop.
            }
        }

        return ExitCodes.Success;
    }
}
