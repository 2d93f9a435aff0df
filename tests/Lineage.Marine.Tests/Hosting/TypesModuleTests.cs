// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Marine.Hosting;
using Lineage.Marine.Tests.Support;
using Lineage.TestKit.Marine;
using Lineage.Marine.Values;

namespace Lineage.Marine.Tests.Hosting;

/// <summary>Every ABI type round-trips exactly through a real Rust module built with Debian's rustc.</summary>
public sealed class TypesModuleTests : IDisposable
{
    private readonly MarineService _service = Services.Load(("types", TestModules.Types));

    public void Dispose() => _service.Dispose();

    [Theory]
    [InlineData("echo_bool", "true")]
    [InlineData("echo_bool", "false")]
    [InlineData("echo_s8", "-128")]
    [InlineData("echo_s8", "127")]
    [InlineData("echo_s16", "-32768")]
    [InlineData("echo_s32", "-2147483648")]
    [InlineData("echo_s64", "-9223372036854775808")]
    [InlineData("echo_u8", "255")]
    [InlineData("echo_u16", "65535")]
    [InlineData("echo_u32", "4294967295")]
    [InlineData("echo_u64", "18446744073709551615")]
    [InlineData("echo_f32", "1.5")]
    [InlineData("echo_f64", "-2.5E+300")]
    [InlineData("echo_string", "\"héllo ✓ \\u0000 \\\"quoted\\\" 𝄞\"")]
    [InlineData("echo_string", "\"\"")]
    [InlineData("echo_bytes", "[0,1,127,128,255]")]
    [InlineData("echo_bytes", "[]")]
    [InlineData("double_u32s", "[]")]
    [InlineData("echo_nested", "[[\"a\",\"\"],[],[\"ü\",\"b\",\"c\"]]")]
    [InlineData("echo_nested", "[]")]
    public void Scalars_strings_bytes_and_nested_arrays_round_trip(string function, string json)
    {
        JsonNode? result = _service.CallJson(function, new JsonArray(JsonNode.Parse(json)));

        (result?.ToJsonString() ?? "null").Should().Be(JsonNode.Parse(json)?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Arrays_are_read_and_built_by_the_module()
    {
        _service.Call("sum_i64", [new long[] { 1, -2, long.MaxValue, 10 }]).Should().Be(unchecked(long.MaxValue + 9));
        _service.Call("double_u32s", [new uint[] { 1, 2, 0x8000_0001 }]).Should().BeEquivalentTo(new object[] { 2u, 4u, 2u });
    }

    [Fact]
    public void Records_round_trip_and_the_module_reads_every_field_at_its_offset()
    {
        var point = JsonNode.Parse("""{"x":-7,"y":0.25,"label":"p1","tags":["a","bc"],"raw":[1,2,255],"ok":true}""");

        _service.CallJson("echo_point", new JsonArray(point!.DeepClone()))!.ToJsonString().Should().Be(point.ToJsonString());
        _service.CallJson("describe_point", new JsonArray(point.DeepClone()))!.GetValue<string>()
            .Should().Be("x=-7 y=0.25 label=\"p1\" tags=[\"a\", \"bc\"] raw=0102ff ok=true");
    }

    [Fact]
    public void Records_nested_in_arrays_and_records_round_trip()
    {
        var p1 = JsonNode.Parse("""{"x":1,"y":1.5,"label":"one","tags":[],"raw":[],"ok":false}""")!;
        var p2 = JsonNode.Parse("""{"x":2,"y":-0.5,"label":"","tags":["t"],"raw":[9],"ok":true}""")!;

        JsonNode? wrapped = _service.CallJson("wrap", JsonNode.Parse($"[18446744073709551615, [{p1.ToJsonString()}, {p2.ToJsonString()}]]"));

        wrapped!.ToJsonString().Should().Be(
            $"{{\"id\":18446744073709551615,\"points\":[{p1.ToJsonString()},{p2.ToJsonString()}],\"inner\":{p1.ToJsonString()}}}");
        var record = (MarineRecord)_service.Call("wrap", [5UL, Array.Empty<object>()])!;
        record["id"].Should().Be(5UL);
        ((MarineRecord)record["inner"]!)["label"].Should().Be("");
    }

    [Fact]
    public void Many_calls_keep_memory_bounded()
    {
        string text = new('x', 1024);
        for (int i = 0; i < 2000; i++)
        {
            _service.Call("echo_string", [text]).Should().Be(text);
        }
    }
}
