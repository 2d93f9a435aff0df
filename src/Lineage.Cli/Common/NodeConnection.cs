// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lineage.Client;

namespace Lineage.Cli.Common;

/// <summary>
/// The <c>--node URL</c> option shared by the commands that talk to a running node, and the one place that turns
/// client failures into one-line errors and exit codes.
/// </summary>
internal static class NodeConnection
{
    public const string DefaultNode = "http://127.0.0.1:8080";

    private static readonly JsonSerializerOptions s_pretty = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A fresh <c>--node</c> option (System.CommandLine options belong to one command).</summary>
    public static Option<string> CreateOption() => new("--node")
    {
        Description = $"Node address [default: {DefaultNode}; env LINEAGE_NODE]",
        HelpName = "URL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LINEAGE_NODE") is { Length: > 0 } env ? env : DefaultNode,
    };

    /// <summary>Writes a value as indented JSON to stdout.</summary>
    public static void Print<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, s_pretty));

    /// <summary>Prints <c>lineage: error: …</c> to stderr and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(string message, int exitCode = ExitCodes.Failure)
    {
        Console.Error.WriteLine($"lineage: error: {message}");
        return exitCode;
    }

    /// <summary>Runs <paramref name="action"/> with a client for <paramref name="node"/>, mapping failures to exit codes.</summary>
    public static async Task<int> RunAsync(string node, Func<LineageClient, Task<int>> action)
    {
        if (!Uri.TryCreate(node, UriKind.Absolute, out Uri? address) || address.Scheme is not ("http" or "https"))
        {
            return Fail($"--node must be an http(s) URL, got '{node}'", ExitCodes.Usage);
        }

        using var client = new LineageClient(address);
        try
        {
            return await action(client).ConfigureAwait(false);
        }
        catch (LineageRpcException ex)
        {
            return Fail($"node answered {ex.Code}: {ex.Message}");
        }
        catch (LineageClientException ex)
        {
            return Fail(ex.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail("interrupted", ExitCodes.Interrupted);
        }
    }
}
