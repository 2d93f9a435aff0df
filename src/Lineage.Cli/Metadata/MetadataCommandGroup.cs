// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Text.Json;
using Lineage.Cli.Common;
using Lineage.Client.Model;

namespace Lineage.Cli.Metadata;

/// <summary><c>lineage metadata get|history|search</c>: read NFT metadata fields from a node.</summary>
internal sealed class MetadataCommandGroup : ICommandGroup
{
    private static readonly string[] s_operators = ["!=", "<>", "<=", ">=", "=", "<", ">", " like "];

    public Command Create()
    {
        var group = new Command("metadata", "Read metadata fields, their history, and search");
        group.Subcommands.Add(CreateRowCommand("get", "Print one field: its row and current content", history: false));
        group.Subcommands.Add(CreateRowCommand("history", "Print one field's DAG blocks, newest first", history: true));
        group.Subcommands.Add(CreateSearch());
        return group;
    }

    private static Command CreateRowCommand(string name, string description, bool history)
    {
        var node = NodeConnection.CreateOption();
        var dataKey = new Option<string?>("--data-key") { Description = "The token's data key (or give --chain-id, --token-address, --token-id)" };
        var chainId = new Option<string?>("--chain-id") { Description = "Chain id (to derive the data key)" };
        var tokenAddress = new Option<string?>("--token-address") { Description = "Collection address (to derive the data key)" };
        var tokenId = new Option<string?>("--token-id") { Description = "Token id (to derive the data key)" };
        var metaContract = new Option<string>("--meta-contract-id") { Description = "Meta contract id the row is stored under", DefaultValueFactory = _ => "" };
        var publicKey = new Option<string>("--public-key") { Description = "Row owner: address or base58 key", DefaultValueFactory = _ => "" };
        var alias = new Option<string>("--alias") { Description = "Field name", DefaultValueFactory = _ => "" };
        var version = new Option<string>("--version") { Description = "Row version", DefaultValueFactory = _ => "" };
        var command = new Command(name, description);
        foreach (Option option in new Option[] { node, dataKey, chainId, tokenAddress, tokenId, metaContract, publicKey, alias, version })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
            await NodeConnection.RunAsync(parseResult.GetValue(node)!, async client =>
            {
                string? key = parseResult.GetValue(dataKey);
                string? chain = parseResult.GetValue(chainId);
                string? address = parseResult.GetValue(tokenAddress);
                string? id = parseResult.GetValue(tokenId);
                if (key is null)
                {
                    if (chain is null || address is null || id is null)
                    {
                        return NodeConnection.Fail("give --data-key, or --chain-id, --token-address and --token-id", ExitCodes.Usage);
                    }

                    key = await client.GenerateDataKeyAsync(chain, address, id, cancellationToken).ConfigureAwait(false);
                }

                string mc = parseResult.GetValue(metaContract)!;
                string pk = parseResult.GetValue(publicKey)!;
                string fieldAlias = parseResult.GetValue(alias)!;
                string fieldVersion = parseResult.GetValue(version)!;
                if (history)
                {
                    MetadataHistoryResult result = await client.GetMetadataWithHistoryAsync(key, mc, pk, fieldAlias, fieldVersion, cancellationToken).ConfigureAwait(false);
                    if (!result.Success)
                    {
                        return NodeConnection.Fail($"no such field: {result.ErrMsg}");
                    }

                    List<JsonElement> blocks = [Parse(result.Metadata), .. result.History.Select(Parse)];
                    NodeConnection.Print(blocks);
                    return ExitCodes.Success;
                }

                MetadataResult row = await client.GetMetadataAsync(key, mc, pk, fieldAlias, fieldVersion, cancellationToken).ConfigureAwait(false);
                if (!row.Success || row.Metadata is null)
                {
                    return NodeConnection.Fail($"no such field: {row.ErrMsg}");
                }

                IpfsGetResult block = await client.IpfsGetAsync(row.Metadata.Cid, cancellationToken).ConfigureAwait(false);
                JsonElement content = block.Success && Parse(block.Content) is { ValueKind: JsonValueKind.Object } parsed
                    && parsed.TryGetProperty("content", out JsonElement value) ? value : default;
                NodeConnection.Print(new Dictionary<string, object?> { ["metadata"] = row.Metadata, ["content"] = content.ValueKind == JsonValueKind.Undefined ? null : content });
                return ExitCodes.Success;
            }).ConfigureAwait(false));
        return command;
    }

    private static Command CreateSearch()
    {
        var node = NodeConnection.CreateOption();
        var where = new Option<string[]>("--where")
        {
            Description = "Condition 'column OP value' with OP one of = != <> < <= > >= like (repeatable, joined with AND), e.g. --where data_key=21d7…",
            AllowMultipleArgumentsPerToken = false,
        };
        var order = new Option<string[]>("--order") { Description = "Ordering 'column' or 'column:desc' (repeatable)" };
        var from = new Option<long>("--from") { Description = "Offset of the first row" };
        var to = new Option<long>("--to") { Description = "Row limit (0 = none)" };
        var count = new Option<bool>("--count") { Description = "Print only the number of matching rows" };
        var command = new Command("search", "Search metadata rows (search_metadatas)");
        foreach (Option option in new Option[] { node, where, order, from, to, count })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var conditions = new List<QueryCondition>();
            foreach (string text in parseResult.GetValue(where) ?? [])
            {
                QueryCondition? condition = ParseCondition(text);
                if (condition is null)
                {
                    return NodeConnection.Fail($"--where '{text}' must be 'column OP value'", ExitCodes.Usage);
                }

                conditions.Add(condition);
            }

            var orderings = (parseResult.GetValue(order) ?? [])
                .Select(o => o.Split(':', 2))
                .Select(parts => new QueryOrdering { Column = parts[0], Sort = parts.Length > 1 ? parts[1] : "asc" })
                .ToList();
            var filter = new SearchFilter { Query = conditions, Ordering = orderings, From = parseResult.GetValue(from), To = parseResult.GetValue(to) };
            return await NodeConnection.RunAsync(parseResult.GetValue(node)!, async client =>
            {
                if (parseResult.GetValue(count))
                {
                    Console.Out.WriteLine(await client.SearchMetadatasCountAsync(filter, cancellationToken).ConfigureAwait(false));
                    return ExitCodes.Success;
                }

                MetadatasResult rows = await client.SearchMetadatasAsync(filter, cancellationToken).ConfigureAwait(false);
                NodeConnection.Print(rows.Metadatas);
                return ExitCodes.Success;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static QueryCondition? ParseCondition(string text)
    {
        foreach (string op in s_operators)
        {
            int at = text.IndexOf(op, StringComparison.OrdinalIgnoreCase);
            if (at > 0)
            {
                return new QueryCondition { Column = text[..at].Trim(), Op = op.Trim(), Query = text[(at + op.Length)..] };
            }
        }

        return null;
    }

    private static JsonElement Parse(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            using JsonDocument text = JsonDocument.Parse(JsonSerializer.Serialize(json));
            return text.RootElement.Clone();
        }
    }
}
