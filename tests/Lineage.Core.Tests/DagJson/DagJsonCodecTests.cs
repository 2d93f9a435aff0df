// SPDX-License-Identifier: Apache-2.0

using FsCheck;
using FsCheck.Fluent;
using Lineage.Core.Cbor;
using Lineage.Core.DagJson;
using Lineage.Core.Multiformats;

namespace Lineage.Core.Tests.DagJson;

public sealed class DagJsonCodecTests
{
    [Fact]
    public void Golden_vector_from_ipld_dag_cbor()
    {
        // dependencies.md §7.3, computed with @ipld/dag-cbor 10.0.2.
        byte[] bytes = DagJsonToCbor.Encode("""{"name":"nft","n":1,"tags":["a","b"]}""");
        Convert.ToHexStringLower(bytes).Should().Be("a3616e01646e616d65636e667464746167738261616162");
        Cid.ComputeV1(Multicodec.DagCbor, bytes).ToString().Should().Be("bafyreigaltqbnefgrxlfb2nsqn2eb3bgbdsr3pqtncryp55474xutlqw4m");
    }

    [Fact]
    public void Links_become_tag_42_with_the_identity_multibase_prefix()
    {
        byte[] bytes = DagJsonToCbor.Encode($$"""{"/":"{{JsonCorpus.LinkA}}"}""");
        Convert.ToHexStringLower(bytes).Should().StartWith("d82a58250001711220");
        DagCborToJson.Convert(bytes).Should().Be($$"""{"/":"{{JsonCorpus.LinkA}}"}""");
    }

    [Fact]
    public void Bytes_round_trip_through_the_slash_bytes_form()
    {
        byte[] bytes = DagJsonToCbor.Encode("""{"/":{"bytes":"AQIDBA"}}""");
        Convert.ToHexStringLower(bytes).Should().Be("4401020304");
        DagCborToJson.Convert(bytes).Should().Be("""{"/":{"bytes":"AQIDBA"}}""");
    }

    [Fact]
    public void Duplicate_keys_keep_the_last_value_like_serde_json()
    {
        DagCborToJson.Convert(DagJsonToCbor.Encode("""{"a":1,"b":2,"a":3}""")).Should().Be("""{"a":3,"b":2}""");
    }

    [Fact]
    public void Floats_stay_floats_and_integers_stay_integers()
    {
        Convert.ToHexStringLower(DagJsonToCbor.Encode("1.0")).Should().Be("fb3ff0000000000000");
        Convert.ToHexStringLower(DagJsonToCbor.Encode("1")).Should().Be("01");
        Convert.ToHexStringLower(DagJsonToCbor.Encode("1e2")).Should().Be("fb4059000000000000");
        DagCborToJson.Convert(Convert.FromHexString("fb3ff0000000000000")).Should().Be("1.0");
        DagCborToJson.Convert(Convert.FromHexString("3bffffffffffffffff")).Should().Be("-18446744073709551616");
    }

    [Theory]
    [InlineData("""{"/":"not-a-cid"}""")]
    [InlineData("""{"/":{"bytes":"!!!"}}""")]
    [InlineData("{")]
    [InlineData("[1,]")]
    [InlineData("1e999")]
    public void Invalid_dag_json_is_a_format_error(string json)
    {
        Action encode = () => DagJsonToCbor.Encode(json);
        encode.Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData("a1016161", "map keys must be text")]
    [InlineData("c16161", "tag 1")]
    [InlineData("d82a4401020304", "0x00 multibase prefix")]
    [InlineData("f7", "simple value")]
    [InlineData("fb7ff8000000000000", "NaN")]
    [InlineData("a2616101616102", "duplicate map key")]
    [InlineData("0101", "trailing")]
    [InlineData("62fffe", "UTF-8")]
    [InlineData("9bffffffffffffffff", "cannot fit")]
    public void Invalid_dag_cbor_is_rejected_with_an_offset(string hex, string reason)
    {
        Action convert = () => DagCborToJson.Convert(Convert.FromHexString(hex));
        convert.Should().Throw<CborFormatException>().Where(ex => ex.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Fixed_corpus_round_trips_byte_identically()
    {
        foreach (string json in JsonCorpus.Fixed)
        {
            byte[] first = DagJsonToCbor.Encode(json);
            string back = DagCborToJson.Convert(first);
            DagJsonToCbor.Encode(back).Should().Equal(first, json);
        }
    }

    [Fact]
    public void Random_documents_round_trip_and_every_truncation_is_a_clean_error()
    {
        Prop.ForAll<int>(seed =>
        {
            byte[] bytes = DagJsonToCbor.Encode(JsonCorpus.Random(seed));
            bool roundTrips = DagJsonToCbor.Encode(DagCborToJson.Convert(bytes)).AsSpan().SequenceEqual(bytes);
            bool truncationsFail = Enumerable.Range(0, bytes.Length).All(n =>
            {
                try
                {
                    DagCborToJson.Convert(bytes.AsSpan(0, n));
                    return false;
                }
                catch (CborFormatException)
                {
                    return true;
                }
            });
            return roundTrips && truncationsFail;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_bytes_give_only_cbor_format_errors()
    {
        Prop.ForAll<byte[]>(data =>
        {
            try
            {
                DagCborToJson.Convert(data ?? []);
            }
            catch (CborFormatException)
            {
                // Expected for almost all inputs.
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Hostile_nesting_is_rejected_not_a_stack_overflow()
    {
        byte[] deep = Enumerable.Repeat((byte)0x81, 100_000).Append((byte)0x01).ToArray();
        Action convert = () => DagCborToJson.Convert(deep);
        convert.Should().Throw<CborFormatException>().Where(ex => ex.Message.Contains("nesting", StringComparison.Ordinal));
    }
}
