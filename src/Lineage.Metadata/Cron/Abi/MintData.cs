// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron.Abi;

/// <summary>
/// The <c>bytes data</c> of a Minted event: empty (or the single byte <c>00</c>, which the reference also treats as
/// empty), or the ABI encoding of <c>(string dataKeyOrEmpty, bytes payload)</c> (lineage-protocol.md §14 step 4).
/// </summary>
/// <param name="DataKeyOrEmpty">The first element; the reference derives the data_key itself and ignores it.</param>
/// <param name="Payload">The second element, handed to the meta contract's <c>on_mint</c>.</param>
public sealed record MintData(string DataKeyOrEmpty, ReadOnlyMemory<byte> Payload)
{
    /// <summary>No mint data.</summary>
    public static MintData Empty { get; } = new(string.Empty, ReadOnlyMemory<byte>.Empty);

    /// <summary>The payload as the reference passes it to <c>on_mint</c>: lower-case hex without <c>0x</c> ("" when empty).</summary>
    public string PayloadHex => Convert.ToHexStringLower(Payload.Span);

    /// <summary>Decodes the event's <c>bytes data</c>; throws <see cref="AbiFormatException"/> when it is malformed.</summary>
    public static MintData Decode(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || (data.Length == 1 && data[0] == 0))
        {
            return Empty;
        }

        var reader = new AbiReader(data);
        reader.RequireHead(2);
        string key = reader.ReadString(0);
        byte[] payload = reader.ReadBytes(1).ToArray();
        return new MintData(key, payload);
    }
}
