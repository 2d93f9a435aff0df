// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Lineage.Marine.InterfaceTypes;

namespace Lineage.TestKit.Marine;

/// <summary>
/// Builds the dependency-free Rust test modules under tests/Lineage.TestKit/Marine/Modules with Debian's
/// /usr/bin/rustc (wasm32 std from libstd-rust-dev-wasm32; scripts/setup.d/00-apt.sh installs it) and appends
/// the interface-types section the tests define here. Builds are cached by source hash in the temp folder.
/// </summary>
public static class TestModules
{
    private const string Rustc = "/usr/bin/rustc";

    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> s_built = new();

    public static string SourceFolder => RepositoryPaths.InRepository("tests", "Lineage.TestKit", "Marine", "Modules");

    /// <summary>The "types" module: one export per ABI type.</summary>
    public static byte[] Types => Get("types", "wasm32-unknown-unknown", TypesSection);

    public static byte[] Host => Get("host", "wasm32-unknown-unknown", HostSection);

    /// <summary>Reads call parameters through host API v1 (<c>__marine_host_api_v1</c>).</summary>
    public static byte[] HostV1 => Get("host_v1", "wasm32-unknown-unknown", HostV1Section);

    public static byte[] Lib => Get("lib", "wasm32-unknown-unknown", LibSection);

    public static byte[] Facade => Get("facade", "wasm32-unknown-unknown", FacadeSection);

    public static byte[] Hostile => Get("hostile", "wasm32-unknown-unknown", HostileSection);

    public static byte[] Mounted => Get("mounted", "wasm32-unknown-unknown", MountedSection);

    public static byte[] WasiEscape => Get("wasi_escape", "wasm32-wasi", WasiSection);

    public static NamedType Arg(string name, IType type) => new(name, type);

    private static byte[] TypesSection()
    {
        var b = new InterfaceSectionBuilder();
        IType point = b.Record("Point",
            Arg("x", IType.S32), Arg("y", IType.F64), Arg("label", IType.Utf8String),
            Arg("tags", IType.ArrayOf(IType.Utf8String)), Arg("raw", IType.ByteArray), Arg("ok", IType.Boolean));
        IType wrapper = b.Record("Wrapper", Arg("id", IType.U64), Arg("points", IType.ArrayOf(point)), Arg("inner", point));
        b.Function("echo_string", [Arg("s", IType.Utf8String)], IType.Utf8String)
            .Function("echo_bytes", [Arg("b", IType.ByteArray)], IType.ByteArray)
            .Function("echo_bool", [Arg("v", IType.Boolean)], IType.Boolean)
            .Function("echo_s8", [Arg("v", IType.S8)], IType.S8)
            .Function("echo_s16", [Arg("v", IType.S16)], IType.S16)
            .Function("echo_s32", [Arg("v", IType.S32)], IType.S32)
            .Function("echo_s64", [Arg("v", IType.S64)], IType.S64)
            .Function("echo_u8", [Arg("v", IType.U8)], IType.U8)
            .Function("echo_u16", [Arg("v", IType.U16)], IType.U16)
            .Function("echo_u32", [Arg("v", IType.U32)], IType.U32)
            .Function("echo_u64", [Arg("v", IType.U64)], IType.U64)
            .Function("echo_f32", [Arg("v", IType.F32)], IType.F32)
            .Function("echo_f64", [Arg("v", IType.F64)], IType.F64)
            .Function("sum_i64", [Arg("values", IType.ArrayOf(IType.S64))], IType.S64)
            .Function("double_u32s", [Arg("values", IType.ArrayOf(IType.U32))], IType.ArrayOf(IType.U32))
            .Function("echo_nested", [Arg("rows", IType.ArrayOf(IType.ArrayOf(IType.Utf8String)))], IType.ArrayOf(IType.ArrayOf(IType.Utf8String)))
            .Function("echo_point", [Arg("p", point)], point)
            .Function("describe_point", [Arg("p", point)], IType.Utf8String)
            .Function("wrap", [Arg("id", IType.U64), Arg("points", IType.ArrayOf(point))], wrapper);
        return b.Build();
    }

    private static byte[] HostSection() => new InterfaceSectionBuilder()
        .Function("call_parameters", [], IType.Utf8String)
        .Function("log", [Arg("level", IType.S32), Arg("message", IType.Utf8String)])
        .Build();

    private static byte[] HostV1Section() => new InterfaceSectionBuilder()
        .Function("call_parameters", [], IType.Utf8String)
        .Build();

    private static byte[] LibSection() => new InterfaceSectionBuilder()
        .Function("greet", [Arg("name", IType.Utf8String)], IType.Utf8String)
        .Function("count", [Arg("items", IType.ArrayOf(IType.Utf8String))], IType.U32)
        .Build();

    private static byte[] FacadeSection() => new InterfaceSectionBuilder()
        .Function("hello", [Arg("names", IType.ArrayOf(IType.Utf8String))], IType.Utf8String)
        .Import("lib", "greet", [Arg("name", IType.Utf8String)], IType.Utf8String)
        .Import("lib", "count", [Arg("items", IType.ArrayOf(IType.Utf8String))], IType.U32)
        .Build();

    private static byte[] HostileSection() => new InterfaceSectionBuilder()
        .Function("hoard", [], IType.U32)
        .Function("spin", [Arg("seed", IType.S32)], IType.S32)
        .Function("bad_pointer", [], IType.Utf8String)
        .Function("bad_nested", [], IType.ArrayOf(IType.Utf8String))
        .Build();

    private static byte[] MountedSection()
    {
        var b = new InterfaceSectionBuilder();
        b.Function("run", [Arg("args", IType.ArrayOf(IType.Utf8String))], IType.Utf8String);
        return b.Build();
    }

    private static byte[] WasiSection() => new InterfaceSectionBuilder()
        .Function("read", [Arg("path", IType.Utf8String)], IType.Utf8String)
        .Function("write", [Arg("path", IType.Utf8String), Arg("text", IType.Utf8String)], IType.Utf8String)
        .Function("env", [Arg("name", IType.Utf8String)], IType.Utf8String)
        .Build();

    private static byte[] Get(string name, string target, Func<byte[]> section) =>
        s_built.GetOrAdd(name, _ => new Lazy<byte[]>(() =>
            WasmCustomSections.Append(Compile(name, target), InterfaceTypesSection.SectionName, section()))).Value;

    private static byte[] Compile(string name, string target)
    {
        if (!File.Exists(Rustc))
        {
            throw new InvalidOperationException($"{Rustc} is missing: run scripts/setup.sh (apt rustc libstd-rust-dev-wasm32)");
        }

        string source = Path.Combine(SourceFolder, name + ".rs");
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            File.ReadAllText(source) + File.ReadAllText(Path.Combine(SourceFolder, "abi.rs")) + target)))[..16];
        string folder = Path.Combine(Path.GetTempPath(), "lineage-marine-test-modules");
        Directory.CreateDirectory(folder);
        string output = Path.Combine(folder, $"{name}-{hash}.wasm");
        if (File.Exists(output))
        {
            return File.ReadAllBytes(output);
        }

        string partial = output + "." + Environment.ProcessId + ".tmp";
        var start = new ProcessStartInfo(Rustc)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--target", target, "--crate-type", "cdylib", "-O", "-C", "strip=symbols", "--edition", "2021", source, "-o", partial })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(true);
            throw new TimeoutException($"rustc {name}.rs took more than 2 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rustc {name}.rs failed: {stderr.Result}");
        }

        File.Move(partial, output, overwrite: true);
        return File.ReadAllBytes(output);
    }
}
