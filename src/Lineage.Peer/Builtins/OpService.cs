// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lineage.Core.Multiformats;

namespace Lineage.Peer.Builtins;

/// <summary><c>Op("op")</c> of aqua-lib builtin.aqua with nox's semantics (fluence-peer.md §9.2).</summary>
public sealed class OpService : IBuiltinService
{
    public string ServiceId => "op";

    public ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonNode? result = request.FunctionName switch
        {
            "noop" => JsonValue.Create(string.Empty),
            "array" => request.Arguments.DeepClone(),
            "array_length" => ArrayLength(request),
            "concat" => Concat(request),
            "identity" => Identity(request),
            "string_to_b58" => JsonValue.Create(Base58.Encode(Encoding.UTF8.GetBytes(request.Text(0)))),
            "string_from_b58" => JsonValue.Create(Utf8(DecodeB58(request, request.Text(0)))),
            "bytes_to_b58" => JsonValue.Create(Base58.Encode(request.Bytes(0))),
            "bytes_from_b58" => ToJsonBytes(DecodeB58(request, request.Text(0))),
            "sha256_string" => JsonValue.Create(Sha256Multihash(request.Text(0))),
            "concat_strings" => JsonValue.Create(string.Concat(Enumerable.Range(0, request.Count).Select(request.Text))),
            _ => throw new UnknownFunctionException(ServiceId, request.FunctionName),
        };
        return ValueTask.FromResult<JsonNode?>(result);
    }

    internal static JsonArray ToJsonBytes(byte[] bytes)
    {
        var array = new JsonArray();
        foreach (byte b in bytes)
        {
            array.Add(JsonValue.Create(b));
        }

        return array;
    }

    private static JsonValue ArrayLength(BuiltinCall request)
    {
        request.ExpectCount(1);
        return JsonValue.Create(request.Array(0).Count);
    }

    private static JsonArray Concat(BuiltinCall request)
    {
        var result = new JsonArray();
        for (int i = 0; i < request.Count; i++)
        {
            foreach (JsonNode? item in request.Array(i))
            {
                result.Add(item?.DeepClone());
            }
        }

        return result;
    }

    private static JsonNode? Identity(BuiltinCall request)
    {
        if (request.Count > 1)
        {
            throw new BuiltinException($"identity accepts up to 1 arguments, received {request.Count} arguments");
        }

        return request.Count == 0 ? null : request.Arguments[0]?.DeepClone();
    }

    private static byte[] DecodeB58(BuiltinCall request, string text) =>
        Base58.TryDecode(text, out byte[]? bytes, out int bad)
            ? bytes
            : throw new BuiltinException($"{request.FunctionName}: invalid base58 character at offset {bad}");

    private static string Utf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new BuiltinException("string_from_b58: decoded bytes are not valid UTF-8");
        }
    }

    private static string Sha256Multihash(string text)
    {
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Base58.Encode([0x12, 0x20, .. digest]);
    }
}
