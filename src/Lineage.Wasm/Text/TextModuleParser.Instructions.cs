// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Lineage.Wasm.Instructions;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Text;

internal sealed partial class TextModuleParser
{
    private readonly List<string?> _labels = [];
    private readonly Dictionary<string, int> _localIds = new(StringComparer.Ordinal);
    private int _localCount;

    /// <summary>Resets the function context: no labels, and the parameters as the first locals.</summary>
    private void BeginFunction(List<string?> paramIds)
    {
        _labels.Clear();
        _localIds.Clear();
        _localCount = 0;
        foreach (var id in paramIds)
        {
            AddLocal(id, Current);
        }
    }

    private void AddLocal(string? id, WatToken at)
    {
        if (id is not null && !_localIds.TryAdd(id, _localCount))
        {
            throw Error(at, "duplicate local");
        }

        _localCount++;
    }

    /// <summary><c>(local …)*</c> then the instructions up to the closing parenthesis, written as a code entry.</summary>
    private void ParseFunctionBody(List<string?> paramIds, BinaryBuffer body)
    {
        BeginFunction(paramIds);
        var groups = new List<(uint Count, ValueType Type)>();
        while (TryOpen("local"u8))
        {
            var at = Current;
            if (Current.Kind == WatTokenKind.Id)
            {
                var id = TryId();
                AddLocal(id, at);
                AddLocalType(groups, ParseValueType());
            }
            else
            {
                while (!AtRightParen)
                {
                    AddLocal(null, at);
                    AddLocalType(groups, ParseValueType());
                }
            }

            ExpectRightParen();
        }

        body.U32((uint)groups.Count);
        foreach (var (count, type) in groups)
        {
            body.U32(count);
            body.Byte((byte)type);
        }

        ParseInstructions(body);
        body.Byte(0x0B);
    }

    private static void AddLocalType(List<(uint Count, ValueType Type)> groups, ValueType type)
    {
        if (groups.Count > 0 && groups[^1].Type == type)
        {
            groups[^1] = (groups[^1].Count + 1, type);
        }
        else
        {
            groups.Add((1, type));
        }
    }

    /// <summary>Instructions up to (not including) the closing parenthesis of the current group.</summary>
    private void ParseInstructions(BinaryBuffer code)
    {
        while (!AtRightParen)
        {
            ParseInstruction(code);
        }
    }

    private void ParseInstruction(BinaryBuffer code)
    {
        EnsureNestingStack();
        switch (Current.Kind)
        {
            case WatTokenKind.LeftParen:
                ParseFoldedInstruction(code);
                break;
            case WatTokenKind.Keyword:
                ParsePlainInstruction(code);
                break;
            case WatTokenKind.End:
                throw Unexpected();
            default:
                throw Error("unknown operator");
        }
    }

    private void ParsePlainInstruction(BinaryBuffer code)
    {
        var token = Advance();
        var name = Text(token);
        if (name.SequenceEqual("block"u8) || name.SequenceEqual("loop"u8) || name.SequenceEqual("if"u8))
        {
            var opcode = name[0] == (byte)'b' ? (byte)0x02 : name[0] == (byte)'l' ? (byte)0x03 : (byte)0x04;
            var label = TryId();
            code.Byte(opcode);
            code.Bytes(ParseBlockType());
            _labels.Add(label);
            ParseInstructionsUntilEnd(code);
            if (opcode == 0x04 && IsKeyword(Current, "else"u8))
            {
                _pos++;
                CheckEndLabel(label);
                WriteElse(code, () => ParseInstructionsUntilEnd(code));
            }

            ExpectKeyword("end"u8);
            CheckEndLabel(label);
            code.Byte(0x0B);
            _labels.RemoveAt(_labels.Count - 1);
            return;
        }

        WriteInstruction(token, code);
    }

    private void ParseInstructionsUntilEnd(BinaryBuffer code)
    {
        while (!IsKeyword(Current, "end"u8) && !IsKeyword(Current, "else"u8))
        {
            if (AtRightParen)
            {
                throw Unexpected();
            }

            ParseInstruction(code);
        }
    }

    private void CheckEndLabel(string? label)
    {
        if (Current.Kind != WatTokenKind.Id)
        {
            return;
        }

        var id = TryId();
        if (id != label)
        {
            throw Error(_tokens[_pos - 1], "mismatching label");
        }
    }

    private void ParseFoldedInstruction(BinaryBuffer code)
    {
        EnsureNestingStack();
        ExpectLeftParen();
        var token = Current;
        if (token.Kind != WatTokenKind.Keyword)
        {
            throw Error("unknown operator");
        }

        var name = Text(token);
        if (name.SequenceEqual("block"u8) || name.SequenceEqual("loop"u8))
        {
            _pos++;
            var label = TryId();
            code.Byte(name[0] == (byte)'b' ? (byte)0x02 : (byte)0x03);
            code.Bytes(ParseBlockType());
            _labels.Add(label);
            ParseInstructions(code);
            _labels.RemoveAt(_labels.Count - 1);
            code.Byte(0x0B);
        }
        else if (name.SequenceEqual("if"u8))
        {
            _pos++;
            var label = TryId();
            var blockType = ParseBlockType();
            while (Current.Kind == WatTokenKind.LeftParen && !AtField("then"u8))
            {
                ParseFoldedInstruction(code);
            }

            code.Byte(0x04);
            code.Bytes(blockType);
            _labels.Add(label);
            if (!TryOpen("then"u8))
            {
                throw Unexpected();
            }

            ParseInstructions(code);
            ExpectRightParen();
            if (TryOpen("else"u8))
            {
                WriteElse(code, () => ParseInstructions(code));
                ExpectRightParen();
            }

            _labels.RemoveAt(_labels.Count - 1);
            code.Byte(0x0B);
        }
        else if (IsClauseKeyword(name))
        {
            // (param …), (local …), (then …) and the like in the middle of instructions: misplaced, not unknown.
            throw Unexpected();
        }
        else
        {
            _pos++;
            var instruction = new BinaryBuffer();
            WriteInstruction(token, instruction);
            while (Current.Kind == WatTokenKind.LeftParen)
            {
                ParseFoldedInstruction(code);
            }

            code.Bytes(instruction.Written);
        }

        ExpectRightParen();
    }

    /// <summary>
    /// Instructions nest by recursion; text nested deeper than the thread's stack allows is rejected as malformed
    /// instead of overflowing the stack (which would end the process).
    /// </summary>
    private void EnsureNestingStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("instructions nested too deeply");
        }
    }

    private static bool IsClauseKeyword(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("param"u8) || name.SequenceEqual("result"u8) || name.SequenceEqual("local"u8) || name.SequenceEqual("type"u8)
        || name.SequenceEqual("then"u8) || name.SequenceEqual("else"u8) || name.SequenceEqual("export"u8) || name.SequenceEqual("import"u8)
        || name.SequenceEqual("item"u8) || name.SequenceEqual("offset"u8);

    /// <summary>An else branch; an empty one is left out (as wabt does: the encoding is shorter and means the same).</summary>
    private static void WriteElse(BinaryBuffer code, Action parseBranch)
    {
        var mark = code.Length;
        code.Byte(0x05);
        parseBranch();
        if (code.Length == mark + 1)
        {
            code.Truncate(mark);
        }
    }

    /// <summary>
    /// A block type: empty, one result type, or a type use. A type use whose type has no parameters and at most one
    /// result is written in the short form, like an inline <c>(result t)</c>.
    /// </summary>
    private byte[] ParseBlockType()
    {
        var encoded = new BinaryBuffer();
        if (AtField("type"u8))
        {
            var index = ParseTypeUse(null);
            if (index < _types.Count && _types[index].Parameters.IsEmpty && _types[index].Results.Length <= 1)
            {
                encoded.Byte(_types[index].Results.IsEmpty ? (byte)0x40 : (byte)_types[index].Results[0]);
            }
            else
            {
                encoded.S64(index);
            }

            return encoded.ToArray();
        }

        var type = ParseSignature(null, allowIds: false, out _);
        if (type.Parameters.IsEmpty && type.Results.Length <= 1)
        {
            encoded.Byte(type.Results.IsEmpty ? (byte)0x40 : (byte)type.Results[0]);
        }
        else
        {
            encoded.S64(TypeIndexOf(type));
        }

        return encoded.ToArray();
    }

    /// <summary>Writes a non-block instruction whose mnemonic is <paramref name="token"/> (already consumed) and its immediates.</summary>
    private void WriteInstruction(WatToken token, BinaryBuffer code)
    {
        var name = Encoding.UTF8.GetString(Text(token));
        var info = InstructionNames.Find(name) ?? throw Error(token, "unknown operator");
        switch (info.Immediates)
        {
            case ImmediateKind.None when info.Opcode == Opcode.Select:
                WriteSelect(code);
                return;
            case ImmediateKind.BlockType:
                // else / end (block, loop and if are handled by the callers).
                throw Error(token, "unexpected token");
            case ImmediateKind.CallIndirect:
            {
                var table = AtIndex ? ParseIndex(_tables) : 0;
                var type = ParseTypeUse(null);
                WriteOpcode(code, info.Opcode);
                code.U32((uint)type);
                code.U32((uint)table);
                return;
            }

            case ImmediateKind.TableInit:
            {
                var first = Current;
                var second = PeekToken(1);
                var twoIndices = first.Kind == WatTokenKind.Id || AtNumber
                    ? second.Kind == WatTokenKind.Id || (second.Kind == WatTokenKind.Reserved && Text(second)[0] is >= (byte)'0' and <= (byte)'9')
                    : false;
                var table = twoIndices ? ParseIndex(_tables) : 0;
                var element = ParseIndex(_elems);
                WriteOpcode(code, info.Opcode);
                code.U32((uint)element);
                code.U32((uint)table);
                return;
            }
        }

        WriteOpcode(code, info.Opcode);
        switch (info.Immediates)
        {
            case ImmediateKind.None:
                break;
            case ImmediateKind.Label:
                code.U32(ParseLabel());
                break;
            case ImmediateKind.BranchTable:
            {
                var labels = new List<uint>();
                while (AtIndex)
                {
                    labels.Add(ParseLabel());
                }

                if (labels.Count == 0)
                {
                    throw Unexpected();
                }

                code.U32((uint)labels.Count - 1);
                foreach (var label in labels)
                {
                    code.U32(label);
                }

                break;
            }

            case ImmediateKind.Function:
                code.U32((uint)ParseIndex(_funcs));
                break;
            case ImmediateKind.Local:
                code.U32(ParseLocal());
                break;
            case ImmediateKind.Global:
                code.U32((uint)ParseIndex(_globals));
                break;
            case ImmediateKind.Table:
                code.U32(AtIndex ? (uint)ParseIndex(_tables) : 0);
                break;
            case ImmediateKind.MemArg:
                WriteMemArg(code, info.NaturalAlignment);
                break;
            case ImmediateKind.MemArgLane:
                WriteMemArg(code, info.NaturalAlignment);
                code.Byte(ParseLaneIndex());
                break;
            case ImmediateKind.MemoryIndex:
            case ImmediateKind.MemoryFill:
                code.Byte(0x00);
                break;
            case ImmediateKind.MemoryCopy:
                code.Byte(0x00);
                code.Byte(0x00);
                break;
            case ImmediateKind.I32:
                code.S32((int)(uint)ParseIntegerLiteral(32));
                break;
            case ImmediateKind.I64:
                code.S64((long)ParseIntegerLiteral(64));
                break;
            case ImmediateKind.F32:
                code.F32Bits(ParseF32Literal());
                break;
            case ImmediateKind.F64:
                code.F64Bits(ParseF64Literal());
                break;
            case ImmediateKind.ReferenceType:
                code.Byte(ParseHeapType());
                break;
            case ImmediateKind.V128:
                WriteV128Constant(code);
                break;
            case ImmediateKind.Shuffle:
                WriteShuffle(code);
                break;
            case ImmediateKind.Lane:
                code.Byte(ParseLaneIndex());
                break;
            case ImmediateKind.MemoryInit:
                code.U32((uint)ParseIndex(_datas));
                code.Byte(0x00);
                _usesDataCount = true;
                break;
            case ImmediateKind.Data:
                code.U32((uint)ParseIndex(_datas));
                _usesDataCount = true;
                break;
            case ImmediateKind.Element:
                code.U32((uint)ParseIndex(_elems));
                break;
            case ImmediateKind.TableCopy:
                if (AtIndex)
                {
                    code.U32((uint)ParseIndex(_tables));
                    code.U32((uint)ParseIndex(_tables));
                }
                else
                {
                    code.Byte(0x00);
                    code.Byte(0x00);
                }

                break;
            default:
                throw Error(token, "unknown operator");
        }
    }

    private static void WriteOpcode(BinaryBuffer code, Opcode opcode)
    {
        var value = (ushort)opcode;
        if (value < 0x100)
        {
            code.Byte((byte)value);
        }
        else
        {
            code.Byte((byte)(value >> 8));
            code.U32((uint)(value & 0xFF));
        }
    }

    /// <summary><c>select</c>, or the typed <c>select (result t*)*</c>.</summary>
    private void WriteSelect(BinaryBuffer code)
    {
        if (!AtField("result"u8))
        {
            code.Byte(0x1B);
            return;
        }

        var types = new List<ValueType>();
        while (TryOpen("result"u8))
        {
            while (!AtRightParen)
            {
                types.Add(ParseValueType());
            }

            ExpectRightParen();
        }

        code.Byte(0x1C);
        code.U32((uint)types.Count);
        foreach (var type in types)
        {
            code.Byte((byte)type);
        }
    }

    private uint ParseLabel()
    {
        var token = Current;
        if (token.Kind != WatTokenKind.Id)
        {
            return ParseU32();
        }

        _pos++;
        var id = Encoding.UTF8.GetString(Text(token));
        for (var i = _labels.Count - 1; i >= 0; i--)
        {
            if (_labels[i] == id)
            {
                return (uint)(_labels.Count - 1 - i);
            }
        }

        throw Error(token, "unknown label");
    }

    private uint ParseLocal()
    {
        var token = Current;
        if (token.Kind != WatTokenKind.Id)
        {
            return ParseU32();
        }

        _pos++;
        var id = Encoding.UTF8.GetString(Text(token));
        return _localIds.TryGetValue(id, out var index) ? (uint)index : throw Error(token, "unknown local " + id);
    }

    private byte ParseHeapType()
    {
        if (IsKeyword(Current, "func"u8))
        {
            _pos++;
            return (byte)ValueType.FuncRef;
        }

        if (IsKeyword(Current, "extern"u8))
        {
            _pos++;
            return (byte)ValueType.ExternRef;
        }

        throw Unexpected();
    }

    /// <summary><c>offset=N</c>? <c>align=N</c>? (N a power of two); written as alignment exponent then offset.</summary>
    private void WriteMemArg(BinaryBuffer code, int naturalAlignment)
    {
        ulong offset = 0;
        var alignment = naturalAlignment;
        if (Current.Kind == WatTokenKind.Keyword && Text(Current).StartsWith("offset="u8))
        {
            offset = ParseKeyValue("offset="u8.Length, uint.MaxValue);
        }

        if (Current.Kind == WatTokenKind.Keyword && Text(Current).StartsWith("align="u8))
        {
            var at = Current;
            var value = ParseKeyValue("align="u8.Length, uint.MaxValue);
            if (value == 0 || !BitOperations.IsPow2(value))
            {
                throw Error(at, "alignment must be a power of two");
            }

            alignment = BitOperations.Log2(value);
        }

        code.U32((uint)alignment);
        code.U64(offset);
    }

    /// <summary>The value of <c>offset=N</c> / <c>align=N</c>: a u32 after the prefix.</summary>
    private ulong ParseKeyValue(int prefixLength, ulong max) =>
        ParseLiteral((ReadOnlySpan<byte> text, out ulong value) => WatNumbers.ParseUnsigned(text[prefixLength..], max, out value), "i32 constant out of range");

    private ulong ParseIntegerLiteral(int bits) =>
        ParseLiteral((ReadOnlySpan<byte> text, out ulong value) => WatNumbers.ParseInteger(text, bits, out value), "constant out of range");

    private uint ParseF32Literal() =>
        (uint)ParseLiteral(
            (ReadOnlySpan<byte> text, out ulong value) =>
            {
                var result = WatNumbers.ParseFloat32(text, out var bits);
                value = bits;
                return result;
            },
            "constant out of range");

    private static bool IsNanPattern(ReadOnlySpan<byte> text) =>
        text.TrimStart("+-"u8).StartsWith("nan:"u8) && text.TrimStart("+-"u8)[4..] is [>= (byte)'a' and <= (byte)'z', ..] && !text.TrimStart("+-"u8).StartsWith("nan:0x"u8);

    private ulong ParseF64Literal() => ParseLiteral(WatNumbers.ParseFloat64, "constant out of range");

    /// <summary>
    /// A numeric literal token read with <paramref name="parse"/>: out of range → <paramref name="rangeReason"/>,
    /// not a literal → "unknown operator" (as the spec's tests word it for e.g. <c>i32.const 0x</c>).
    /// </summary>
    private ulong ParseLiteral(LiteralParser parse, string rangeReason)
    {
        var token = Current;
        if (token.Kind is not (WatTokenKind.Reserved or WatTokenKind.Keyword) || IsNanPattern(Text(token)))
        {
            // nan:canonical / nan:arithmetic are result patterns of scripts, not literals.
            throw Unexpected();
        }

        switch (parse(Text(token), out var value))
        {
            case WatNumbers.Result.Ok:
                _pos++;
                return value;
            case WatNumbers.Result.Range:
                throw Error(token, rangeReason);
            default:
                throw Error(token, "unknown operator");
        }
    }

    /// <summary>A lane index: a u8 literal without sign.</summary>
    private byte ParseLaneIndex()
    {
        var token = Current;
        if (token.Kind is not (WatTokenKind.Reserved or WatTokenKind.Keyword))
        {
            throw Unexpected();
        }

        switch (WatNumbers.ParseUnsigned(Text(token), byte.MaxValue, out var value))
        {
            case WatNumbers.Result.Ok:
                _pos++;
                return (byte)value;
            case WatNumbers.Result.Range:
                throw Error(token, "malformed lane index");
            default:
                throw Unexpected();
        }
    }

    /// <summary>Sixteen lane indices (u8 literals; validation checks that they are below 32).</summary>
    private void WriteShuffle(BinaryBuffer code)
    {
        for (var i = 0; i < 16; i++)
        {
            var token = Current;
            if (token.Kind is not (WatTokenKind.Reserved or WatTokenKind.Keyword))
            {
                throw Error(token, "invalid lane length");
            }

            if (WatNumbers.ParseUnsigned(Text(token), byte.MaxValue, out var lane) != WatNumbers.Result.Ok)
            {
                throw Error(token, "malformed lane index");
            }

            _pos++;
            code.Byte((byte)lane);
        }

        if (Current.Kind == WatTokenKind.Reserved)
        {
            throw Error("invalid lane length");
        }
    }

    /// <summary><c>v128.const shape lane*</c>: exactly as many literals as the shape has lanes.</summary>
    private void WriteV128Constant(BinaryBuffer code)
    {
        var shape = Current;
        var (lanes, bits, isFloat) = shape.Kind != WatTokenKind.Keyword ? default : Text(shape) switch
        {
            var s when s.SequenceEqual("i8x16"u8) => (16, 8, false),
            var s when s.SequenceEqual("i16x8"u8) => (8, 16, false),
            var s when s.SequenceEqual("i32x4"u8) => (4, 32, false),
            var s when s.SequenceEqual("i64x2"u8) => (2, 64, false),
            var s when s.SequenceEqual("f32x4"u8) => (4, 32, true),
            var s when s.SequenceEqual("f64x2"u8) => (2, 64, true),
            _ => default,
        };
        if (lanes == 0)
        {
            throw Error("unexpected token");
        }

        _pos++;
        for (var i = 0; i < lanes; i++)
        {
            if (Current.Kind is not (WatTokenKind.Reserved or WatTokenKind.Keyword) || (Current.Kind == WatTokenKind.Keyword && !isFloat))
            {
                throw Error("wrong number of lane literals");
            }

            var value = isFloat ? (bits == 32 ? ParseF32Literal() : ParseF64Literal()) : ParseIntegerLiteral(bits);
            for (var b = 0; b < bits / 8; b++)
            {
                code.Byte((byte)(value >> (8 * b)));
            }
        }

        if (Current.Kind == WatTokenKind.Reserved)
        {
            throw Error("wrong number of lane literals");
        }
    }
}
