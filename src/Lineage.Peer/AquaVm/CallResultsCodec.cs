// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Lineage.Core.MsgPack;

namespace Lineage.Peer.AquaVm;

/// <summary>
/// AquaVM's <c>call_results</c> input (fluence-peer.md §6.5): <c>0x81 0x04</c> + msgpack map
/// <c>{"&lt;call id&gt;" → {ret_code: i32, result: "&lt;JSON text&gt;"}}</c>; no results = <c>81 04 80</c>.
/// </summary>
public static class CallResultsCodec
{
    /// <summary>The encoding of "no results".</summary>
    public static ReadOnlyMemory<byte> Empty { get; } = new byte[] { 0x81, 0x04, 0x80 };

    public static byte[] Encode(IReadOnlyDictionary<uint, CallResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        KeyValuePair<uint, CallResult>[] ordered = [.. results.OrderBy(pair => pair.Key)];
        int length = 2 + MsgPackWriter.GetMapHeaderLength(ordered.Length);
        foreach ((uint id, CallResult result) in ordered)
        {
            length += MsgPackWriter.GetStringLength(id.ToString(CultureInfo.InvariantCulture))
                + MsgPackWriter.GetMapHeaderLength(2)
                + MsgPackWriter.GetStringLength(8) + MsgPackWriter.GetInt64Length(result.RetCode)
                + MsgPackWriter.GetStringLength(6) + MsgPackWriter.GetStringLength(result.Result);
        }

        byte[] bytes = new byte[length];
        var writer = new MsgPackWriter(bytes);
        writer.WriteRaw([0x81, 0x04]);
        writer.WriteMapHeader(ordered.Length);
        foreach ((uint id, CallResult result) in ordered)
        {
            writer.WriteString(id.ToString(CultureInfo.InvariantCulture));
            writer.WriteMapHeader(2);
            writer.WriteString("ret_code"u8);
            writer.WriteInt64(result.RetCode);
            writer.WriteString("result"u8);
            writer.WriteString(result.Result);
        }

        return bytes;
    }

    public static SortedDictionary<uint, CallResult> Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 2 || bytes[0] != 0x81 || bytes[1] != 0x04)
        {
            throw new MsgPackFormatException(0, "call results must start with the multicodec msgpack prefix 0x81 0x04");
        }

        var reader = new MsgPackReader(bytes[2..], 2);
        var results = new SortedDictionary<uint, CallResult>();
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            int at = reader.Position;
            string key = reader.ReadString();
            if (!uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out uint id))
            {
                throw reader.CreateError($"call id \"{key}\" is not a decimal u32", at);
            }

            int? retCode = null;
            string? result = null;
            int fields = reader.ReadMapHeader();
            for (int f = 0; f < fields; f++)
            {
                switch (reader.ReadString())
                {
                    case "ret_code":
                        retCode = reader.ReadInt32();
                        break;
                    case "result":
                        result = reader.ReadString();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (retCode is null || result is null || !results.TryAdd(id, new CallResult(retCode.Value, result)))
            {
                throw reader.CreateError($"call result {id} is incomplete or duplicated", at);
            }
        }

        reader.EnsureEnd();
        return results;
    }
}
