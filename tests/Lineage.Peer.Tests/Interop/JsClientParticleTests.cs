// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Lineage.P2p.Identity;
using Lineage.Peer.Particles;

namespace Lineage.Peer.Tests.Interop;

/// <summary>The particle codec against js-client 0.9.0's own Particle code (tests/harness/fluence-js/particle-tool.mjs).</summary>
[Collection("aquavm")]
public sealed class JsClientParticleTests : IDisposable
{
    private readonly NodeTool _tool = new("particle-tool.mjs");

    public void Dispose() => _tool.Dispose();

    [Fact]
    public async Task Js_client_particles_decode_and_verify()
    {
        string seed = new('1', 64);
        foreach (string script in new[] { "(null)", "(seq (call %init_peer_id% (\"op\" \"noop\") []) (null))", "ünïcödé ✓" })
        {
            JsonObject made = await _tool.RequestAsync(new JsonObject
            {
                ["op"] = "make", ["seed"] = seed, ["script"] = script, ["ttl"] = 7000, ["data"] = Convert.ToBase64String(new byte[] { 1, 2, 3, 250 }),
            });
            made["ok"]!.GetValue<bool>().Should().BeTrue(made.ToJsonString());

            Particle particle = ParticleCodec.Decode(Convert.FromBase64String(made["bytes"]!.GetValue<string>()));
            particle.Id.Should().Be(made["id"]!.GetValue<string>());
            particle.InitPeerId.Should().Be("12D3KooWPqT2nMDSiXUSx5D7fasaxhxKigVhcqfkKqrLghCq9jxz");
            particle.Timestamp.Should().Be(made["timestamp"]!.GetValue<ulong>());
            particle.Script.Should().Be(script);
            particle.Data.ToArray().Should().Equal(1, 2, 3, 250);
            Convert.ToBase64String(particle.Signature.Span).Should().Be(made["signature"]!.GetValue<string>());
            ParticleSignature.Verify(particle, out string? failure).Should().BeTrue(failure);
        }
    }

    [Fact]
    public async Task Our_particles_are_accepted_and_verified_by_js_client()
    {
        var key = PrivateKey.FromEd25519Seed(Enumerable.Repeat((byte)0x22, 32).ToArray());
        Particle ours = ParticleSignature.CreateSigned(key, Guid.NewGuid().ToString(), 1_700_000_000_000, 120_000, "(call %init_peer_id% (\"op\" \"noop\") [])", new byte[300]);
        JsonObject parsed = await _tool.RequestAsync(new JsonObject { ["op"] = "parse", ["bytes"] = Convert.ToBase64String(ParticleCodec.Encode(ours)) });
        parsed["ok"]!.GetValue<bool>().Should().BeTrue(parsed.ToJsonString());
        parsed["verified"]!.GetValue<bool>().Should().BeTrue();
        parsed["id"]!.GetValue<string>().Should().Be(ours.Id);
        parsed["init_peer_id"]!.GetValue<string>().Should().Be(key.PeerId.ToString());
        parsed["timestamp"]!.GetValue<ulong>().Should().Be(ours.Timestamp);
        parsed["ttl"]!.GetValue<uint>().Should().Be(ours.Ttl);
        parsed["data"]!.GetValue<string>().Should().Be(Convert.ToBase64String(new byte[300]));

        // A tampered signature is refused by js-client too.
        byte[] signature = ours.Signature.ToArray();
        signature[0] ^= 0xFF;
        JsonObject tampered = await _tool.RequestAsync(new JsonObject { ["op"] = "parse", ["bytes"] = Convert.ToBase64String(ParticleCodec.Encode(ours with { Signature = signature })) });
        tampered["verified"]!.GetValue<bool>().Should().BeFalse();
    }
}
