// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Core.MsgPack;

namespace Lineage.Core.Tests.MsgPack;

/// <summary>
/// JSON trees built in code hold CLR values rather than parsed JSON; they must encode exactly like the same tree
/// parsed from its JSON text.
/// </summary>
public sealed class MsgPackJsonClrValueTests
{
    public static TheoryData<JsonNode> ClrBackedValues() => new()
    {
        JsonValue.Create(42),
        JsonValue.Create(-7L),
        JsonValue.Create((byte)200),
        JsonValue.Create((short)-300),
        JsonValue.Create(ushort.MaxValue),
        JsonValue.Create(uint.MaxValue),
        JsonValue.Create((sbyte)-1),
        JsonValue.Create(ulong.MaxValue),
        JsonValue.Create(1.5),
        JsonValue.Create(0.25f),
        JsonValue.Create(2.5m),
        JsonValue.Create('x'),
        JsonValue.Create(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff")),
        new JsonObject { ["count"] = 3, ["ratio"] = 0.5, ["name"] = "a", ["items"] = new JsonArray(1, 2u, 3L) },
    };

    [Theory]
    [MemberData(nameof(ClrBackedValues))]
    public void Clr_backed_values_encode_like_their_parsed_json(JsonNode built)
    {
        JsonNode parsed = JsonNode.Parse(built.ToJsonString())!;

        byte[] fromBuilt = MsgPackJson.Encode(built);

        Convert.ToHexStringLower(fromBuilt).Should().Be(Convert.ToHexStringLower(MsgPackJson.Encode(parsed)));
        fromBuilt.Length.Should().Be(MsgPackJson.GetLength(built));
        JsonNode.DeepEquals(MsgPackJson.Decode(fromBuilt), parsed).Should().BeTrue();
    }
}
