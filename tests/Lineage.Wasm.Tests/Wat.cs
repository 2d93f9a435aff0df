// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Tests;

/// <summary>
/// Builds test modules from WebAssembly text with Debian wabt's <c>wat2wasm</c> (installed by
/// scripts/setup.d/00-apt.sh), and instantiates them.
/// </summary>
internal static class Wat
{
    /// <summary>Assembles <paramref name="text"/> into a binary module.</summary>
    public static byte[] Assemble(string text)
    {
        var directory = Directory.CreateTempSubdirectory("lineage-wat-");
        try
        {
            var input = Path.Combine(directory.FullName, "module.wat");
            var output = Path.Combine(directory.FullName, "module.wasm");
            File.WriteAllText(input, text);
            var start = new ProcessStartInfo("wat2wasm")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(input);
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(output);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start wat2wasm");
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                throw new TimeoutException("wat2wasm did not finish");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("wat2wasm failed: " + errors.Result);
            }

            return File.ReadAllBytes(output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Assembles the test module <c>Modules/<paramref name="name"/>.wat</c>.</summary>
    public static byte[] AssembleFile(string name) =>
        Assemble(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Modules", name + ".wat")));

    /// <summary>Decodes and instantiates <paramref name="text"/> in <paramref name="store"/>.</summary>
    public static WasmInstance Instantiate(WasmStore store, string text, WasmImports? imports = null) =>
        store.Instantiate(WasmModule.Decode(Assemble(text)), imports);

    /// <summary>Decodes and instantiates the test module <paramref name="name"/> in <paramref name="store"/>.</summary>
    public static WasmInstance InstantiateFile(WasmStore store, string name, WasmImports? imports = null) =>
        store.Instantiate(WasmModule.Decode(AssembleFile(name)), imports);
}
