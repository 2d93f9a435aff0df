// SPDX-License-Identifier: Apache-2.0

using Lineage.P2p.Identity;
using Lineage.Peer.Particles;

namespace Lineage.Peer.Tests.Particles;

public sealed class ParticleAdmissionTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_005_000);

    private static ParticleAdmission NewAdmission(out ManualClock clock)
    {
        clock = new ManualClock(s_now);
        return new ParticleAdmission(clock);
    }

    [Fact]
    public void Accepts_a_fresh_correctly_signed_particle_once()
    {
        ParticleAdmission admission = NewAdmission(out _);
        Particle particle = ParticleSignature.CreateSigned(ParticleCodecTests.ClientKey, "p1", 1_700_000_000_000, 7000, "(null)");
        admission.Admit(particle, "test").Should().Be(ParticleVerdict.Accepted);
        admission.Admit(particle, "test").Should().Be(ParticleVerdict.Replayed);

        // A later copy with new data is not a replay: it is how AquaVM state arrives from other peers.
        admission.Admit(particle.WithData(new byte[] { 1 }), "test").Should().Be(ParticleVerdict.Accepted);
    }

    [Fact]
    public void Rejects_expired_particles_including_overflowing_deadlines()
    {
        ParticleAdmission admission = NewAdmission(out _);
        admission.Admit(ParticleSignature.CreateSigned(ParticleCodecTests.ClientKey, "p2", 1_700_000_000_000, 4999, "(null)"), "test")
            .Should().Be(ParticleVerdict.Expired);
        admission.Admit(ParticleSignature.CreateSigned(ParticleCodecTests.ClientKey, "p3", ulong.MaxValue - 10, 7000, "(null)"), "test")
            .Should().Be(ParticleVerdict.Expired);
        admission.Admit(ParticleSignature.CreateSigned(ParticleCodecTests.ClientKey, "p4", 1_700_000_000_000, 5000, "(null)"), "test")
            .Should().Be(ParticleVerdict.Accepted, "the deadline itself is still alive (nox: now > deadline expires)");
    }

    [Fact]
    public void Rejects_bad_signatures_of_every_kind()
    {
        ParticleAdmission admission = NewAdmission(out _);
        Particle good = ParticleSignature.CreateSigned(ParticleCodecTests.ClientKey, "p5", 1_700_000_000_000, 7000, "(null)");
        byte[] flipped = good.Signature.ToArray();
        flipped[10] ^= 1;
        var other = PrivateKey.FromEd25519Seed(Enumerable.Repeat((byte)0x22, 32).ToArray());

        Particle[] bad =
        [
            good with { Signature = flipped },
            good with { Script = "(seq (null) (null))" },
            good with { Ttl = 7001 },
            good with { InitPeerId = other.PeerId.ToString() },
            good with { InitPeerId = "not-a-peer-id" },
            good with { Signature = good.Signature[..63] },
            good with { InitPeerId = PrivateKey.Generate(KeyType.Secp256k1).PeerId.ToString() },
        ];
        foreach (Particle particle in bad)
        {
            admission.Admit(particle, "test").Should().Be(ParticleVerdict.BadSignature);
        }
    }

    [Fact]
    public void Forgets_replay_entries_after_expiry()
    {
        ParticleAdmission admission = NewAdmission(out ManualClock clock);
        admission.Admit(ParticleSignature.CreateSigned(ParticleCodecTests.ClientKey, "p6", 1_700_000_000_000, 7000, "(null)"), "test");
        admission.RememberedCount.Should().Be(1);
        clock.Advance(TimeSpan.FromSeconds(10));
        admission.Sweep();
        admission.RememberedCount.Should().Be(0);
    }

    internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
