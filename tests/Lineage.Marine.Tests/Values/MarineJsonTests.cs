// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Marine.InterfaceTypes;
using Lineage.Marine.Values;

namespace Lineage.Marine.Tests.Values;

public sealed class MarineJsonTests
{
    private static readonly MarineInterface s_types = MarineInterface.FromSection(new InterfaceTypesSection("0.27.0",
        [
            new RecordTypeDefinition("Point", [new("x", IType.S32), new("label", IType.Utf8String), new("raw", IType.ByteArray)]),
            new FunctionTypeDefinition([new("p", IType.Record(0)), new("n", IType.U8), new("ok", IType.Boolean)], [IType.ArrayOf(IType.Record(0))]),
        ], [], [], [new InterfaceExport("f", 1)], []));

    private static MarineFunctionSignature F => s_types.Functions[0];

    [Fact]
    public void Positional_and_named_arguments_give_the_same_values()
    {
        object?[] positional = MarineJson.Arguments(JsonNode.Parse("""[{"x":-5,"label":"a","raw":[1,2]}, 200, true]"""), F, s_types);
        object?[] named = MarineJson.Arguments(JsonNode.Parse("""{"ok":true,"n":200,"p":[-5,"a",[1,2]]}"""), F, s_types);

        positional[1].Should().Be((byte)200);
        named[1].Should().Be((byte)200);
        ((MarineRecord)named[0]!)["raw"].Should().BeEquivalentTo(new byte[] { 1, 2 });
        MarineJson.ToJson(positional[0], IType.Record(0), s_types)!.ToJsonString()
            .Should().Be(MarineJson.ToJson(named[0], IType.Record(0), s_types)!.ToJsonString())
            .And.Be("""{"x":-5,"label":"a","raw":[1,2]}""");
    }

    [Theory]
    [InlineData("""[{"x":1,"label":"a","raw":[]}, 256, true]""", "n: 256 does not fit u8")]
    [InlineData("""[{"x":1,"label":"a","raw":[]}, 1.5, true]""", "n: 1.5 is not an integer (u8)")]
    [InlineData("""[{"x":1,"label":"a","raw":[]}, 1, "true"]""", "ok: JSON string \"true\" is not a bool")]
    [InlineData("""[{"x":1,"label":"a"}, 1, true]""", "p: record Point field 'raw' is missing")]
    [InlineData("""[{"x":1,"label":"a","raw":[300]}, 1, true]""", "p.raw[0]: 300 does not fit u8")]
    [InlineData("""[1, 2]""", "f takes 3 arguments, got 2")]
    [InlineData("""{"p":1,"q":2}""", "f has no argument 'q'")]
    [InlineData("null", "f takes 3 arguments, got none")]
    public void Mismatched_json_names_the_offending_value(string json, string message)
    {
        FluentActions.Invoking(() => MarineJson.Arguments(JsonNode.Parse(json), F, s_types))
            .Should().Throw<MarineValueException>().WithMessage(message);
    }

    [Fact]
    public void Results_convert_to_json_with_u64_and_non_finite_floats_like_serde()
    {
        MarineJson.ToJson(ulong.MaxValue, IType.U64, s_types)!.ToJsonString().Should().Be("18446744073709551615");
        MarineJson.ToJson(double.NaN, IType.F64, s_types).Should().BeNull();
        MarineJson.ToJson(new object?[] { new byte[] { 1 }, Array.Empty<byte>() }, IType.ArrayOf(IType.ByteArray), s_types)!
            .ToJsonString().Should().Be("[[1],[]]");
    }
}
