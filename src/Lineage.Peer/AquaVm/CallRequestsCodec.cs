// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Core.MsgPack;

namespace Lineage.Peer.AquaVm;

/// <summary>
/// AquaVM's <c>call_requests</c> bytes (fluence-peer.md §6.4): <c>0x81 0x04</c> + msgpack map
/// <c>{call_id → {service_id, function_name, arguments: bin(msgpack array), tetraplets: bin(msgpack array)}}</c>.
/// Call ids may be integers (Rust) or decimal strings (JS); fields may come in any order.
/// </summary>
public static class CallRequestsCodec
{
    /// <summary>Decodes the outcome's call requests, keyed by call id.</summary>
    public static SortedDictionary<uint, CallRequest> Decode(ReadOnlySpan<byte> bytes)
    {
        var requests = new SortedDictionary<uint, CallRequest>();
        if (bytes.IsEmpty)
        {
            return requests;
        }

        if (bytes.Length < 2 || bytes[0] != 0x81 || bytes[1] != 0x04)
        {
            throw new MsgPackFormatException(0, "call requests must start with the multicodec msgpack prefix 0x81 0x04");
        }

        var reader = new MsgPackReader(bytes[2..], 2);
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            int keyAt = reader.Position;
            uint callId = ReadCallId(ref reader);
            CallRequest request = ReadRequest(ref reader);
            if (!requests.TryAdd(callId, request))
            {
                throw reader.CreateError($"duplicate call id {callId}", keyAt);
            }
        }

        reader.EnsureEnd();
        return requests;
    }

    /// <summary>Encodes call requests the way AquaVM does (used by tests and tools).</summary>
    public static byte[] Encode(IReadOnlyDictionary<uint, CallRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var encoded = new List<(uint Id, CallRequest Request, byte[] Arguments, byte[] Tetraplets)>();
        int length = 2 + MsgPackWriter.GetMapHeaderLength(requests.Count);
        foreach ((uint id, CallRequest request) in requests.OrderBy(pair => pair.Key))
        {
            byte[] arguments = MsgPackJson.Encode(request.Arguments);
            var tetraplets = new JsonArray();
            foreach (IReadOnlyList<SecurityTetraplet> perArgument in request.Tetraplets)
            {
                var list = new JsonArray();
                foreach (SecurityTetraplet t in perArgument)
                {
                    list.Add(new JsonObject { ["peer_pk"] = t.PeerPk, ["service_id"] = t.ServiceId, ["function_name"] = t.FunctionName, ["lens"] = t.Lens });
                }

                tetraplets.Add(list);
            }

            byte[] tetrapletBytes = MsgPackJson.Encode(tetraplets);
            encoded.Add((id, request, arguments, tetrapletBytes));
            length += MsgPackWriter.GetUInt64Length(id) + MsgPackWriter.GetMapHeaderLength(4)
                + MsgPackWriter.GetStringLength(10) + MsgPackWriter.GetStringLength(request.ServiceId)
                + MsgPackWriter.GetStringLength(13) + MsgPackWriter.GetStringLength(request.FunctionName)
                + MsgPackWriter.GetStringLength(9) + MsgPackWriter.GetBinaryLength(arguments.Length)
                + MsgPackWriter.GetStringLength(10) + MsgPackWriter.GetBinaryLength(tetrapletBytes.Length);
        }

        byte[] bytes = new byte[length];
        var writer = new MsgPackWriter(bytes);
        writer.WriteRaw([0x81, 0x04]);
        writer.WriteMapHeader(encoded.Count);
        foreach ((uint id, CallRequest request, byte[] arguments, byte[] tetraplets) in encoded)
        {
            writer.WriteUInt64(id);
            writer.WriteMapHeader(4);
            writer.WriteString("service_id"u8);
            writer.WriteString(request.ServiceId);
            writer.WriteString("function_name"u8);
            writer.WriteString(request.FunctionName);
            writer.WriteString("arguments"u8);
            writer.WriteBinary(arguments);
            writer.WriteString("tetraplets"u8);
            writer.WriteBinary(tetraplets);
        }

        return bytes;
    }

    private static uint ReadCallId(ref MsgPackReader reader)
    {
        int at = reader.Position;
        if (reader.PeekType() == MsgPackType.Text)
        {
            string text = reader.ReadString();
            return uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint parsed)
                ? parsed
                : throw reader.CreateError($"call id \"{text}\" is not a decimal u32", at);
        }

        return reader.ReadUInt32();
    }

    private static CallRequest ReadRequest(ref MsgPackReader reader)
    {
        int start = reader.Position;
        string? serviceId = null;
        string? functionName = null;
        JsonArray? arguments = null;
        List<IReadOnlyList<SecurityTetraplet>>? tetraplets = null;
        int fields = reader.ReadMapHeader();
        for (int f = 0; f < fields; f++)
        {
            string key = reader.ReadString();
            switch (key)
            {
                case "service_id":
                    serviceId = reader.ReadString();
                    break;
                case "function_name":
                    functionName = reader.ReadString();
                    break;
                case "arguments":
                    int argumentsAt = reader.Position;
                    arguments = MsgPackJson.Decode(ReadBytes(ref reader)) as JsonArray
                        ?? throw reader.CreateError("arguments must be a msgpack array", argumentsAt);
                    break;
                case "tetraplets":
                    int tetrapletsAt = reader.Position;
                    tetraplets = ReadTetraplets(ReadBytes(ref reader), reader, tetrapletsAt);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (serviceId is null || functionName is null || arguments is null || tetraplets is null)
        {
            throw reader.CreateError("call request needs service_id, function_name, arguments and tetraplets", start);
        }

        return new CallRequest(serviceId, functionName, arguments, tetraplets);
    }

    private static byte[] ReadBytes(ref MsgPackReader reader)
    {
        if (reader.PeekType() == MsgPackType.Binary)
        {
            return reader.ReadBinary().ToArray();
        }

        int count = reader.ReadArrayHeader();
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++)
        {
            bytes[i] = checked((byte)reader.ReadUInt32());
        }

        return bytes;
    }

    private static List<IReadOnlyList<SecurityTetraplet>> ReadTetraplets(byte[] bytes, MsgPackReader outer, int at)
    {
        if (MsgPackJson.Decode(bytes) is not JsonArray perArgument)
        {
            throw outer.CreateError("tetraplets must be a msgpack array", at);
        }

        var result = new List<IReadOnlyList<SecurityTetraplet>>(perArgument.Count);
        foreach (JsonNode? entry in perArgument)
        {
            var list = new List<SecurityTetraplet>();
            foreach (JsonNode? t in entry as JsonArray ?? throw outer.CreateError("tetraplets entry must be an array", at))
            {
                list.Add(t switch
                {
                    JsonObject o => new SecurityTetraplet(Text(o["peer_pk"]), Text(o["service_id"]), Text(o["function_name"]), Text(o["lens"] ?? o["json_path"] ?? o["lambda"])),
                    JsonArray a when a.Count == 4 => new SecurityTetraplet(Text(a[0]), Text(a[1]), Text(a[2]), Text(a[3])),
                    _ => throw outer.CreateError("tetraplet must be a map or a 4-element array", at),
                });
            }

            result.Add(list);
        }

        return result;
    }

    private static string Text(JsonNode? node) => node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : string.Empty;
}
