// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text;
using Lineage.Core.Crypto;
using Lineage.Metadata.Cron.Evm;

namespace Lineage.Metadata.Cron.Abi;

/// <summary>
/// The watched event <c>Minted(address to, uint256 tokenId, bytes data)</c> (lineage-protocol.md §14). None of its
/// parameters is indexed, so the log has exactly one topic (the signature hash) and all three values in its data.
/// </summary>
/// <param name="To">Recipient, <c>0x</c> + 40 lower-case hex digits.</param>
/// <param name="TokenId">Token id, as the reference renders it: decimal.</param>
/// <param name="Data">The raw <c>bytes data</c> parameter (see <see cref="MintData"/>).</param>
public sealed record MintedEvent(string To, string TokenId, ReadOnlyMemory<byte> Data)
{
    /// <summary>The canonical event signature.</summary>
    public const string Signature = "Minted(address,uint256,bytes)";

    /// <summary><c>keccak256("Minted(address,uint256,bytes)")</c> as <c>0x</c> + 64 lower-case hex digits.</summary>
    public static string Topic { get; } = "0x" + Convert.ToHexStringLower(Keccak256.Hash(Encoding.ASCII.GetBytes(Signature)));

    /// <summary>Decodes a log; throws <see cref="AbiFormatException"/> when it is not a well-formed Minted log.</summary>
    public static MintedEvent Decode(EvmLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Topics.Count == 0 || !string.Equals(log.Topics[0], Topic, StringComparison.OrdinalIgnoreCase))
        {
            throw new AbiFormatException(0, "log is not a Minted(address,uint256,bytes) event (topic 0 differs)");
        }

        if (log.Topics.Count != 1)
        {
            throw new AbiFormatException(0, $"Minted has no indexed parameters, but the log carries {log.Topics.Count} topics");
        }

        return Decode(log.Data.Span);
    }

    /// <summary>Decodes the event's data: the tuple <c>(address, uint256, bytes)</c>.</summary>
    public static MintedEvent Decode(ReadOnlySpan<byte> data)
    {
        var reader = new AbiReader(data);
        reader.RequireHead(3);
        string to = reader.ReadAddress(0);
        BigInteger tokenId = reader.ReadUInt256(1);
        byte[] payload = reader.ReadBytes(2).ToArray();
        return new MintedEvent(to, tokenId.ToString(CultureInfo.InvariantCulture), payload);
    }
}
