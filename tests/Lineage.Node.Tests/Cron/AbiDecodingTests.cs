// SPDX-License-Identifier: Apache-2.0

using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Lineage.Metadata.Cron.Abi;
using Lineage.Metadata.Cron.Evm;

namespace Lineage.Node.Tests.Cron;

public sealed class AbiDecodingTests
{
    // Solidity ABI specification, "Use of Dynamic Types": f(uint256,uint32[],bytes10,bytes) called with
    // (0x123, [0x456, 0x789], "1234567890", "Hello, world!"), without the 4-byte selector.
    private const string SpecExample =
        "0000000000000000000000000000000000000000000000000000000000000123" +
        "0000000000000000000000000000000000000000000000000000000000000080" +
        "3132333435363738393000000000000000000000000000000000000000000000" +
        "00000000000000000000000000000000000000000000000000000000000000e0" +
        "0000000000000000000000000000000000000000000000000000000000000002" +
        "0000000000000000000000000000000000000000000000000000000000000456" +
        "0000000000000000000000000000000000000000000000000000000000000789" +
        "000000000000000000000000000000000000000000000000000000000000000d" +
        "48656c6c6f2c20776f726c642100000000000000000000000000000000000000";

    // ethers 6.17.0: AbiCoder.encode(["address","uint256","bytes"], [0x90f8…c9c1, 5, encode(["string","bytes"], ["ü", 0x01])]).
    private const string EthersMintedVector =
        "00000000000000000000000090f8bf6a479f320ead074411a4b0e7944ea8c9c1" +
        "0000000000000000000000000000000000000000000000000000000000000005" +
        "0000000000000000000000000000000000000000000000000000000000000060" +
        "00000000000000000000000000000000000000000000000000000000000000c0" +
        "0000000000000000000000000000000000000000000000000000000000000040" +
        "0000000000000000000000000000000000000000000000000000000000000080" +
        "0000000000000000000000000000000000000000000000000000000000000002" +
        "c3bc000000000000000000000000000000000000000000000000000000000000" +
        "0000000000000000000000000000000000000000000000000000000000000001" +
        "0100000000000000000000000000000000000000000000000000000000000000";

    [Fact]
    public void MintedTopicIsTheKeccakOfTheSignatureFromTheReference()
    {
        MintedEvent.Topic.Should().Be("0x957f358702a4cd1c866fb29aefe080a9a56303adf02d47a081a56707d2d30033");
    }

    [Fact]
    public void SpecExampleDecodesItsStaticAndDynamicParameters()
    {
        var reader = new AbiReader(Convert.FromHexString(SpecExample));
        reader.ReadUInt256(0).Should().Be(0x123);
        Encoding.ASCII.GetString(reader.ReadBytes(3)).Should().Be("Hello, world!");
    }

    [Fact]
    public void EthersEncodedMintedEventDecodes()
    {
        MintedEvent minted = MintedEvent.Decode(Convert.FromHexString(EthersMintedVector));
        minted.To.Should().Be("0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1");
        minted.TokenId.Should().Be("5");
        MintData data = MintData.Decode(minted.Data.Span);
        data.DataKeyOrEmpty.Should().Be("ü");
        data.PayloadHex.Should().Be("01");
    }

    [Fact]
    public void LargestTokenIdIsRenderedInDecimal()
    {
        byte[] data = Convert.FromHexString(EthersMintedVector);
        data.AsSpan(32, 32).Fill(0xFF);
        MintedEvent.Decode(data).TokenId.Should().Be(
            "115792089237316195423570985008687907853269984665640564039457584007913129639935");
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    public void EmptyMintDataMeansNoPayload(string hex)
    {
        MintData.Decode(Convert.FromHexString(hex)).Should().Be(MintData.Empty);
        MintData.Empty.PayloadHex.Should().BeEmpty();
    }

    [Fact]
    public void EveryTruncationFailsWithAnOffsetNeverACrash()
    {
        byte[] full = Convert.FromHexString(EthersMintedVector);
        for (int length = 0; length < full.Length; length++)
        {
            byte[] truncated = full[..length];
            Action decode = () => MintData.Decode(MintedEvent.Decode(truncated).Data.Span);
            decode.Should().Throw<AbiFormatException>().Which.Offset.Should().BeInRange(0, full.Length);
        }
    }

    [Fact]
    public void AddressWithDirtyPaddingIsRejected()
    {
        byte[] data = Convert.FromHexString(EthersMintedVector);
        data[3] = 1;
        Action decode = () => MintedEvent.Decode(data);
        decode.Should().Throw<AbiFormatException>().Which.Offset.Should().Be(3);
    }

    [Fact]
    public void OffsetPointingOutsideTheDataIsRejected()
    {
        byte[] data = Convert.FromHexString(EthersMintedVector);
        data[94] = 0x01;
        data[95] = 0x40;
        Action decode = () => MintedEvent.Decode(data);
        decode.Should().Throw<AbiFormatException>().WithMessage("*offset*");
    }

    [Fact]
    public void HugeLengthIsRejected()
    {
        byte[] data = Convert.FromHexString(EthersMintedVector);
        data.AsSpan(96, 28).Fill(0xFF);
        Action decode = () => MintedEvent.Decode(data);
        decode.Should().Throw<AbiFormatException>().Which.Offset.Should().Be(96);
    }

    [Fact]
    public void InvalidUtf8StringIsRejected()
    {
        byte[] mint = Convert.FromHexString(EthersMintedVector)[128..];
        mint[96] = 0xFF;
        Action decode = () => MintData.Decode(mint);
        decode.Should().Throw<AbiFormatException>().WithMessage("*UTF-8*");
    }

    [Fact]
    public void LogWithAnotherTopicOrIndexedParametersIsRejected()
    {
        byte[] data = Convert.FromHexString(EthersMintedVector);
        EvmLog Log(params string[] topics) => new("0x" + new string('a', 40), topics, data, 1, "0x", "0x", 0, 0, false);
        Action otherTopic = () => MintedEvent.Decode(Log("0x" + new string('0', 64)));
        otherTopic.Should().Throw<AbiFormatException>().WithMessage("*topic 0*");
        Action indexed = () => MintedEvent.Decode(Log(MintedEvent.Topic, "0x" + new string('0', 64)));
        indexed.Should().Throw<AbiFormatException>().WithMessage("*indexed*");
        MintedEvent.Decode(Log(MintedEvent.Topic)).TokenId.Should().Be("5");
    }

    [Fact]
    public void RandomBytesNeverThrowAnythingButAbiFormatException()
    {
        Prop.ForAll<byte[]>(bytes =>
        {
            try
            {
                MintData.Decode(MintedEvent.Decode(bytes).Data.Span);
            }
            catch (AbiFormatException)
            {
            }
        }).QuickCheckThrowOnFailure();
    }
}
