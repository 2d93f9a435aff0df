// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Text;
using System.Text.Json;
using Lineage.Cli.Common;
using Lineage.Client;
using Lineage.Client.Model;
using Lineage.Client.Signing;

namespace Lineage.Cli.Cron;

/// <summary>
/// <c>lineage cron create|list|disable</c>: register a mint watcher (a signed <c>cron</c> transaction), list the
/// node's crons, and disable one (a signed <c>update_status</c> by its creator).
/// </summary>
internal sealed class CronCommandGroup : ICommandGroup
{
    /// <summary>keccak256("Minted(address,uint256,bytes)"), the only event the node's watcher decodes.</summary>
    public const string MintedTopic = "0x957f358702a4cd1c866fb29aefe080a9a56303adf02d47a081a56707d2d30033";

    public Command Create()
    {
        var group = new Command("cron", "Mint watchers: create metadata for newly minted NFTs from EVM Minted events");
        group.Subcommands.Add(CreateCreate());
        group.Subcommands.Add(CreateList());
        group.Subcommands.Add(CreateDisable());
        return group;
    }

    private static Command CreateCreate()
    {
        var node = NodeConnection.CreateOption();
        var key = KeyOption();
        var address = new Option<string>("--address") { Description = "Collection (contract) address emitting Minted", Required = true };
        var chain = new Option<string>("--chain") { Description = "EVM chain id, e.g. 1, 137, 1337", Required = true };
        var rpcUrl = new Option<string>("--rpc-url") { Description = "The chain's JSON-RPC endpoint the node polls (data.node_url)", Required = true };
        var metaContract = new Option<string>("--meta-contract-id") { Description = "Meta contract whose on_mint runs for each token", Required = true };
        var tokenType = new Option<string>("--token-type") { Description = "erc721 or erc1155", DefaultValueFactory = _ => "erc721" };
        tokenType.AcceptOnlyFromAmong("erc721", "erc1155");
        var topic = new Option<string>("--topic") { Description = "Event topic", DefaultValueFactory = _ => MintedTopic };
        var wait = WaitOption();
        var command = new Command("create", "Register a mint watcher for a collection (signed cron transaction, action create)");
        foreach (Option option in new Option[] { node, key, address, chain, rpcUrl, metaContract, tokenType, topic, wait })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!TryLoadSigner(parseResult.GetValue(key)!, out ISigner? signer, out int failure))
            {
                return failure;
            }

            string data = CronData(
                "create", string.Empty, parseResult.GetValue(address)!, parseResult.GetValue(chain)!, parseResult.GetValue(topic)!,
                parseResult.GetValue(tokenType)!, 1, parseResult.GetValue(rpcUrl)!);
            TransactionRequest request = new TransactionRequest
            {
                Method = "cron",
                MetaContractId = parseResult.GetValue(metaContract)!,
                ChainId = parseResult.GetValue(chain)!,
                TokenAddress = parseResult.GetValue(address)!,
                Data = data,
            }.SignWith(signer!);
            return await NodeConnection.RunAsync(parseResult.GetValue(node)!, client =>
                PublishAsync(client, request, parseResult.GetValue(wait), cancellationToken)).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateList()
    {
        var node = NodeConnection.CreateOption();
        var active = new Option<bool>("--active") { Description = "Only enabled crons (get_active_crons)" };
        var command = new Command("list", "List the node's crons (get_all_crons) as JSON");
        command.Options.Add(node);
        command.Options.Add(active);
        command.SetAction(async (parseResult, cancellationToken) =>
            await NodeConnection.RunAsync(parseResult.GetValue(node)!, async client =>
            {
                string method = parseResult.GetValue(active) ? "get_active_crons" : "get_all_crons";
                JsonElement crons = await client.CallAsync<JsonElement>(method, Array.Empty<object>(), cancellationToken).ConfigureAwait(false);
                NodeConnection.Print(crons);
                return ExitCodes.Success;
            }).ConfigureAwait(false));
        return command;
    }

    private static Command CreateDisable()
    {
        var node = NodeConnection.CreateOption();
        var key = KeyOption();
        var hash = new Argument<string>("HASH") { Description = "Cron hash (lineage cron list)" };
        var wait = WaitOption();
        var command = new Command("disable", "Disable a cron (signed cron transaction, action update_status, status 0; creator only)");
        command.Options.Add(node);
        command.Options.Add(key);
        command.Options.Add(wait);
        command.Arguments.Add(hash);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!TryLoadSigner(parseResult.GetValue(key)!, out ISigner? signer, out int failure))
            {
                return failure;
            }

            string cronHash = parseResult.GetValue(hash)!;
            return await NodeConnection.RunAsync(parseResult.GetValue(node)!, async client =>
            {
                JsonElement all = await client.CallAsync<JsonElement>("get_all_crons", Array.Empty<object>(), cancellationToken).ConfigureAwait(false);
                JsonElement? cron = FindCron(all, cronHash);
                if (cron is not { } found)
                {
                    return NodeConnection.Fail($"no cron {cronHash} on this node");
                }

                string address = found.GetProperty("address").GetString() ?? string.Empty;
                string chain = found.GetProperty("chain").GetString() ?? string.Empty;
                string data = CronData(
                    "update_status", cronHash, address, chain, found.GetProperty("topic").GetString() ?? string.Empty,
                    found.GetProperty("token_type").GetString() ?? string.Empty, 0, found.GetProperty("node_url").GetString() ?? string.Empty);
                TransactionRequest request = new TransactionRequest
                {
                    Method = "cron",
                    MetaContractId = found.GetProperty("meta_contract_id").GetString() ?? string.Empty,
                    ChainId = chain,
                    TokenAddress = address,
                    Data = data,
                }.SignWith(signer!);
                return await PublishAsync(client, request, parseResult.GetValue(wait), cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static JsonElement? FindCron(JsonElement result, string cronHash)
    {
        if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty("crons", out JsonElement crons) && crons.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement cron in crons.EnumerateArray())
            {
                if (cron.TryGetProperty("hash", out JsonElement h) && h.GetString() == cronHash)
                {
                    return cron;
                }
            }
        }

        return null;
    }

    private static async Task<int> PublishAsync(LineageClient client, TransactionRequest request, bool wait, CancellationToken cancellationToken)
    {
        PublishResult published = await client.PublishAsync(request, cancellationToken).ConfigureAwait(false);
        if (!wait)
        {
            Console.Out.WriteLine(published.TransactionHash);
            return ExitCodes.Success;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        TransactionReceipt receipt;
        try
        {
            receipt = await client.WaitForReceiptAsync(published.TransactionHash, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NodeConnection.Fail($"no receipt for {published.TransactionHash} after 30 s");
        }

        NodeConnection.Print(receipt);
        return receipt.Status == 1 ? ExitCodes.Success : NodeConnection.Fail($"transaction {receipt.Hash} failed: {receipt.ErrorText}");
    }

    private static bool TryLoadSigner(FileInfo keyFile, out ISigner? signer, out int failure)
    {
        try
        {
            signer = KeyFile.Load(keyFile.FullName).CreateSigner();
            failure = ExitCodes.Success;
            return true;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            signer = null;
            failure = NodeConnection.Fail(ex.Message, ExitCodes.Usage);
            return false;
        }
    }

    private static Option<FileInfo> KeyOption() =>
        new("--key") { Description = "Key file (lineage key new --out FILE)", HelpName = "FILE", Required = true };

    private static Option<bool> WaitOption() =>
        new("--wait") { Description = "Wait for the receipt, print it, exit 1 if the transaction failed" };

    private static string CronData(string action, string hash, string address, string chain, string topic, string tokenType, int status, string nodeUrl)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("action", action);
            writer.WriteString("hash", hash);
            writer.WriteString("address", address);
            writer.WriteString("chain", chain);
            writer.WriteString("topic", topic);
            writer.WriteString("token_type", tokenType);
            writer.WriteNumber("status", status);
            writer.WriteString("node_url", nodeUrl);
            writer.WriteString("abi_url", string.Empty);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
