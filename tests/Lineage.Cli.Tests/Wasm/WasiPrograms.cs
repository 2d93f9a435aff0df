// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Lineage.TestKit;

namespace Lineage.Cli.Tests.Wasm;

/// <summary>
/// Compiles the C programs under tests/Lineage.Cli.Tests/Wasm/Programs with Debian's clang against Debian's
/// wasi-libc (<c>--target=wasm32-wasi --sysroot=/usr</c>: headers in /usr/include/wasm32-wasi, crt1 and libc.a in
/// /usr/lib/wasm32-wasi), and assembles .wat text with wabt's wat2wasm. Results are cached by source hash in the
/// temp folder.
/// </summary>
internal static class WasiPrograms
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> s_built = new();

    private static string Cache => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lineage-wasi-test-programs")).FullName;

    /// <summary>The path of the compiled Programs/<paramref name="name"/>.c.</summary>
    public static string C(string name)
    {
        string source = RepositoryPaths.InRepository("tests", "Lineage.Cli.Tests", "Wasm", "Programs", name + ".c");
        string text = File.ReadAllText(source);
        return Build(name, text, output => Tool("clang", ["--target=wasm32-wasi", "--sysroot=/usr", "-O2", "-o", output, source]));
    }

    /// <summary>The path of a module assembled from WebAssembly text.</summary>
    public static string Wat(string name, string text) => Build(name, text, output =>
    {
        string input = output + ".wat";
        File.WriteAllText(input, text);
        try
        {
            Tool("wat2wasm", ["--no-check", "-o", output, input]);
        }
        finally
        {
            File.Delete(input);
        }
    });

    /// <summary>The path of a .wat file holding <paramref name="text"/> (for running text modules directly).</summary>
    public static string WatFile(string name, string text) => Build(name, text, output => File.WriteAllText(output, text), ".wat");

    private static string Build(string name, string text, Action<string> build, string extension = ".wasm") => s_built.GetOrAdd(name + extension + "\n" + text, _ => new Lazy<string>(() =>
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
        string output = Path.Combine(Cache, $"{name}-{hash}{extension}");
        if (!File.Exists(output))
        {
            string partial = output + "." + Environment.ProcessId;
            build(partial);
            File.Move(partial, output, overwrite: true);
        }

        return output;
    })).Value;

    private static void Tool(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        string errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {errors}");
        }
    }
}
