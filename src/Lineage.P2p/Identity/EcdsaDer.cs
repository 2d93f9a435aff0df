// SPDX-License-Identifier: Apache-2.0

using System.Formats.Asn1;
using System.Numerics;

namespace Lineage.P2p.Identity;

/// <summary>DER <c>SEQUENCE { INTEGER r, INTEGER s }</c> ⇄ fixed-width r ‖ s, for secp256k1 libp2p signatures.</summary>
internal static class EcdsaDer
{
    public static byte[] Encode(ReadOnlySpan<byte> rs)
    {
        int half = rs.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(rs[..half], isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(rs[half..], isUnsigned: true, isBigEndian: true));
        }

        return writer.Encode();
    }

    public static bool TryDecode(ReadOnlySpan<byte> der, int scalarLength, out byte[] rs)
    {
        rs = [];
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            AsnReader sequence = reader.ReadSequence();
            BigInteger r = sequence.ReadInteger();
            BigInteger s = sequence.ReadInteger();
            if (reader.HasData || sequence.HasData || r.Sign <= 0 || s.Sign <= 0)
            {
                return false;
            }

            byte[] result = new byte[scalarLength * 2];
            if (!r.TryWriteBytes(result.AsSpan(0, scalarLength), out int rLength, isUnsigned: true, isBigEndian: true)
                || !s.TryWriteBytes(result.AsSpan(scalarLength, scalarLength), out int sLength, isUnsigned: true, isBigEndian: true))
            {
                return false;
            }

            // TryWriteBytes writes at the front: right-align each scalar.
            RightAlign(result.AsSpan(0, scalarLength), rLength);
            RightAlign(result.AsSpan(scalarLength, scalarLength), sLength);
            rs = result;
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static void RightAlign(Span<byte> field, int used)
    {
        if (used == field.Length)
        {
            return;
        }

        field[..used].CopyTo(field[(field.Length - used)..]);
        field[..(field.Length - used)].Clear();
    }
}
