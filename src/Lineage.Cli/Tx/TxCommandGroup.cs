// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Text;
using System.Text.Json;
using Lineage.Cli.Common;
using Lineage.Client;
using Lineage.Client.Model;
using Lineage.Client.Signing;

namespace Lineage.Cli.Tx;

/// <summary>
/// <c>lineage tx publish metadata|contract|clone|cron</c> (signed locally) and <c>lineage tx receipt HASH</c>.
/// </summary>
internal sealed class TxCommandGroup : ICommandGroup
{
    public Command Create()
    {
        var publish = new Command("publish", "Sign a transaction with a local key and publish it to a node");
        publish.Subcommands.Add(CreatePublish("metadata", "Write one metadata field (data = the content, JSON or plain text)", null));
        publish.Subcommands.Add(CreatePublish("contract", "Bind a meta contract to a collection, migrate, or register a registry id", ContractData()));
        publish.Subcommands.Add(CreatePublish("clone", "Clone another token's field into this token (origin contract's on_clone decides)", CloneData()));
        publish.Subcommands.Add(CreatePublish("cron", "Create or update a mint watcher", CronData()));

        var group = new Command("tx", "Publish transactions and read receipts");
        group.Subcommands.Add(publish);
        group.Subcommands.Add(CreateReceipt());
        return group;
    }

    private static Command CreatePublish(string method, string description, DataBuilder? builder)
    {
        var node = NodeConnection.CreateOption();
        var key = new Option<FileInfo>("--key") { Description = "Key file (lineage key new --out FILE)", HelpName = "FILE", Required = true };
        var chainId = new Option<string>("--chain-id") { Description = "Chain id, e.g. 1, 137, 80001", DefaultValueFactory = _ => "" };
        var tokenAddress = new Option<string>("--token-address") { Description = "NFT collection address", DefaultValueFactory = _ => "" };
        var tokenId = new Option<string>("--token-id") { Description = "Token id", DefaultValueFactory = _ => "" };
        var alias = new Option<string>("--alias") { Description = "Field name ('' = whole object)", DefaultValueFactory = _ => "" };
        var version = new Option<string>("--version") { Description = "Row namespace/version", DefaultValueFactory = _ => "" };
        var metaContract = new Option<string>("--meta-contract-id") { Description = "Meta contract id or registry id (e.g. 0x01)", DefaultValueFactory = _ => "" };
        var mcdata = new Option<string>("--mcdata") { Description = "JSON passed to the meta contract, e.g. {\"loose\":1}", DefaultValueFactory = _ => "" };
        var data = new Option<string?>("--data") { Description = builder is null ? "The content (JSON or text)" : "Raw data JSON (overrides the method's data flags)" };
        var dataFile = new Option<FileInfo?>("--data-file") { Description = "Read data from a file (UTF-8, taken verbatim)", HelpName = "FILE" };
        var wait = new Option<bool>("--wait") { Description = "Wait for the receipt, print it, exit 1 if the transaction failed" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait with --wait", DefaultValueFactory = _ => 30 };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the signed request instead of sending it" };

        var command = new Command(method, description);
        foreach (Option option in new Option[] { node, key, chainId, tokenAddress, tokenId, alias, version, metaContract, mcdata, data, dataFile, wait, timeout, dryRun })
        {
            command.Options.Add(option);
        }

        builder?.AddOptions(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            ISigner signer;
            try
            {
                signer = KeyFile.Load(parseResult.GetValue(key)!.FullName).CreateSigner();
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                return NodeConnection.Fail(ex.Message, ExitCodes.Usage);
            }

            string? payload = parseResult.GetValue(data);
            FileInfo? payloadFile = parseResult.GetValue(dataFile);
            if (payload is not null && payloadFile is not null)
            {
                return NodeConnection.Fail("give either --data or --data-file, not both", ExitCodes.Usage);
            }

            if (payloadFile is not null)
            {
                try
                {
                    payload = File.ReadAllText(payloadFile.FullName, new UTF8Encoding(false));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return NodeConnection.Fail($"cannot read {payloadFile.FullName}: {ex.Message}", ExitCodes.Usage);
                }
            }

            string mc = parseResult.GetValue(metaContract)!;
            if (payload is null)
            {
                if (builder is null)
                {
                    return NodeConnection.Fail("metadata needs --data or --data-file", ExitCodes.Usage);
                }

                payload = builder.Build(parseResult, mc);
            }

            TransactionRequest request = new TransactionRequest
            {
                Method = method,
                MetaContractId = mc,
                ChainId = parseResult.GetValue(chainId)!,
                TokenAddress = parseResult.GetValue(tokenAddress)!,
                TokenId = parseResult.GetValue(tokenId)!,
                Alias = parseResult.GetValue(alias)!,
                Version = parseResult.GetValue(version)!,
                Mcdata = parseResult.GetValue(mcdata)!,
                Data = payload,
            }.SignWith(signer);

            if (parseResult.GetValue(dryRun))
            {
                NodeConnection.Print(request);
                return ExitCodes.Success;
            }

            return await NodeConnection.RunAsync(parseResult.GetValue(node)!, async client =>
            {
                PublishResult published = await client.PublishAsync(request, cancellationToken).ConfigureAwait(false);
                if (!parseResult.GetValue(wait))
                {
                    Console.Out.WriteLine(published.TransactionHash);
                    return ExitCodes.Success;
                }

                return await WaitAndPrintAsync(client, published.TransactionHash, parseResult.GetValue(timeout), cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateReceipt()
    {
        var node = NodeConnection.CreateOption();
        var hash = new Argument<string>("HASH") { Description = "Transaction hash returned by publish" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the receipt exists" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait with --wait", DefaultValueFactory = _ => 30 };
        var command = new Command("receipt", "Print a transaction's receipt (exit 1 if it failed or does not exist)");
        command.Options.Add(node);
        command.Arguments.Add(hash);
        command.Options.Add(wait);
        command.Options.Add(timeout);
        command.SetAction(async (parseResult, cancellationToken) =>
            await NodeConnection.RunAsync(parseResult.GetValue(node)!, async client =>
            {
                string txHash = parseResult.GetValue(hash)!;
                if (parseResult.GetValue(wait))
                {
                    return await WaitAndPrintAsync(client, txHash, parseResult.GetValue(timeout), cancellationToken).ConfigureAwait(false);
                }

                TransactionReceiptResult result = await client.GetTransactionReceiptAsync(txHash, cancellationToken).ConfigureAwait(false);
                if (result.Receipt is null)
                {
                    return NodeConnection.Fail($"no receipt for {txHash}{(result.ErrMsg.Length > 0 ? ": " + result.ErrMsg : string.Empty)}");
                }

                return PrintReceipt(result.Receipt);
            }).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> WaitAndPrintAsync(LineageClient client, string hash, int timeoutSeconds, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, timeoutSeconds)));
        TransactionReceipt receipt;
        try
        {
            receipt = await client.WaitForReceiptAsync(hash, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NodeConnection.Fail($"no receipt for {hash} after {timeoutSeconds} s");
        }

        return PrintReceipt(receipt);
    }

    private static int PrintReceipt(TransactionReceipt receipt)
    {
        NodeConnection.Print(receipt);
        return receipt.Status == 1
            ? ExitCodes.Success
            : NodeConnection.Fail($"transaction {receipt.Hash} failed: {receipt.ErrorText}");
    }

    private static DataBuilder ContractData()
    {
        var contractId = new Option<string?>("--contract-id") { Description = "data.meta_contract_id [default: --meta-contract-id]" };
        var registry = new Option<bool>("--registry") { Description = "data.is_registry: register the contract under --registry-id" };
        var registryId = new Option<string>("--registry-id") { Description = "data.registry_id", DefaultValueFactory = _ => "" };
        var registryName = new Option<string>("--registry-name") { Description = "data.registry_name", DefaultValueFactory = _ => "" };
        var migrateFrom = new Option<string>("--migrate-from") { Description = "data.migrate_from: move rows of this contract id", DefaultValueFactory = _ => "" };
        return new DataBuilder([contractId, registry, registryId, registryName, migrateFrom], (r, mc) => Json(w =>
        {
            w.WriteBoolean("is_registry", r.GetValue(registry));
            w.WriteString("registry_id", r.GetValue(registryId));
            w.WriteString("registry_name", r.GetValue(registryName));
            w.WriteString("meta_contract_id", r.GetValue(contractId) ?? mc);
            w.WriteString("migrate_from", r.GetValue(migrateFrom));
        }));
    }

    private static DataBuilder CloneData()
    {
        var dataKey = new Option<string>("--origin-data-key") { Description = "data_key of the token to clone from", DefaultValueFactory = _ => "" };
        var mc = new Option<string>("--origin-meta-contract-id") { Description = "Origin row's meta contract id", DefaultValueFactory = _ => "" };
        var pk = new Option<string>("--origin-public-key") { Description = "Origin row's public key", DefaultValueFactory = _ => "" };
        var alias = new Option<string>("--origin-alias") { Description = "Origin row's alias", DefaultValueFactory = _ => "" };
        var version = new Option<string>("--origin-version") { Description = "Origin row's version", DefaultValueFactory = _ => "" };
        return new DataBuilder([dataKey, mc, pk, alias, version], (r, _) => Json(w =>
        {
            w.WriteString("origin_data_key", r.GetValue(dataKey));
            w.WriteString("origin_meta_contract_id", r.GetValue(mc));
            w.WriteString("origin_public_key", r.GetValue(pk));
            w.WriteString("origin_alias", r.GetValue(alias));
            w.WriteString("origin_version", r.GetValue(version));
        }));
    }

    private static DataBuilder CronData()
    {
        var action = new Option<string>("--action") { Description = "create, update or update_status", DefaultValueFactory = _ => "create" };
        action.AcceptOnlyFromAmong("create", "update", "update_status");
        var hash = new Option<string>("--cron-hash") { Description = "Cron hash (update, update_status)", DefaultValueFactory = _ => "" };
        var address = new Option<string>("--address") { Description = "Watched contract address", DefaultValueFactory = _ => "" };
        var chain = new Option<string>("--chain") { Description = "Watched chain id", DefaultValueFactory = _ => "" };
        var topic = new Option<string>("--topic") { Description = "Event topic (keccak of the Minted signature)", DefaultValueFactory = _ => "" };
        var tokenType = new Option<string>("--token-type") { Description = "erc721 or erc1155", DefaultValueFactory = _ => "erc721" };
        tokenType.AcceptOnlyFromAmong("erc721", "erc1155");
        var status = new Option<int>("--status") { Description = "0 (disabled) or 1 (enabled)", DefaultValueFactory = _ => 1 };
        var rpcUrl = new Option<string>("--rpc-url") { Description = "data.node_url: the chain's JSON-RPC endpoint", DefaultValueFactory = _ => "" };
        var abiUrl = new Option<string>("--abi-url") { Description = "data.abi_url", DefaultValueFactory = _ => "" };
        return new DataBuilder([action, hash, address, chain, topic, tokenType, status, rpcUrl, abiUrl], (r, _) => Json(w =>
        {
            w.WriteString("action", r.GetValue(action));
            w.WriteString("hash", r.GetValue(hash));
            w.WriteString("address", r.GetValue(address));
            w.WriteString("chain", r.GetValue(chain));
            w.WriteString("topic", r.GetValue(topic));
            w.WriteString("token_type", r.GetValue(tokenType));
            w.WriteNumber("status", r.GetValue(status));
            w.WriteString("node_url", r.GetValue(rpcUrl));
            w.WriteString("abi_url", r.GetValue(abiUrl));
        }));
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The method-specific flags of a publish subcommand and how they become <c>data</c>.</summary>
    private sealed class DataBuilder(Option[] options, Func<ParseResult, string, string> build)
    {
        public void AddOptions(Command command)
        {
            foreach (Option option in options)
            {
                command.Options.Add(option);
            }
        }

        public string Build(ParseResult parseResult, string metaContractId) => build(parseResult, metaContractId);
    }
}
