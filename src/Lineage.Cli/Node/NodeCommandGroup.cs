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

        var command = new Command(
            "node",
            "Run a Lineage node. Prints one line 'listening http=http://HOST:PORT' to stdout once it serves; logs go to stderr. "
            + "Settings: flags override LINEAGE_* environment variables, which override the --config file.");
        foreach (Option option in new Option[] { config, dataDir, http, cors, maxBody, maxBatch, logFormat, logLevel, strict, cronPoll, cronConfirmations, cronRate, cronAllowed, noCron })
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
