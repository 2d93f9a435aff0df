// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Cli.Tests.Wasm;

/// <summary>
/// A module cannot leave its mapped directory: <c>..</c>, absolute paths and symlinks pointing out are refused
/// (ENOTCAPABLE; new symlinks with absolute targets EPERM), and nothing outside is read, created or changed.
/// node:wasi is not the oracle here: it follows a symlinked directory with an absolute target out of the sandbox.
/// </summary>
public sealed class WasiSandboxTests
{
    private const string NotCapable = "Capabilities insufficient";

    [Fact]
    public async Task Escape_attempts_are_refused_and_nothing_outside_changes()
    {
        string root = Directory.CreateTempSubdirectory("lineage-wasi-escape-").FullName;
        try
        {
            string sandbox = Directory.CreateDirectory(Path.Combine(root, "sandbox")).FullName;
            string outside = Path.Combine(root, "outside.txt");
            File.WriteAllText(outside, "secret");
            Directory.CreateDirectory(Path.Combine(sandbox, "d"));
            File.CreateSymbolicLink(Path.Combine(sandbox, "link_in"), "d");
            File.CreateSymbolicLink(Path.Combine(sandbox, "link_abs_dir"), "/etc");
            File.CreateSymbolicLink(Path.Combine(sandbox, "link_abs_file"), "/etc/passwd");
            File.CreateSymbolicLink(Path.Combine(sandbox, "link_rel_out"), "../outside.txt");

            WasiRunner.Result result = await WasiRunner.LineageAsync([WasiPrograms.C("escape"), "--dir", sandbox + "::/sandbox"]);

            result.ExitCode.Should().Be(0, result.StderrText);
            result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
                $"open ../outside.txt: {NotCapable}",
                $"open d/../../outside.txt: {NotCapable}",
                $"open /etc/passwd: {NotCapable}",
                $"open link_abs_dir/passwd: {NotCapable}",
                $"open link_abs_file: {NotCapable}",
                $"open link_rel_out: {NotCapable}",
                $"create ../created.txt: {NotCapable}",
                $"create new/../../created.txt: {NotCapable}",
                $"create link_abs_dir/created.txt: {NotCapable}",
                $"write through link_rel_out: {NotCapable}",
                "open link_in/../d (inside): ok",
                "open link_abs_file nofollow: Symbolic link loop",
                $"mkdir ../escaped: {NotCapable}",
                $"rmdir the sandbox: {NotCapable}",
                $"rename d out: {NotCapable}",
                $"unlink ../outside.txt: {NotCapable}",
                $"stat link_abs_file: {NotCapable}",
                "lstat link_abs_file: ok",
                "symlink to /etc: Operation not permitted",
                $"symlink to ../..: {NotCapable}",
                "symlink to d (inside): ok",
                "opendir made_in: ok",
                $"opendir link_abs_dir: {NotCapable}");
            File.ReadAllText(outside).Should().Be("secret");
            Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).Should().BeEquivalentTo(["sandbox", "outside.txt"]);
            Directory.Exists(Path.Combine(sandbox, "d")).Should().BeTrue();
            new FileInfo(Path.Combine(sandbox, "made_in")).LinkTarget.Should().Be("d");
            File.Exists(Path.Combine(sandbox, "made_abs")).Should().BeFalse();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_mapped_directory_there_is_no_file_system()
    {
        WasiRunner.Result result = await WasiRunner.LineageAsync([WasiPrograms.C("escape")]);

        result.ExitCode.Should().Be(0, result.StderrText);
        result.StdoutText.Should().Contain($"open /etc/passwd: {NotCapable}").And.NotContain(": ok");
    }
}
