// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Lineage.Metadata.Cron.Evm;

namespace Lineage.Node.Evm;

/// <summary>
/// Strict readers for the JSON shapes of the Ethereum JSON-RPC API (quantities, data, hashes, logs, blocks,
/// receipts). Every violation throws <see cref="FormatException"/> naming the offending field.
/// </summary>
internal static class EvmJson
{
    private static readonly SearchValues<char> s_hexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static ulong Quantity(JsonElement element, string field)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"{field}: expected a hex quantity string, got {element.ValueKind}");
        }

        string text = element.GetString()!;
        if (text.Length < 3 || text.Length > 18 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')
            || !ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value))
        {
            throw new FormatException($"{field}: '{Snippet(text)}' is not a 64-bit hex quantity");
        }

        return value;
    }

    public static byte[] Data(JsonElement element, string field)
    {
        string text = HexString(element, field);
        if (text.Length % 2 != 0)
        {
            throw new FormatException($"{field}: hex data has an odd number of digits");
        }

        try
        {
            return Convert.FromHexString(text.AsSpan(2));
        }
        catch (FormatException)
        {
            throw new FormatException($"{field}: '{Snippet(text)}' is not hex data");
        }
    }

    public static string FixedHex(JsonElement element, string field, int bytes)
    {
        string text = HexString(element, field);
        if (text.Length != 2 + (bytes * 2) || !IsHex(text.AsSpan(2)))
        {
            throw new FormatException($"{field}: '{Snippet(text)}' is not {bytes} bytes of hex");
        }

        return text.ToLowerInvariant();
    }

    public static JsonElement Property(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected an object holding '{name}', got {obj.ValueKind}");
        }

        if (!obj.TryGetProperty(name, out JsonElement value))
        {
            throw new FormatException($"missing field '{name}'");
        }

        return value;
    }

    public static EvmLog Log(JsonElement log)
    {
        JsonElement topicsElement = Property(log, "topics");
        if (topicsElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("log.topics: expected an array");
        }

        var topics = new List<string>(topicsElement.GetArrayLength());
        foreach (JsonElement topic in topicsElement.EnumerateArray())
        {
            topics.Add(FixedHex(topic, "log.topics[]", 32));
        }

        bool removed = log.TryGetProperty("removed", out JsonElement removedElement)
            && removedElement.ValueKind == JsonValueKind.True;
        return new EvmLog(
            FixedHex(Property(log, "address"), "log.address", 20),
            topics,
            Data(Property(log, "data"), "log.data"),
            Quantity(Property(log, "blockNumber"), "log.blockNumber"),
            FixedHex(Property(log, "blockHash"), "log.blockHash", 32),
            FixedHex(Property(log, "transactionHash"), "log.transactionHash", 32),
            Quantity(Property(log, "transactionIndex"), "log.transactionIndex"),
            Quantity(Property(log, "logIndex"), "log.logIndex"),
            removed);
    }

    public static IReadOnlyList<EvmLog> Logs(JsonElement array, string field)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{field}: expected an array of logs, got {array.ValueKind}");
        }

        var logs = new List<EvmLog>(array.GetArrayLength());
        foreach (JsonElement log in array.EnumerateArray())
        {
            logs.Add(Log(log));
        }

        return logs;
    }

    public static EvmBlockHeader Block(JsonElement block) => new(
        Quantity(Property(block, "number"), "block.number"),
        FixedHex(Property(block, "hash"), "block.hash", 32),
        FixedHex(Property(block, "parentHash"), "block.parentHash", 32),
        Quantity(Property(block, "timestamp"), "block.timestamp"));

    public static EvmTransactionReceipt Receipt(JsonElement receipt)
    {
        bool succeeded = !receipt.TryGetProperty("status", out JsonElement status)
            || status.ValueKind == JsonValueKind.Null
            || Quantity(status, "receipt.status") == 1;
        return new EvmTransactionReceipt(
            FixedHex(Property(receipt, "transactionHash"), "receipt.transactionHash", 32),
            Quantity(Property(receipt, "blockNumber"), "receipt.blockNumber"),
            FixedHex(Property(receipt, "blockHash"), "receipt.blockHash", 32),
            succeeded,
            Logs(Property(receipt, "logs"), "receipt.logs"));
    }

    public static string Snippet(string text) => text.Length <= 48 ? text : string.Concat(text.AsSpan(0, 48), "…");

    private static string HexString(JsonElement element, string field)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"{field}: expected a hex string, got {element.ValueKind}");
        }

        string text = element.GetString()!;
        if (text.Length < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        {
            throw new FormatException($"{field}: '{Snippet(text)}' lacks the 0x prefix");
        }

        return text;
    }

    private static bool IsHex(ReadOnlySpan<char> digits) => !digits.ContainsAnyExcept(s_hexDigits);
}
