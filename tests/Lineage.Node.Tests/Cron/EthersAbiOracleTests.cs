// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text;
using Lineage.Metadata.Cron.Abi;

namespace Lineage.Node.Tests.Cron;

/// <summary>Our decoder against ethers' encoder (an independent implementation) on random values.</summary>
[Collection(SharedGanache.Name)]
public sealed class EthersAbiOracleTests(GanacheFixture fixture)
{
    [Fact]
    public async Task RandomMintedEventsEncodedByEthersDecodeToTheSameValues()
    {
        var random = new Random(7);
        var items = new List<(string To, string TokenId, string? Key, byte[] Payload)>();
        for (int i = 0; i < 200; i++)
        {
            byte[] address = new byte[20];
            random.NextBytes(address);
            byte[] id = new byte[random.Next(1, 33)];
            random.NextBytes(id);
            string tokenId = new BigInteger(id, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
            string? key = i % 5 == 0 ? null : RandomText(random, random.Next(0, 80));
            byte[] payload = new byte[key is null ? 0 : random.Next(0, 200)];
            random.NextBytes(payload);
            items.Add(("0x" + Convert.ToHexStringLower(address), tokenId, key, payload));
        }

        IReadOnlyList<(byte[] EventData, byte[] MintData)> encoded = await fixture.Chain.EncodeWithEthersAsync(items);

        for (int i = 0; i < items.Count; i++)
        {
            MintedEvent minted = MintedEvent.Decode(encoded[i].EventData);
            minted.To.Should().Be(items[i].To);
            minted.TokenId.Should().Be(items[i].TokenId);
            minted.Data.ToArray().Should().Equal(encoded[i].MintData);
            MintData data = MintData.Decode(minted.Data.Span);
            data.DataKeyOrEmpty.Should().Be(items[i].Key ?? string.Empty);
            data.Payload.ToArray().Should().Equal(items[i].Payload);
        }
    }

    private static string RandomText(Random random, int length)
    {
        var builder = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            builder.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0xA0, 0x800),
                2 => (char)random.Next(0x4E00, 0x9FFF),
                _ => '\'',
            });
        }

        return builder.ToString();
    }
}
