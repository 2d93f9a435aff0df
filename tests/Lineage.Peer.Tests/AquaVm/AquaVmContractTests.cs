// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Peer.AquaVm;

namespace Lineage.Peer.Tests.AquaVm;

/// <summary>Our call_requests / call_results codecs and RunParameters against the real avm.wasm 0.62.0, hosted in process.</summary>
[Collection(SharedAquaVm.Name)]
public sealed class AquaVmContractTests(AquaVmFixture fixture)
{
    private const string ClientId = "12D3KooWPqT2nMDSiXUSx5D7fasaxhxKigVhcqfkKqrLghCq9jxz";
    private readonly InProcessAquaVm _avm = fixture.AquaVm;

    private static RunParameters Parameters() => new(
        ClientId, ClientId, 1_700_000_000_000, 60_000, RunParameters.Ed25519KeyFormat, Enumerable.Repeat((byte)0x11, 32).ToArray(),
        "11111111-2222-3333-4444-555555555555", 4294967296, 4294967296, 4294967296, false);

    [Fact]
    public async Task Call_requests_and_results_round_trip_through_aquavm()
    {
        const string air = "(seq (call %init_peer_id% (\"svc\" \"fn\") [1 \"two\" []] r) (call %init_peer_id% (\"svc\" \"echo\") [r.$.x] e))";
        InterpreterOutcome first = await _avm.InvokeAsync(air, default, default, Parameters(), CallResultsCodec.Empty, CancellationToken.None);
        first.RetCode.Should().Be(0, first.ErrorMessage);
        SortedDictionary<uint, CallRequest> requests = CallRequestsCodec.Decode(first.CallRequests.Span);
        requests.Keys.Should().Equal(1u);
        CallRequest request = requests[1];
        request.ServiceId.Should().Be("svc");
        request.FunctionName.Should().Be("fn");
        request.Arguments.ToJsonString().Should().Be("[1,\"two\",[]]");
        request.Tetraplets.Should().HaveCount(3);
        request.Tetraplets[0].Should().ContainSingle().Which.Should().Be(new SecurityTetraplet(ClientId, "", "", ""));

        // Our own encoding of the request list matches AquaVM's bytes.
        CallRequestsCodec.Encode(requests).Should().Equal(first.CallRequests.ToArray());

        var results = new Dictionary<uint, CallResult> { [1] = CallResult.Ok(new JsonObject { ["x"] = 42 }) };
        InterpreterOutcome second = await _avm.InvokeAsync(air, first.Data, default, Parameters(), CallResultsCodec.Encode(results), CancellationToken.None);
        second.RetCode.Should().Be(0, second.ErrorMessage);
        CallRequest echo = CallRequestsCodec.Decode(second.CallRequests.Span).Should().ContainKey(2).WhoseValue;
        echo.Arguments.ToJsonString().Should().Be("[42]");
        echo.Tetraplets[0][0].Should().Be(new SecurityTetraplet(ClientId, "svc", "fn", ".$.x"));
    }

    [Fact]
    public async Task Service_errors_become_catchable_aquavm_errors()
    {
        const string air = "(xor (call %init_peer_id% (\"svc\" \"fn\") [] r) (call %init_peer_id% (\"err\" \"report\") [:error:.$.message]))";
        InterpreterOutcome first = await _avm.InvokeAsync(air, default, default, Parameters(), CallResultsCodec.Empty, CancellationToken.None);
        var failure = new Dictionary<uint, CallResult> { [1] = CallResult.Error("boom") };
        InterpreterOutcome second = await _avm.InvokeAsync(air, first.Data, default, Parameters(), CallResultsCodec.Encode(failure), CancellationToken.None);
        second.RetCode.Should().Be(0, second.ErrorMessage);
        CallRequest report = CallRequestsCodec.Decode(second.CallRequests.Span)[2];
        report.Arguments[0]!.GetValue<string>().Should().Contain("ret_code is 1").And.Contain("boom");
    }

    [Fact]
    public async Task Preparation_errors_return_empty_data_and_no_requests()
    {
        InterpreterOutcome outcome = await _avm.InvokeAsync("(seq (null)", default, default, Parameters(), CallResultsCodec.Empty, CancellationToken.None);
        outcome.RetCode.Should().Be(1);
        outcome.IsPreparationError.Should().BeTrue();
        outcome.ErrorMessage.Should().Contain("air can't be parsed");
        outcome.Data.IsEmpty.Should().BeTrue();
        CallRequestsCodec.Decode(outcome.CallRequests.Span).Should().BeEmpty();
    }

    [Fact]
    public void Call_results_codec_matches_the_reference_vector()
    {
        // fluence-peer.md §6.5
        var results = new Dictionary<uint, CallResult> { [1] = new(0, "[\"alice\",\"bob\",\"carol\"]") };
        Convert.ToHexStringLower(CallResultsCodec.Encode(results)).Should()
            .Be("810481a13182a87265745f636f646500a6726573756c74b75b22616c696365222c22626f62222c226361726f6c225d");
        CallResultsCodec.Decode(CallResultsCodec.Encode(results)).Should().BeEquivalentTo(results);
        CallResultsCodec.Encode(new Dictionary<uint, CallResult>()).Should().Equal(0x81, 0x04, 0x80);
        RunParameters.FieldOrder.Should().HaveCount(11);
        Parameters().ToString().Should().NotContain("SecretKey");
    }
}
