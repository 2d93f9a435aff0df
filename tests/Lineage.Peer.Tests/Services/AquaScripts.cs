// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json.Nodes;
using Lineage.TestKit;

namespace Lineage.Peer.Tests.Services;

/// <summary>
/// Compiles an .aqua file of this folder with the reference Aqua compiler (tests/harness/fluence-js/compile-aqua.mjs,
/// @fluencelabs/aqua-api) and hands out the AIR of each exported function.
/// </summary>
internal static class AquaScripts
{
    public static IReadOnlyDictionary<string, string> Compile(string fileName)
    {
        string harness = RepositoryPaths.Harness("fluence-js");
        if (!Directory.Exists(Path.Combine(harness, "node_modules")))
        {
            throw new InvalidOperationException("tests/harness/fluence-js/node_modules is missing: run scripts/setup.sh");
        }

        string source = RepositoryPaths.InRepository("tests", "Lineage.Peer.Tests", "Services", "Aqua", fileName);
        DirectoryInfo output = Directory.CreateTempSubdirectory("lineage-aqua-");
        try
        {
            var start = new ProcessStartInfo("node") { WorkingDirectory = harness, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in new[] { "compile-aqua.mjs", source, "--out", output.FullName })
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(180_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the Aqua compiler took more than 3 minutes");
            }

            JsonNode result = JsonNode.Parse(stdout) ?? throw new InvalidOperationException("the Aqua compiler printed nothing");
            if (result["ok"]?.GetValue<bool>() != true)
            {
                throw new InvalidOperationException($"{fileName} does not compile: {result["errors"]?.ToJsonString()} {stderr.Result}");
            }

            return result["functions"]!.AsArray().ToDictionary(
                f => f!["name"]!.GetValue<string>(),
                f => File.ReadAllText(f!["air"]!.GetValue<string>()));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
