// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json.Nodes;
using Lineage.TestKit;

namespace Lineage.Node.Tests.Support;

/// <summary>
/// The unmodified Fluence js-client 0.9.0 with the Aqua compiler 0.14.6 (tests/harness/fluence-js/client-call.mjs,
/// installed by scripts/setup.sh): one process per call, which compiles the Aqua file, connects to the relay over
/// /ws, calls the function and prints one JSON line.
/// </summary>
public static class FluenceJsClient
{
    /// <summary>The Aqua file these tests call (tests/Lineage.Node.Tests/Fluence/lineage-node.aqua).</summary>
    public static string AquaFile => RepositoryPaths.InRepository("tests", "Lineage.Node.Tests", "Fluence", "lineage-node.aqua");

    /// <summary>Calls <paramref name="function"/> of <see cref="AquaFile"/> through <paramref name="relay"/> (a /ws multiaddr with /p2p/).</summary>
    public static async Task<JsonObject> CallAsync(string relay, string function, JsonObject? arguments = null, int timeoutMs = 60_000)
    {
        string harness = RepositoryPaths.Harness("fluence-js");
        if (!Directory.Exists(Path.Combine(harness, "node_modules")))
        {
            throw new InvalidOperationException("tests/harness/fluence-js/node_modules is missing: run scripts/setup.sh");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = harness,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] argumentList =
        [
            "client-call.mjs", "--relay", relay, "--timeout", timeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--aqua", AquaFile, "--func", function, "--args", (arguments ?? []).ToJsonString(),
        ];
        foreach (string argument in argumentList)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMilliseconds(timeoutMs + 60_000));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        string line = stdout.Trim().Split('\n')[^1];
        return (line.StartsWith('{') ? JsonNode.Parse(line) as JsonObject : null)
            ?? throw new InvalidOperationException($"client-call printed '{stdout}', stderr '{await stderr}'");
    }
}
