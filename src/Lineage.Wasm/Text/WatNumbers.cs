// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text;

namespace Lineage.Wasm.Text;

/// <summary>
/// Numeric literals of the text format (spec §6.3.1): unsigned/signed integers in decimal or hex with <c>_</c>
/// separators between digits, and floats (decimal, hex with a binary exponent, <c>inf</c>, <c>nan</c>,
/// <c>nan:0x…</c>). Floats are rounded to nearest-even; a literal that rounds to infinity is out of range.
/// </summary>
internal static class WatNumbers
{
    /// <summary>The outcome of parsing a literal.</summary>
    public enum Result
    {
        /// <summary>Parsed.</summary>
        Ok,

        /// <summary>Not a literal of the requested kind.</summary>
        Syntax,

        /// <summary>Well-formed but outside the range of the type.</summary>
        Range,
    }

    /// <summary>Parses <c>uN</c>: decimal or <c>0x</c> hex digits without sign, at most <paramref name="max"/>.</summary>
    public static Result ParseUnsigned(ReadOnlySpan<byte> text, ulong max, out ulong value)
    {
        value = 0;
        if (text.Length == 0 || text[0] is (byte)'+' or (byte)'-')
        {
            return Result.Syntax;
        }

        var result = ParseMagnitude(text, out var magnitude, out var overflow);
        if (result != Result.Ok)
        {
            return result;
        }

        if (overflow || magnitude > max)
        {
            return Result.Range;
        }

        value = magnitude;
        return Result.Ok;
    }

    /// <summary>
    /// Parses an <c>iN</c> literal (<paramref name="bits"/> = 8, 16, 32 or 64): unsigned up to 2^N-1, or signed in
    /// [-2^(N-1), 2^(N-1)-1]; the result is the two's-complement bit pattern in the low N bits.
    /// </summary>
    public static Result ParseInteger(ReadOnlySpan<byte> text, int bits, out ulong value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return Result.Syntax;
        }

        var sign = text[0] is (byte)'+' or (byte)'-' ? text[0] : (byte)0;
        var result = ParseMagnitude(sign == 0 ? text : text[1..], out var magnitude, out var overflow);
        if (result != Result.Ok)
        {
            return result;
        }

        var mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        var half = 1UL << (bits - 1);
        if (overflow)
        {
            return Result.Range;
        }

        switch (sign)
        {
            case 0 when magnitude <= mask:
                value = magnitude;
                return Result.Ok;
            case (byte)'+' when magnitude < half:
                value = magnitude;
                return Result.Ok;
            case (byte)'-' when magnitude <= half:
                value = (0UL - magnitude) & mask;
                return Result.Ok;
            default:
                return Result.Range;
        }
    }

    /// <summary>Parses an f32 literal into its bit pattern.</summary>
    public static Result ParseFloat32(ReadOnlySpan<byte> text, out uint bits)
    {
        var result = ParseFloat(text, 23, 8, out var wide);
        bits = (uint)wide;
        return result;
    }

    /// <summary>Parses an f64 literal into its bit pattern.</summary>
    public static Result ParseFloat64(ReadOnlySpan<byte> text, out ulong bits) => ParseFloat(text, 52, 11, out bits);

    private static Result ParseFloat(ReadOnlySpan<byte> text, int mantissaBits, int exponentBits, out ulong bits)
    {
        bits = 0;
        if (text.Length == 0)
        {
            return Result.Syntax;
        }

        var negative = text[0] == (byte)'-';
        var body = text[0] is (byte)'+' or (byte)'-' ? text[1..] : text;
        var signBit = negative ? 1UL << (mantissaBits + exponentBits) : 0;
        var infinity = ((1UL << exponentBits) - 1) << mantissaBits;
        if (body.SequenceEqual("inf"u8))
        {
            bits = signBit | infinity;
            return Result.Ok;
        }

        if (body.SequenceEqual("nan"u8))
        {
            bits = signBit | infinity | (1UL << (mantissaBits - 1));
            return Result.Ok;
        }

        if (body.StartsWith("nan:0x"u8))
        {
            var payloadResult = ParseDigits(body[6..], 16, out var payload, out var overflow);
            if (payloadResult != Result.Ok)
            {
                return payloadResult;
            }

            if (overflow || payload == 0 || payload >= 1UL << mantissaBits)
            {
                return Result.Range;
            }

            bits = signBit | infinity | payload;
            return Result.Ok;
        }

        var magnitude = body.StartsWith("0x"u8)
            ? ParseHexFloat(body[2..], mantissaBits, exponentBits, out bits)
            : ParseDecimalFloat(body, mantissaBits, out bits);
        bits |= signBit;
        return magnitude;
    }

    /// <summary>Decimal floats: the syntax is checked here, the correctly rounded conversion is the runtime's.</summary>
    private static Result ParseDecimalFloat(ReadOnlySpan<byte> body, int mantissaBits, out ulong bits)
    {
        bits = 0;
        var clean = new StringBuilder(body.Length);
        var i = 0;
        if (!CopyDigits(body, ref i, 10, clean))
        {
            return Result.Syntax;
        }

        if (i < body.Length && body[i] == (byte)'.')
        {
            i++;
            if (i < body.Length && IsDigit(body[i], 10))
            {
                clean.Append('.');
                if (!CopyDigits(body, ref i, 10, clean))
                {
                    return Result.Syntax;
                }
            }
        }

        if (i < body.Length && body[i] is (byte)'e' or (byte)'E')
        {
            clean.Append('e');
            i++;
            if (i < body.Length && body[i] is (byte)'+' or (byte)'-')
            {
                clean.Append((char)body[i]);
                i++;
            }

            if (!CopyDigits(body, ref i, 10, clean))
            {
                return Result.Syntax;
            }
        }

        if (i != body.Length)
        {
            return Result.Syntax;
        }

        var text = clean.ToString();
        if (mantissaBits == 23)
        {
            var single = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (float.IsInfinity(single))
            {
                return Result.Range;
            }

            bits = BitConverter.SingleToUInt32Bits(single);
        }
        else
        {
            var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(value))
            {
                return Result.Range;
            }

            bits = BitConverter.DoubleToUInt64Bits(value);
        }

        return Result.Ok;
    }

    /// <summary>
    /// Hex floats <c>hexnum ('.' hexfrac?)? ([pP] sign? num)?</c> (after <c>0x</c>): the significand's leading 60 bits are
    /// kept exactly plus a sticky bit for the rest, then rounded once to the target precision (nearest, ties to even),
    /// subnormals included.
    /// </summary>
    private static Result ParseHexFloat(ReadOnlySpan<byte> body, int mantissaBits, int exponentBits, out ulong bits)
    {
        bits = 0;
        ulong significand = 0;
        var sticky = false;
        long exponent = 0;
        var i = 0;
        if (!AccumulateHex(body, ref i, fraction: false, ref significand, ref sticky, ref exponent))
        {
            return Result.Syntax;
        }

        if (i < body.Length && body[i] == (byte)'.')
        {
            i++;
            if (i < body.Length && IsDigit(body[i], 16)
                && !AccumulateHex(body, ref i, fraction: true, ref significand, ref sticky, ref exponent))
            {
                return Result.Syntax;
            }
        }

        if (i < body.Length && body[i] is (byte)'p' or (byte)'P')
        {
            i++;
            var negative = false;
            if (i < body.Length && body[i] is (byte)'+' or (byte)'-')
            {
                negative = body[i] == (byte)'-';
                i++;
            }

            var start = i;
            if (!SkipDigits(body, ref i, 10))
            {
                return Result.Syntax;
            }

            long power = 0;
            foreach (var c in body[start..i])
            {
                if (c != (byte)'_')
                {
                    power = Math.Min((power * 10) + (c - '0'), 1_000_000);
                }
            }

            exponent += negative ? -power : power;
        }

        if (i != body.Length)
        {
            return Result.Syntax;
        }

        if (significand == 0)
        {
            return Result.Ok;
        }

        var bias = (1 << (exponentBits - 1)) - 1;
        var top = 63 - BitOperations.LeadingZeroCount(significand);
        var leading = top + exponent;
        if (leading > bias + 1)
        {
            return Result.Range;
        }

        // Bits of precision available at this magnitude: all of them for normals, fewer for subnormals.
        var keep = leading >= 1 - bias ? mantissaBits + 1 : mantissaBits + 1 - (int)((1 - bias) - leading);
        if (keep < 0)
        {
            return Result.Ok;
        }

        var shift = top + 1 - keep;
        ulong kept;
        if (shift <= 0)
        {
            kept = significand << -shift;
        }
        else
        {
            kept = shift >= 64 ? 0 : significand >> shift;
            var rest = shift >= 64 ? significand : significand & ((1UL << shift) - 1);
            var half = 1UL << (shift - 1);
            if (rest > half || (rest == half && (sticky || (kept & 1) == 1)))
            {
                kept++;
            }
        }

        // Normals: the leading 1 of kept adds into the exponent field, so a carry from rounding moves to the next
        // binade (or to infinity). Subnormals: the exponent field is 0 and a carry yields the smallest normal.
        bits = keep == mantissaBits + 1 ? ((ulong)(leading + bias - 1) << mantissaBits) + kept : kept;
        var infinity = ((1UL << exponentBits) - 1) << mantissaBits;
        return bits >= infinity ? Result.Range : Result.Ok;
    }

    private static bool AccumulateHex(ReadOnlySpan<byte> text, ref int i, bool fraction, ref ulong significand, ref bool sticky, ref long exponent)
    {
        var start = i;
        if (!SkipDigits(text, ref i, 16))
        {
            return false;
        }

        foreach (var c in text[start..i])
        {
            if (c == (byte)'_')
            {
                continue;
            }

            var digit = (ulong)HexValue(c);
            if (significand >> 56 == 0)
            {
                significand = (significand << 4) | digit;
                exponent -= fraction ? 4 : 0;
            }
            else
            {
                sticky |= digit != 0;
                exponent += fraction ? 0 : 4;
            }
        }

        return true;
    }

    /// <summary>Parses <c>num</c> or <c>0x hexnum</c>; overflow beyond 64 bits is reported, not an error here.</summary>
    private static Result ParseMagnitude(ReadOnlySpan<byte> text, out ulong value, out bool overflow) =>
        text.StartsWith("0x"u8) ? ParseDigits(text[2..], 16, out value, out overflow) : ParseDigits(text, 10, out value, out overflow);

    private static Result ParseDigits(ReadOnlySpan<byte> text, int radix, out ulong value, out bool overflow)
    {
        value = 0;
        overflow = false;
        var i = 0;
        if (!SkipDigits(text, ref i, radix) || i != text.Length)
        {
            return Result.Syntax;
        }

        foreach (var c in text)
        {
            if (c == (byte)'_')
            {
                continue;
            }

            var digit = (ulong)HexValue(c);
            if (value > (ulong.MaxValue - digit) / (ulong)radix)
            {
                overflow = true;
            }

            value = unchecked((value * (ulong)radix) + digit);
        }

        return Result.Ok;
    }

    /// <summary>Skips <c>d ('_'? d)*</c>; false when there is no digit or an underscore is misplaced.</summary>
    private static bool SkipDigits(ReadOnlySpan<byte> text, ref int i, int radix)
    {
        if (i >= text.Length || !IsDigit(text[i], radix))
        {
            return false;
        }

        i++;
        while (i < text.Length)
        {
            if (IsDigit(text[i], radix))
            {
                i++;
            }
            else if (text[i] == (byte)'_' && i + 1 < text.Length && IsDigit(text[i + 1], radix))
            {
                i += 2;
            }
            else if (text[i] == (byte)'_')
            {
                return false;
            }
            else
            {
                break;
            }
        }

        return true;
    }

    private static bool CopyDigits(ReadOnlySpan<byte> text, ref int i, int radix, StringBuilder target)
    {
        var start = i;
        if (!SkipDigits(text, ref i, radix))
        {
            return false;
        }

        foreach (var c in text[start..i])
        {
            if (c != (byte)'_')
            {
                target.Append((char)c);
            }
        }

        return true;
    }

    private static bool IsDigit(byte c, int radix) =>
        c is >= (byte)'0' and <= (byte)'9' || (radix == 16 && c is >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F');

    private static int HexValue(byte c) => c switch
    {
        <= (byte)'9' => c - '0',
        <= (byte)'F' => c - 'A' + 10,
        _ => c - 'a' + 10,
    };
}
