// SPDX-License-Identifier: Apache-2.0

using System.Collections;
using Lineage.P2p.Multiaddresses;
using Microsoft.Extensions.Configuration;

namespace Lineage.Node.Hosting;

/// <summary>
/// Builds <see cref="NodeOptions"/> from, lowest precedence first: defaults, a JSON config file, <c>LINEAGE_*</c>
/// environment variables and command-line flags.
/// </summary>
/// <remarks>
/// Keys are the <see cref="NodeOptions"/> property names, case-insensitive (<c>{"dataDir": "./data",
/// "http": "127.0.0.1:0"}</c>). Environment variables drop the prefix and their underscores, so
/// <c>LINEAGE_DATA_DIR</c> sets <c>DataDir</c> and <c>LINEAGE_MAX_REQUEST_BODY_BYTES</c> sets
/// <c>MaxRequestBodyBytes</c>. Unknown keys are ignored (other tools share the prefix).
/// </remarks>
public static class NodeConfiguration
{
    /// <summary>Environment variable prefix.</summary>
    public const string EnvironmentPrefix = "LINEAGE_";

    /// <summary>Loads and validates the options; throws <see cref="NodeConfigurationException"/> with a one-line reason.</summary>
    /// <param name="configFile">Optional JSON config file.</param>
    /// <param name="environment">Environment variables (all of them; only <c>LINEAGE_*</c> are used).</param>
    /// <param name="flags">Values given on the command line, keyed by option property name.</param>
    public static NodeOptions Load(string? configFile, IDictionary environment, IReadOnlyDictionary<string, string?> flags)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(flags);
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            string full = Path.GetFullPath(configFile);
            if (!File.Exists(full))
            {
                throw new NodeConfigurationException($"config file '{configFile}' does not exist");
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(FromEnvironment(environment));
        builder.AddInMemoryCollection(flags);

        var options = new NodeOptions();
        try
        {
            builder.Build().Bind(options);
        }
        catch (InvalidDataException ex)
        {
            throw new NodeConfigurationException($"config file '{configFile}': {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw new NodeConfigurationException(ex.InnerException?.Message ?? ex.Message);
        }

        Validate(options);
        return options;
    }

    /// <summary>Checks option values; throws <see cref="NodeConfigurationException"/>.</summary>
    public static void Validate(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            throw new NodeConfigurationException("data directory must not be empty");
        }

        try
        {
            HostPort.Parse(options.Http).ToIPAddress();
            HostPort.Parse(options.Tcp).ToIPAddress();
            HostPort.Parse(options.Ws).ToIPAddress();
        }
        catch (FormatException ex)
        {
            throw new NodeConfigurationException(ex.Message);
        }

        foreach (string bootstrap in options.Bootstrap)
        {
            if (!Multiaddr.TryParse(bootstrap, out Multiaddr? address) || address.PeerId is null)
            {
                throw new NodeConfigurationException($"bootstrap address '{bootstrap}' must be a multiaddr ending in /p2p/PEER_ID");
            }
        }

        if (options.Network.Length == 0 || options.Network.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
        {
            throw new NodeConfigurationException($"network name '{options.Network}' must be letters, digits, '-' or '_'");
        }

        if (options.AquaVmPoolSize is < 1 or > 256)
        {
            throw new NodeConfigurationException("AquaVM pool size must be between 1 and 256");
        }

        if (options.MaxParticleBytes < 1024)
        {
            throw new NodeConfigurationException("max particle bytes must be at least 1024");
        }

        if (options.MaxParticleTtlMs <= 0 || options.MaxParticleTtlMs > uint.MaxValue)
        {
            throw new NodeConfigurationException($"max particle TTL must be between 1 and {uint.MaxValue} ms");
        }

        foreach (string peer in options.ManagementPeers)
        {
            if (!P2p.Identity.PeerId.TryParse(peer, out _))
            {
                throw new NodeConfigurationException($"management peer '{peer}' is not a peer id");
            }
        }

        foreach (string binary in options.AllowedBinaries)
        {
            if (!Path.IsPathFullyQualified(binary))
            {
                throw new NodeConfigurationException($"allowed binary '{binary}' must be an absolute path");
            }
        }

        if (options.LogFormat is not ("text" or "json"))
        {
            throw new NodeConfigurationException($"log format must be 'text' or 'json', got '{options.LogFormat}'");
        }

        if (options.MaxRequestBodyBytes <= 0)
        {
            throw new NodeConfigurationException("max request body bytes must be positive");
        }

        if (options.MaxBatchSize <= 0)
        {
            throw new NodeConfigurationException("max batch size must be positive");
        }

        if (options.CronPollMs is < 50 or > 600_000)
        {
            throw new NodeConfigurationException($"cron poll interval must be 50..600000 ms, got {options.CronPollMs}");
        }

        if (options.CronConfirmations is < 0 or > 10_000)
        {
            throw new NodeConfigurationException($"cron confirmations must be 0..10000, got {options.CronConfirmations}");
        }

        if (options.CronRateLimit is < 1 or > 100_000)
        {
            throw new NodeConfigurationException($"cron rate limit must be 1..100000 requests/s, got {options.CronRateLimit}");
        }

        try
        {
            Evm.EvmEndpointAllowList.Parse(options.CronAllowedEndpoints);
        }
        catch (FormatException ex)
        {
            throw new NodeConfigurationException(ex.Message);
        }
    }

    private static Dictionary<string, string?> FromEnvironment(IDictionary environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string[] sections = name[EnvironmentPrefix.Length..].Split("__");
            string key = string.Join(ConfigurationPath.KeyDelimiter, sections.Select(s => s.Replace("_", string.Empty, StringComparison.Ordinal)));
            values[key] = entry.Value as string;
        }

        return values;
    }
}
