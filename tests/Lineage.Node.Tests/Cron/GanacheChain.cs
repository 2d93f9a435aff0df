// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.TestKit;

namespace Lineage.Node.Tests.Cron;

/// <summary>
/// Drives tests/harness/evm/chain.js: a real ganache chain on a free loopback port with the Minted-emitting
/// collection compiled by solc and deployed. Commands are JSON lines on stdin; answers come back in order.
/// The process is killed on dispose.
/// </summary>
public sealed class GanacheChain : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _stderr;
    private int _nextId;

    private GanacheChain(Process process, StringBuilder stderr, JsonElement ready)
    {
        _process = process;
        _stderr = stderr;
        RpcUrl = new Uri(ready.GetProperty("rpc").GetString()!);
        ChainId = ready.GetProperty("chainId").GetString()!;
        Contract = ready.GetProperty("contract").GetString()!;
        Minter = ready.GetProperty("minter").GetString()!;
        Holder = ready.GetProperty("to").GetString()!;
    }

    public Uri RpcUrl { get; }

    public string ChainId { get; }

    /// <summary>The collection deployed at start-up.</summary>
    public string Contract { get; }

    public string Minter { get; }

    /// <summary>Default recipient of mints.</summary>
    public string Holder { get; }

    public static async Task<GanacheChain> StartAsync(CancellationToken cancellationToken = default)
    {
        string harness = RepositoryPaths.Harness("evm");
        if (!Directory.Exists(Path.Combine(harness, "node_modules", "ganache")))
        {
            throw new InvalidOperationException(
                "tests/harness/evm/node_modules is missing: run scripts/setup.sh (npm ci) before the cron tests");
        }

        var start = new ProcessStartInfo("node", ["chain.js"])
        {
            WorkingDirectory = harness,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        try
        {
            string? line = await process.StandardOutput.ReadLineAsync(cancellationToken)
                .AsTask().WaitAsync(s_startTimeout, cancellationToken);
            if (line is null)
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                string errors;
                lock (stderr)
                {
                    errors = stderr.ToString();
                }

                throw new InvalidOperationException($"chain.js exited before it was ready: {errors}");
            }

            using JsonDocument ready = JsonDocument.Parse(line);
            return new GanacheChain(process, stderr, ready.RootElement.Clone());
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Mints one token; <paramref name="payload"/> null means empty mint data.</summary>
    public Task<MintReceipt> MintAsync(string tokenId, byte[]? payload = null, string key = "", string? contract = null)
    {
        var command = new JsonObject { ["op"] = "mint", ["tokenId"] = tokenId, ["contract"] = contract ?? Contract };
        if (payload is not null)
        {
            command["key"] = key;
            command["payload"] = "0x" + Convert.ToHexStringLower(payload);
        }

        return SendReceiptAsync(command);
    }

    /// <summary>Mints <paramref name="count"/> consecutive tokens in one transaction (empty mint data).</summary>
    public Task<MintReceipt> MintBatchAsync(long firstTokenId, int count, string? contract = null) => SendReceiptAsync(new JsonObject
    {
        ["op"] = "mintBatch",
        ["firstTokenId"] = firstTokenId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["count"] = count,
        ["contract"] = contract ?? Contract,
    });

    /// <summary>Emits a log with the Minted topic and arbitrary data.</summary>
    public Task<MintReceipt> EmitRawMintedAsync(byte[] data, string? contract = null) => SendReceiptAsync(new JsonObject
    {
        ["op"] = "emitRaw",
        ["data"] = "0x" + Convert.ToHexStringLower(data),
        ["contract"] = contract ?? Contract,
    });

    /// <summary>Deploys a fresh collection and returns its address.</summary>
    public async Task<string> DeployAsync()
    {
        JsonElement answer = await SendAsync(new JsonObject { ["op"] = "deploy" });
        return answer.GetProperty("contract").GetString()!;
    }

    public async Task<ulong> MineAsync(int blocks)
    {
        JsonElement answer = await SendAsync(new JsonObject { ["op"] = "mine", ["blocks"] = blocks });
        return answer.GetProperty("blockNumber").GetUInt64();
    }

    public async Task<string> SnapshotAsync()
    {
        JsonElement answer = await SendAsync(new JsonObject { ["op"] = "snapshot" });
        return answer.GetProperty("snapshot").GetString()!;
    }

    public async Task RevertAsync(string snapshot)
    {
        JsonElement answer = await SendAsync(new JsonObject { ["op"] = "revert", ["snapshot"] = snapshot });
        if (!answer.GetProperty("reverted").GetBoolean())
        {
            throw new InvalidOperationException($"evm_revert({snapshot}) refused");
        }
    }

    /// <summary>ethers' encoding of Minted event data and mint data, as an independent ABI oracle.</summary>
    public async Task<IReadOnlyList<(byte[] EventData, byte[] MintData)>> EncodeWithEthersAsync(
        IEnumerable<(string To, string TokenId, string? Key, byte[] Payload)> items)
    {
        var array = new JsonArray();
        foreach ((string to, string tokenId, string? key, byte[] payload) in items)
        {
            array.Add(new JsonObject
            {
                ["to"] = to,
                ["tokenId"] = tokenId,
                ["key"] = key,
                ["payload"] = "0x" + Convert.ToHexStringLower(payload),
            });
        }

        JsonElement answer = await SendAsync(new JsonObject { ["op"] = "encode", ["items"] = array });
        return answer.GetProperty("items").EnumerateArray()
            .Select(item => (
                Convert.FromHexString(item.GetProperty("eventData").GetString()!.AsSpan(2)),
                Convert.FromHexString(item.GetProperty("mintData").GetString()!.AsSpan(2))))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException)
        {
            // fall through to the kill below
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            _gate.Dispose();
        }
    }

    private async Task<MintReceipt> SendReceiptAsync(JsonObject command)
    {
        JsonElement answer = await SendAsync(command);
        return new MintReceipt(
            answer.GetProperty("txHash").GetString()!,
            answer.GetProperty("blockNumber").GetUInt64(),
            answer.GetProperty("blockHash").GetString()!);
    }

    private async Task<JsonElement> SendAsync(JsonObject command)
    {
        await _gate.WaitAsync();
        try
        {
            int id = ++_nextId;
            command["id"] = id;
            await _process.StandardInput.WriteLineAsync(command.ToJsonString());
            await _process.StandardInput.FlushAsync();
            string? line = await _process.StandardOutput.ReadLineAsync().WaitAsync(s_commandTimeout);
            if (line is null)
            {
                string errors;
                lock (_stderr)
                {
                    errors = _stderr.ToString();
                }

                throw new InvalidOperationException($"chain.js exited: {errors}");
            }

            using JsonDocument answer = JsonDocument.Parse(line);
            JsonElement root = answer.RootElement;
            if (!root.GetProperty("ok").GetBoolean())
            {
                throw new InvalidOperationException($"chain.js {command["op"]} failed: {root.GetProperty("error").GetString()}");
            }

            return root.Clone();
        }
        finally
        {
            _gate.Release();
        }
    }
}
