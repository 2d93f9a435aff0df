// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json.Nodes;
using Lineage.Core.MsgPack;
using Lineage.Marine.Hosting;

namespace Lineage.Marine.AquaVm;

/// <summary>
/// AquaVM's byte formats for call results (input) and call requests (output): multiformat msgpack, i.e. the
/// multicodec prefix <c>81 04</c> (messagepack, 0x0201) followed by a msgpack map keyed by call id.
/// </summary>
public static class AquaVmCodec
{
    private static ReadOnlySpan<byte> Prefix => [0x81, 0x04];

    /// <summary>
    /// <c>81 04</c> + <c>{"&lt;id&gt;": {ret_code, result}}</c>: string keys "for compatibility with JavaScript",
    /// result as JSON text. No results is <c>81 04 80</c>.
    /// </summary>
    public static byte[] EncodeCallResults(IReadOnlyDictionary<uint, AquaVmCallResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var ordered = results.OrderBy(r => r.Key).Select(r => (Key: r.Key.ToString(CultureInfo.InvariantCulture), r.Value)).ToList();
        int length = Prefix.Length + MsgPackWriter.GetMapHeaderLength(ordered.Count);
        foreach ((string key, AquaVmCallResult value) in ordered)
        {
            length += MsgPackWriter.GetStringLength(key) + MsgPackWriter.GetMapHeaderLength(2)
                + MsgPackWriter.GetStringLength("ret_code") + MsgPackWriter.GetInt64Length(value.RetCode)
                + MsgPackWriter.GetStringLength("result") + MsgPackWriter.GetStringLength(value.Result);
        }

        byte[] bytes = new byte[length];
        Prefix.CopyTo(bytes);
        var writer = new MsgPackWriter(bytes.AsSpan(Prefix.Length));
        writer.WriteMapHeader(ordered.Count);
        foreach ((string key, AquaVmCallResult value) in ordered)
        {
            writer.WriteString(key);
            writer.WriteMapHeader(2);
            writer.WriteString("ret_code");
            writer.WriteInt64(value.RetCode);
            writer.WriteString("result");
            writer.WriteString(value.Result);
        }

        return bytes;
    }

    /// <summary>Decodes call requests; keys may be integers or decimal strings.</summary>
    /// <exception cref="AquaVmException">The bytes are not AquaVM call requests.</exception>
    public static IReadOnlyDictionary<uint, AquaVmCallRequest> DecodeCallRequests(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.StartsWith(Prefix))
        {
            throw new AquaVmException("call requests do not start with the msgpack multicodec prefix 81 04");
        }

        try
        {
            if (MsgPackJson.Decode(bytes[2..]) is not JsonObject map)
            {
                throw new AquaVmException("call requests are not a msgpack map");
            }

            var requests = new SortedDictionary<uint, AquaVmCallRequest>();
            foreach ((string key, JsonNode? value) in map)
            {
                if (!uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out uint id) || value is not JsonObject request)
                {
                    throw new AquaVmException($"call request '{key}' has a bad id or is not a map");
                }

                JsonArray arguments = MsgPackJson.Decode(Bytes(request["arguments"], "arguments")) as JsonArray
                    ?? throw new AquaVmException($"call request {id}: arguments are not an array");
                var tetraplets = new List<IReadOnlyList<MarineSecurityTetraplet>>();
                if (MsgPackJson.Decode(Bytes(request["tetraplets"], "tetraplets")) is not JsonArray groups)
                {
                    throw new AquaVmException($"call request {id}: tetraplets are not an array");
                }

                foreach (JsonNode? group in groups)
                {
                    tetraplets.Add([.. (group as JsonArray ?? []).Select(t => new MarineSecurityTetraplet(
                        Text(t, "peer_pk"), Text(t, "service_id"), Text(t, "function_name"), Text(t, "lens")))]);
                }

                requests[id] = new AquaVmCallRequest(Text(request, "service_id"), Text(request, "function_name"), arguments, tetraplets);
            }

            return requests;
        }
        catch (MsgPackFormatException e)
        {
            throw new AquaVmException("call requests are not valid msgpack: " + e.Message, e);
        }
    }

    private static string Text(JsonNode? node, string field) =>
        node?[field]?.GetValue<string>() ?? throw new AquaVmException($"call request field '{field}' is missing");

    private static byte[] Bytes(JsonNode? node, string field) =>
        node is JsonArray array
            ? [.. array.Select(b => b!.GetValue<byte>())]
            : throw new AquaVmException($"call request field '{field}' is not a byte array");
}
