// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Cli.Tests.Support;
using Lineage.Client.Signing;
using Lineage.Node.Tests.Support;

namespace Lineage.Cli.Tests.Keys;

public sealed class KeyCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lineage-cli-keys-").FullName;
    private readonly EthersHarness _ethers = new();

    public void Dispose()
    {
        _ethers.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Secp256k1_key_signs_what_ethers_recovers_to_its_address()
    {
        string file = Path.Combine(_directory, "eth.json");
        CliRunner.Result result = await CliRunner.RunAsync("key", "new", "--type", "secp256k1", "--out", file);
        result.ExitCode.Should().Be(0, result.Stderr);
        string address = result.Stdout.Trim();
        address.Should().MatchRegex("^0x[0-9a-f]{40}$");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        ISigner signer = KeyFile.Load(file).CreateSigner();
        const string message = "{\"name\":\"Lineage ' ; -- $(rm -rf /) ✓\"}";
        string signature = signer.Sign(message);
        (await _ethers.RecoverAsync(message, signature)).Should().BeEquivalentTo(address);

        // And the other way round: ethers' key in our key file gives ethers' address and signature.
        (string privateKey, string ethersAddress) = await _ethers.NewWalletAsync();
        var imported = new KeyFile { Type = "secp256k1", PrivateKey = privateKey };
        ISigner ours = imported.CreateSigner();
        ours.PublicKey.Should().BeEquivalentTo(ethersAddress);
        ours.Sign(message).Should().Be(await _ethers.SignAsync(privateKey, message), "RFC 6979 signatures are deterministic");
    }

    [Fact]
    public async Task Ed25519_key_signs_what_noble_verifies()
    {
        CliRunner.Result result = await CliRunner.RunAsync("key", "new", "--type", "ed25519");
        result.ExitCode.Should().Be(0, result.Stderr);
        var key = JsonSerializer.Deserialize<KeyFile>(result.Stdout)!;
        key.Type.Should().Be("ed25519");
        ISigner signer = key.CreateSigner();
        signer.PublicKey.Should().Be(key.PublicKey);
        string signature = signer.Sign("hello lineage");
        (await _ethers.VerifyEd25519Async(key.PublicKey, "hello lineage", signature)).Should().BeTrue();
        (await _ethers.VerifyEd25519Async(key.PublicKey, "hello lineagE", signature)).Should().BeFalse();

        (string seed, string publicKey) = await _ethers.NewEd25519KeyAsync();
        ISigner fromNoble = new KeyFile { Type = "ed25519", PrivateKey = seed }.CreateSigner();
        fromNoble.PublicKey.Should().Be(publicKey);
        fromNoble.Sign("x").Should().Be(await _ethers.SignEd25519Async(seed, "x"));
    }

    [Fact]
    public async Task Existing_key_file_is_not_overwritten()
    {
        string file = Path.Combine(_directory, "k.json");
        (await CliRunner.RunAsync("key", "new", "--out", file)).ExitCode.Should().Be(0);
        string before = File.ReadAllText(file);
        CliRunner.Result again = await CliRunner.RunAsync("key", "new", "--out", file);
        again.ExitCode.Should().Be(1);
        again.Stderr.Trim().Should().StartWith("lineage: error:").And.Contain("--force").And.NotContain("\n");
        File.ReadAllText(file).Should().Be(before);
    }

    [Fact]
    public async Task Key_show_prints_type_and_public_key_and_rejects_bad_files()
    {
        string file = Path.Combine(_directory, "show.json");
        CliRunner.Result created = await CliRunner.RunAsync("key", "new", "--type", "ed25519", "--out", file);
        CliRunner.Result shown = await CliRunner.RunAsync("key", "show", file);
        shown.ExitCode.Should().Be(0);
        shown.Stdout.Trim().Should().Be("ed25519 " + created.Stdout.Trim());

        string bad = Path.Combine(_directory, "bad.json");
        File.WriteAllText(bad, "{\"type\":\"secp256k1\",\"private_key\":\"0xzz\"}");
        CliRunner.Result rejected = await CliRunner.RunAsync("key", "show", bad);
        rejected.ExitCode.Should().Be(1);
        rejected.Stderr.Should().Contain("hex");
    }

    [Fact]
    public async Task Unknown_key_type_is_a_usage_error()
    {
        CliRunner.Result result = await CliRunner.RunAsync("key", "new", "--type", "rsa");
        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain("rsa");
    }
}
