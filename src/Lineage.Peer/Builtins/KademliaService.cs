// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Lineage.Core.Multiformats;

namespace Lineage.Peer.Builtins;

/// <summary>
/// <c>Kademlia("kad")</c>: <c>neighborhood(key, already_hashed?, count?)</c> asks the routing table;
/// <c>merge(target, left, right, count?)</c> orders peers by XOR distance of their SHA-256 keys to the target's.
/// </summary>
public sealed class KademliaService(INodeView node) : IBuiltinService
{
    /// <summary>Kademlia's k, nox's default neighborhood size.</summary>
    public const int DefaultCount = 20;

    public string ServiceId => "kad";

    public async ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.FunctionName)
        {
            case "neighborhood":
                byte[] key = DecodeKey(request, request.Text(0));
                bool alreadyHashed = request.Optional(1, out bool hashedGiven) is JsonValue h && hashedGiven && h.GetValue<bool>();
                int count = CountArgument(request, 2);
                IReadOnlyList<string> peers = await node.NeighborhoodAsync(key, alreadyHashed, count, cancellationToken).ConfigureAwait(false);
                return new JsonArray([.. peers.Select(p => (JsonNode)JsonValue.Create(p))]);
            case "merge":
                byte[] target = SHA256.HashData(DecodeKey(request, request.Text(0)));
                IEnumerable<string> all = request.Array(1).Concat(request.Array(2)).Select(n => n?.GetValue<string>() ?? string.Empty).Distinct(StringComparer.Ordinal);
                int take = CountArgument(request, 3);
                var ordered = all
                    .Select(p => (Peer: p, Distance: Distance(target, SHA256.HashData(DecodeKey(request, p)))))
                    .OrderBy(x => x.Distance)
                    .Take(take)
                    .Select(x => (JsonNode)JsonValue.Create(x.Peer));
                return new JsonArray([.. ordered]);
            default:
                throw new UnknownFunctionException(ServiceId, request.FunctionName);
        }
    }

    private static int CountArgument(BuiltinCall request, int index) =>
        request.Optional(index, out bool present) is JsonValue c && present ? (int)Math.Clamp(c.GetValue<long>(), 0, 1024) : DefaultCount;

    private static byte[] DecodeKey(BuiltinCall request, string text) =>
        Base58.TryDecode(text, out byte[]? bytes, out _) ? bytes : throw new BuiltinException($"kad.{request.FunctionName}: '{text}' is not base58");

    private static BigInteger Distance(byte[] a, byte[] b)
    {
        byte[] xor = new byte[a.Length];
        for (int i = 0; i < xor.Length; i++)
        {
            xor[i] = (byte)(a[i] ^ b[i]);
        }

        return new BigInteger(xor, isUnsigned: true, isBigEndian: true);
    }
}
