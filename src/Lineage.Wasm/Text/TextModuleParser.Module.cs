// SPDX-License-Identifier: Apache-2.0

using System.Collections.Immutable;
using System.Text;
using Lineage.Wasm.Binary;
using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Text;

internal sealed partial class TextModuleParser
{
    private readonly List<FunctionType> _types = [];
    private readonly Dictionary<FunctionType, int> _typeLookup = [];
    private readonly IndexSpace _typeIds = new("type");
    private readonly IndexSpace _funcs = new("function");
    private readonly IndexSpace _tables = new("table");
    private readonly IndexSpace _memories = new("memory");
    private readonly IndexSpace _globals = new("global");
    private readonly IndexSpace _elems = new("elem segment");
    private readonly IndexSpace _datas = new("data segment");
    private readonly List<(int Start, int Index)> _fields = [];

    private readonly BinaryBuffer _imports = new();
    private readonly BinaryBuffer _functions = new();
    private readonly BinaryBuffer _tableSection = new();
    private readonly BinaryBuffer _memorySection = new();
    private readonly BinaryBuffer _globalSection = new();
    private readonly BinaryBuffer _exports = new();
    private readonly BinaryBuffer _elemSection = new();
    private readonly BinaryBuffer _code = new();
    private readonly BinaryBuffer _dataSection = new();
    private uint _importCount;
    private uint _functionCount;
    private uint _tableCount;
    private uint _memoryCount;
    private uint _globalCount;
    private uint _exportCount;
    private uint _elemCount;
    private uint _dataCount;
    private int? _start;
    private bool _usesDataCount;

    /// <summary>Parses the whole source: <c>(module …)</c>, <c>(module binary …)</c>, <c>(module quote …)</c> or bare fields.</summary>
    public byte[] ParseModule()
    {
        var wrapped = AtField("module"u8);
        if (wrapped)
        {
            _pos += 2;
            TryId();
            if (IsKeyword(Current, "binary"u8) || IsKeyword(Current, "quote"u8))
            {
                var quote = IsKeyword(Advance(), "quote"u8);
                var bytes = new List<byte>();
                while (Current.Kind == WatTokenKind.String)
                {
                    bytes.AddRange(ExpectString());
                }

                ExpectRightParen();
                ExpectEnd();
                return quote ? new TextModuleParser([.. bytes]).ParseModule() : [.. bytes];
            }
        }

        var fieldsStart = _pos;
        ScanFields();
        var end = _pos;
        _pos = fieldsStart;
        foreach (var (start, index) in _fields)
        {
            _pos = start;
            ParseField(index);
        }

        _pos = end;
        if (wrapped)
        {
            ExpectRightParen();
        }

        ExpectEnd();
        return Assemble();
    }

    private void ExpectEnd()
    {
        if (Current.Kind != WatTokenKind.End)
        {
            throw Unexpected();
        }
    }

    /// <summary>Pass 1: binds the identifiers of every index space (imports first, as the text requires) and the types.</summary>
    private void ScanFields()
    {
        string? firstDefinition = null;
        var starts = 0;
        while (Current.Kind == WatTokenKind.LeftParen)
        {
            var start = _pos;
            _pos++;
            var keyword = Current;
            if (keyword.Kind != WatTokenKind.Keyword)
            {
                throw Unexpected();
            }

            _pos++;
            var index = -1;
            switch (Text(keyword))
            {
                case var k when k.SequenceEqual("type"u8):
                    ScanType();
                    break;
                case var k when k.SequenceEqual("import"u8):
                {
                    ExpectName();
                    ExpectName();
                    ExpectLeftParen();
                    var kindToken = Current;
                    var space = SpaceOf(kindToken) ?? throw Unexpected();
                    _pos++;
                    CheckImportOrder(firstDefinition, keyword);
                    index = Bind(space, Current, TryId());
                    break;
                }

                case var k when k.SequenceEqual("func"u8) || k.SequenceEqual("table"u8) || k.SequenceEqual("memory"u8) || k.SequenceEqual("global"u8):
                {
                    var space = SpaceOf(keyword)!;
                    var idToken = Current;
                    var id = TryId();
                    while (AtField("export"u8))
                    {
                        SkipGroup();
                    }

                    if (AtField("import"u8))
                    {
                        CheckImportOrder(firstDefinition, keyword);
                    }
                    else
                    {
                        firstDefinition ??= space.Kind == "function" ? "func" : space.Kind;
                        if (space == _tables && Current.Kind == WatTokenKind.Keyword && PeekToken(1).Kind == WatTokenKind.LeftParen
                            && IsKeyword(PeekToken(2), "elem"u8))
                        {
                            _elems.TryAdd(null, out _);
                        }
                        else if (space == _memories && AtField("data"u8))
                        {
                            _datas.TryAdd(null, out _);
                        }
                    }

                    _pos = start + 2;
                    index = Bind(space, idToken, id);
                    break;
                }

                case var k when k.SequenceEqual("elem"u8):
                    Bind(_elems, Current, TryId());
                    break;
                case var k when k.SequenceEqual("data"u8):
                    Bind(_datas, Current, TryId());
                    break;
                case var k when k.SequenceEqual("start"u8):
                    if (++starts > 1)
                    {
                        throw Error(keyword, "multiple start sections");
                    }

                    break;
                case var k when k.SequenceEqual("export"u8):
                    break;
                default:
                    throw Error(keyword, "unknown module field");
            }

            _fields.Add((start, index));
            _pos = start;
            SkipGroup();
        }

        // Whatever follows the fields is checked after pass 2, so errors inside the fields are reported first.
    }

    private void CheckImportOrder(string? firstDefinition, WatToken at)
    {
        if (firstDefinition is not null)
        {
            throw Error(at, "import after " + firstDefinition);
        }
    }

    private IndexSpace? SpaceOf(WatToken kind)
    {
        if (kind.Kind != WatTokenKind.Keyword)
        {
            return null;
        }

        var text = Text(kind);
        return text.SequenceEqual("func"u8) ? _funcs
            : text.SequenceEqual("table"u8) ? _tables
            : text.SequenceEqual("memory"u8) ? _memories
            : text.SequenceEqual("global"u8) ? _globals
            : null;
    }

    /// <summary>Appends an entry to <paramref name="space"/>, binding <paramref name="id"/> (read at <paramref name="idToken"/>).</summary>
    private int Bind(IndexSpace space, WatToken idToken, string? id)
    {
        if (!space.TryAdd(id, out var index))
        {
            throw Error(idToken, "duplicate " + (space == _funcs ? "func" : space.Kind.Split(' ')[0]));
        }

        return index;
    }

    private void ScanType()
    {
        var idToken = Current;
        var id = TryId();
        ExpectLeftParen();
        ExpectKeyword("func"u8);
        var type = ParseSignature(null, allowIds: true, out _);
        ExpectRightParen();
        ExpectRightParen();
        if (!_typeIds.TryAdd(id, out var index))
        {
            throw Error(idToken, "duplicate type");
        }

        _types.Add(type);
        _typeLookup.TryAdd(type, index);
    }

    /// <summary>Parses <c>(param …)* (result …)*</c>; param ids go to <paramref name="paramIds"/> when given.</summary>
    private FunctionType ParseSignature(List<string?>? paramIds, bool allowIds, out bool any)
    {
        var parameters = ImmutableArray.CreateBuilder<ValueType>();
        var results = ImmutableArray.CreateBuilder<ValueType>();
        any = false;
        while (TryOpen("param"u8))
        {
            any = true;
            if (Current.Kind == WatTokenKind.Id)
            {
                if (!allowIds)
                {
                    throw Unexpected();
                }

                var id = TryId();
                parameters.Add(ParseValueType());
                paramIds?.Add(id);
            }
            else
            {
                while (!AtRightParen)
                {
                    parameters.Add(ParseValueType());
                    paramIds?.Add(null);
                }
            }

            ExpectRightParen();
        }

        while (TryOpen("result"u8))
        {
            any = true;
            while (!AtRightParen)
            {
                results.Add(ParseValueType());
            }

            ExpectRightParen();
        }

        if (AtField("param"u8) || AtField("type"u8))
        {
            // Out of order: a type use is (type)? (param)* (result)*.
            throw Unexpected();
        }

        return new FunctionType(parameters.ToImmutable(), results.ToImmutable());
    }

    /// <summary>
    /// Parses a type use <c>(type x)? (param …)* (result …)*</c> and returns the type index: x (whose type must equal
    /// the inline one when both are given), else the first type equal to the inline one, else a new type appended.
    /// </summary>
    private int ParseTypeUse(List<string?>? paramIds)
    {
        var at = Current;
        int? explicitIndex = null;
        if (TryOpen("type"u8))
        {
            explicitIndex = ParseIndex(_typeIds);
            ExpectRightParen();
        }

        var inline = ParseSignature(paramIds, allowIds: paramIds is not null, out var any);
        if (explicitIndex is int index)
        {
            if (index < _types.Count)
            {
                if (any && !_types[index].Equals(inline))
                {
                    throw Error(at, "inline function type");
                }

                if (!any && paramIds is not null)
                {
                    paramIds.AddRange(Enumerable.Repeat<string?>(null, _types[index].Parameters.Length));
                }
            }
            else if (any)
            {
                // The inline type cannot be checked against a type that does not exist. Without an inline type, an
                // undefined index is left to the validator (an invalid module, not a malformed one).
                throw Error(at, "unknown type");
            }

            return index;
        }

        return TypeIndexOf(inline);
    }

    private int TypeIndexOf(FunctionType type)
    {
        if (_typeLookup.TryGetValue(type, out var existing))
        {
            return existing;
        }

        _types.Add(type);
        _typeIds.TryAdd(null, out var index);
        _typeLookup.Add(type, index);
        return index;
    }

    private ValueType ParseValueType()
    {
        var token = Current;
        ValueType? type = token.Kind != WatTokenKind.Keyword ? null : Text(token) switch
        {
            var t when t.SequenceEqual("i32"u8) => ValueType.I32,
            var t when t.SequenceEqual("i64"u8) => ValueType.I64,
            var t when t.SequenceEqual("f32"u8) => ValueType.F32,
            var t when t.SequenceEqual("f64"u8) => ValueType.F64,
            var t when t.SequenceEqual("v128"u8) => ValueType.V128,
            var t when t.SequenceEqual("funcref"u8) => ValueType.FuncRef,
            var t when t.SequenceEqual("externref"u8) => ValueType.ExternRef,
            _ => null,
        };
        if (type is null)
        {
            throw token.Kind == WatTokenKind.Keyword ? Error(token, "unknown operator " + Encoding.UTF8.GetString(Text(token))) : Unexpected();
        }

        _pos++;
        return type.Value;
    }

    private ValueType ParseReferenceType()
    {
        var token = Current;
        var type = ParseValueType();
        if (type is not (ValueType.FuncRef or ValueType.ExternRef))
        {
            throw Error(token, "unexpected token");
        }

        return type;
    }

    /// <summary>An index: a u32 literal or an identifier bound in <paramref name="space"/>.</summary>
    private int ParseIndex(IndexSpace space)
    {
        var token = Current;
        if (token.Kind == WatTokenKind.Id)
        {
            _pos++;
            var id = Encoding.UTF8.GetString(Text(token));
            return space.TryResolve(id, out var index) ? index : throw Error(token, $"unknown {space.Kind} {id}");
        }

        return (int)ParseU32();
    }

    private bool AtIndex => Current.Kind == WatTokenKind.Id || AtNumber;

    private bool AtNumber => Current.Kind == WatTokenKind.Reserved && Text(Current)[0] is >= (byte)'0' and <= (byte)'9';

    private uint ParseU32() =>
        (uint)ParseLiteral((ReadOnlySpan<byte> text, out ulong value) => WatNumbers.ParseUnsigned(text, uint.MaxValue, out value), "i32 constant out of range");

    private void WriteLimits(BinaryBuffer target)
    {
        var minimum = ParseU32();
        if (AtNumber)
        {
            var maximum = ParseU32();
            target.Byte(0x01);
            target.U32(minimum);
            target.U32(maximum);
        }
        else
        {
            target.Byte(0x00);
            target.U32(minimum);
        }
    }

    private void WriteGlobalType(BinaryBuffer target)
    {
        if (TryOpen("mut"u8))
        {
            target.Byte((byte)ParseValueType());
            target.Byte(0x01);
            ExpectRightParen();
        }
        else
        {
            target.Byte((byte)ParseValueType());
            target.Byte(0x00);
        }
    }

    private byte[] Assemble()
    {
        var module = new BinaryBuffer();
        module.Bytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        if (_types.Count > 0)
        {
            var types = new BinaryBuffer();
            foreach (var type in _types)
            {
                types.Byte(0x60);
                types.U32((uint)type.Parameters.Length);
                foreach (var p in type.Parameters)
                {
                    types.Byte((byte)p);
                }

                types.U32((uint)type.Results.Length);
                foreach (var r in type.Results)
                {
                    types.Byte((byte)r);
                }
            }

            module.Section(SectionId.Type, (uint)_types.Count, types);
        }

        AddSection(module, SectionId.Import, _importCount, _imports);
        AddSection(module, SectionId.Function, _functionCount, _functions);
        AddSection(module, SectionId.Table, _tableCount, _tableSection);
        AddSection(module, SectionId.Memory, _memoryCount, _memorySection);
        AddSection(module, SectionId.Global, _globalCount, _globalSection);
        AddSection(module, SectionId.Export, _exportCount, _exports);
        if (_start is int start)
        {
            var body = new BinaryBuffer();
            body.U32((uint)start);
            module.Byte((byte)SectionId.Start);
            module.Vector(body.Written);
        }

        AddSection(module, SectionId.Element, _elemCount, _elemSection);
        if (_usesDataCount)
        {
            var body = new BinaryBuffer();
            body.U32(_dataCount);
            module.Byte((byte)SectionId.DataCount);
            module.Vector(body.Written);
        }

        AddSection(module, SectionId.Code, _functionCount, _code);
        AddSection(module, SectionId.Data, _dataCount, _dataSection);
        return module.ToArray();
    }

    private static void AddSection(BinaryBuffer module, SectionId id, uint count, BinaryBuffer contents)
    {
        if (count > 0)
        {
            module.Section(id, count, contents);
        }
    }
}
