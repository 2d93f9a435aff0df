// SPDX-License-Identifier: Apache-2.0

using FsCheck;
using FsCheck.Fluent;
using Lineage.Core.Multiformats;

namespace Lineage.Core.Tests.Multiformats;

public sealed class VarIntTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(300UL, "ac02")]
    [InlineData(421UL, "a503")]
    public void Encodes_known_vectors(ulong value, string hex)
    {
        Convert.ToHexStringLower(VarInt.Encode(value)).Should().Be(hex);
        VarInt.Read(Convert.FromHexString(hex), out int read).Should().Be(value);
        read.Should().Be(hex.Length / 2);
    }

    [Fact]
    public void Round_trips_and_rejects_truncation()
    {
        Prop.ForAll<ulong>(value =>
        {
            ulong bounded = value & 0x7FFF_FFFF_FFFF_FFFF;
            byte[] bytes = VarInt.Encode(bounded);
            bool roundTrips = VarInt.Read(bytes, out int read) == bounded && read == bytes.Length;
            bool truncatedFails = !VarInt.TryRead(bytes.AsSpan(0, bytes.Length - 1), out _, out _);
            return roundTrips && truncatedFails;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Rejects_non_minimal_encoding()
    {
        Action read = () => VarInt.Read(Convert.FromHexString("8000"), out _);
        read.Should().Throw<FormatException>().WithMessage("*offset 1*");
    }

    [Theory]
    [InlineData("8000", "not minimally encoded at offset 1")]
    [InlineData("ffffffffffffffffff01", "longer than 9 bytes at offset 9")]
    [InlineData("80", "truncated varint at offset 1")]
    public void Complete_buffer_reader_reports_every_malformation_without_throwing(string hex, string reason)
    {
        VarInt.TryRead(Convert.FromHexString(hex), out _, out _, out string? error).Should().BeFalse();
        error.Should().Contain(reason);
    }
}
