// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.Marine.AquaVm;
using Lineage.Marine.Tests.Support;

namespace Lineage.Marine.Tests.AquaVm;

/// <summary>
/// The demo Aqua scripts (compiled by the real Aqua compiler) played through avm.wasm on our host and on
/// marine-js under node, step for step: ret_code, error, next peers, call requests (arguments and tetraplets)
/// and to_human_readable_data must be equal (data bytes differ by design: rkyv map order is randomised).
/// </summary>
public sealed class AvmInvokeDifferentialTests : IClassFixture<AvmFixture>
{
    private readonly AvmFixture _avm;

    public AvmInvokeDifferentialTests(AvmFixture avm) => _avm = avm;

    [Theory]
    [InlineData("relayTime.air", 6)]
    [InlineData("greetAll.air", 10)]
    public void Invoke_sequence_matches_marine_js(string script, int expectedSteps)
    {
        string air = File.ReadAllText(Path.Combine(TestPaths.AirScripts, script));
        var ours = new ParticleLoop(air, (a, peer, prev, data, results) => _avm.Ours.InvokeRaw(a, prev, data, ParticleLoop.Parameters(peer), results));
        var reference = new ParticleLoop(air, (a, peer, prev, data, results) => _avm.Reference.Invoke(a, prev, data, ParticleLoop.Parameters(peer), results));

        ours.Run();
        reference.Run();

        ours.Steps.Should().HaveCount(expectedSteps);
        reference.Steps.Should().HaveCount(expectedSteps);
        for (int i = 0; i < expectedSteps; i++)
        {
            (string peer, AquaVmOutcome mine) = ours.Steps[i];
            (string theirPeer, AquaVmOutcome theirs) = reference.Steps[i];
            string step = $"step {i} on {(peer == ParticleLoop.Client ? "client" : "relay")}";
            peer.Should().Be(theirPeer, step);
            mine.RetCode.Should().Be(theirs.RetCode, step);
            mine.ErrorMessage.Should().Be(theirs.ErrorMessage, step);
            mine.NextPeerPks.Should().Equal(theirs.NextPeerPks, step);
            Requests(mine).Should().Be(Requests(theirs), step);
            (mine.AirSizeLimitExceeded, mine.ParticleSizeLimitExceeded, mine.CallResultSizeLimitExceeded)
                .Should().Be((theirs.AirSizeLimitExceeded, theirs.ParticleSizeLimitExceeded, theirs.CallResultSizeLimitExceeded), step);
            if (mine.Data.Length > 0 || theirs.Data.Length > 0)
            {
                JsonNode.Parse(_avm.Ours.ToHumanReadableData(mine.Data))!.ToJsonString()
                    .Should().Be(JsonNode.Parse(_avm.Reference.Human(theirs.Data))!.ToJsonString(), step);
            }
        }
    }

    private static string Requests(AquaVmOutcome outcome) => new JsonArray([.. outcome.CallRequests.Select(r => (JsonNode?)new JsonObject
    {
        ["id"] = r.Key,
        ["service_id"] = r.Value.ServiceId,
        ["function_name"] = r.Value.FunctionName,
        ["arguments"] = r.Value.Arguments.DeepClone(),
        ["tetraplets"] = new JsonArray([.. r.Value.Tetraplets.Select(g => (JsonNode?)new JsonArray([.. g.Select(t => (JsonNode?)new JsonObject
        {
            ["peer_pk"] = t.PeerPk, ["service_id"] = t.ServiceId, ["function_name"] = t.FunctionName, ["lens"] = t.Lens,
        })]))]),
    })]).ToJsonString();

    [Fact]
    public void GreetAll_delivers_the_compiled_functions_results_with_tetraplets()
    {
        string air = File.ReadAllText(Path.Combine(TestPaths.AirScripts, "greetAll.air"));
        var ours = new ParticleLoop(air, (a, peer, prev, data, results) => _avm.Ours.InvokeRaw(a, prev, data, ParticleLoop.Parameters(peer), results));

        ours.Run();

        AquaVmCallRequest response = ours.Steps.SelectMany(s => s.Outcome.CallRequests.Values).Single(r => r.ServiceId == "callbackSrv");
        response.Arguments[0]!.ToJsonString().Should().Be("""["Hello, alice!","Hello, bob!","Hello, carol!"]""");
        response.Arguments[1]!.GetValue<string>().Should().Contain("boom");
        response.Arguments[2]!.GetValue<long>().Should().Be(3);
        response.Tetraplets[2].Should().ContainSingle().Which.Should().Be(
            new Lineage.Marine.Hosting.MarineSecurityTetraplet(ParticleLoop.Client, "op", "array_length", ""));
    }
}
