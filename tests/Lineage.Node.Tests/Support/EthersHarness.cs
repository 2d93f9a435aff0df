// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json.Nodes;
using Lineage.TestKit;

namespace Lineage.Node.Tests.Support;

/// <summary>
/// Drives tests/harness/ethers/sign.mjs (<c>--serve</c>): keys and signatures made by ethers 6 (EIP-191) and
/// @noble/curves (ed25519), an implementation independent of ours. One node process per harness; calls are serialised.
/// </summary>
public sealed class EthersHarness : IDisposable
{
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public EthersHarness()
    {
        string directory = RepositoryPaths.Harness("ethers");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "ethers")))
        {
            throw new InvalidOperationException("tests/harness/ethers has no node_modules: run scripts/setup.sh (npm ci)");
        }

        var start = new ProcessStartInfo("node", ["sign.mjs", "--serve"])
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
    }

    /// <summary>A new random Ethereum wallet: (0x private key, checksummed address).</summary>
    public async Task<(string PrivateKey, string Address)> NewWalletAsync()
    {
        JsonNode answer = await CallAsync(new JsonObject { ["op"] = "wallet" });
        return (answer["privateKey"]!.GetValue<string>(), answer["address"]!.GetValue<string>());
    }

    /// <summary>ethers <c>signMessage</c> (EIP-191 personal_sign).</summary>
    public async Task<string> SignAsync(string privateKey, string message) =>
        (await CallAsync(new JsonObject { ["op"] = "sign", ["privateKey"] = privateKey, ["message"] = message }))["signature"]!.GetValue<string>();

    /// <summary>ethers <c>verifyMessage</c>: the checksummed signer address.</summary>
    public async Task<string> RecoverAsync(string message, string signature) =>
        (await CallAsync(new JsonObject { ["op"] = "recover", ["message"] = message, ["signature"] = signature }))["address"]!.GetValue<string>();

    /// <summary>A new ed25519 key: (seed hex, base58 public key).</summary>
    public async Task<(string Seed, string PublicKey)> NewEd25519KeyAsync()
    {
        JsonNode answer = await CallAsync(new JsonObject { ["op"] = "ed25519-key" });
        return (answer["seed"]!.GetValue<string>(), answer["publicKey"]!.GetValue<string>());
    }

    /// <summary>ed25519 signature (base58) over the UTF-8 message.</summary>
    public async Task<string> SignEd25519Async(string seed, string message) =>
        (await CallAsync(new JsonObject { ["op"] = "ed25519-sign", ["seed"] = seed, ["message"] = message }))["signature"]!.GetValue<string>();

    /// <summary>ed25519 verification by @noble/curves.</summary>
    public async Task<bool> VerifyEd25519Async(string publicKey, string message, string signature) =>
        (await CallAsync(new JsonObject { ["op"] = "ed25519-verify", ["publicKey"] = publicKey, ["message"] = message, ["signature"] = signature }))["valid"]!.GetValue<bool>();

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5000))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        _gate.Dispose();
    }

    private async Task<JsonNode> CallAsync(JsonObject request)
    {
        await _gate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(request.ToJsonString());
            await _process.StandardInput.FlushAsync();
            string? line = await _process.StandardOutput.ReadLineAsync().WaitAsync(s_callTimeout);
            JsonNode answer = JsonNode.Parse(line ?? throw new InvalidOperationException("ethers harness exited"))!;
            if (answer["error"] is JsonNode error)
            {
                throw new InvalidOperationException($"ethers harness: {error.GetValue<string>()}");
            }

            return answer;
        }
        finally
        {
            _gate.Release();
        }
    }
}
