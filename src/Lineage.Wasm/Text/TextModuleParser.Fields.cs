// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Text;

internal sealed partial class TextModuleParser
{
    private const int PageSize = 65536;

    /// <summary>Pass 2: parses the field at the current <c>(</c> and writes it to its section.</summary>
    private void ParseField(int index)
    {
        ExpectLeftParen();
        var keyword = Advance();
        switch (Text(keyword))
        {
            case var k when k.SequenceEqual("type"u8):
                SkipToClose();
                return;
            case var k when k.SequenceEqual("import"u8):
                ParseImport();
                break;
            case var k when k.SequenceEqual("func"u8):
                ParseFunction(index);
                break;
            case var k when k.SequenceEqual("table"u8):
                ParseTable(index);
                break;
            case var k when k.SequenceEqual("memory"u8):
                ParseMemory(index);
                break;
            case var k when k.SequenceEqual("global"u8):
                ParseGlobal(index);
                break;
            case var k when k.SequenceEqual("export"u8):
            {
                var name = ExpectName();
                ExpectLeftParen();
                var kind = Current;
                var space = SpaceOf(kind) ?? throw Unexpected();
                _pos++;
                WriteExport(name, space, ParseIndex(space));
                ExpectRightParen();
                break;
            }

            case var k when k.SequenceEqual("start"u8):
                _start = ParseIndex(_funcs);
                break;
            case var k when k.SequenceEqual("elem"u8):
                ParseElem();
                break;
            case var k when k.SequenceEqual("data"u8):
                ParseData();
                break;
            default:
                throw Error(keyword, "unknown module field");
        }

        ExpectRightParen();
    }

    /// <summary>Skips to just before the <c>)</c> closing the current group.</summary>
    private void SkipToClose()
    {
        while (!AtRightParen)
        {
            if (Current.Kind == WatTokenKind.LeftParen)
            {
                SkipGroup();
            }
            else
            {
                Advance();
            }
        }

        _pos++;
    }

    private void ParseImport()
    {
        var module = ExpectName();
        var name = ExpectName();
        ExpectLeftParen();
        var kind = Advance();
        TryId();
        WriteImportHeader(module, name);
        WriteImportDescription(SpaceOf(kind)!);
        ExpectRightParen();
    }

    private void WriteImportHeader(string module, string name)
    {
        _importCount++;
        _imports.Vector(System.Text.Encoding.UTF8.GetBytes(module));
        _imports.Vector(System.Text.Encoding.UTF8.GetBytes(name));
    }

    private void WriteImportDescription(IndexSpace space)
    {
        if (space == _funcs)
        {
            _imports.Byte((byte)ExternalKind.Function);
            _imports.U32((uint)ParseTypeUse(null));
        }
        else if (space == _tables)
        {
            _imports.Byte((byte)ExternalKind.Table);
            var limits = new BinaryBuffer();
            WriteLimits(limits);
            _imports.Byte((byte)ParseReferenceType());
            _imports.Bytes(limits.Written);
        }
        else if (space == _memories)
        {
            _imports.Byte((byte)ExternalKind.Memory);
            WriteLimits(_imports);
        }
        else
        {
            _imports.Byte((byte)ExternalKind.Global);
            WriteGlobalType(_imports);
        }
    }

    /// <summary>Inline <c>(export "name")*</c> of a definition, then an inline <c>(import "m" "n")</c> if present.</summary>
    private bool ParseInlineExportsAndImport(IndexSpace space, int index)
    {
        TryId();
        while (TryOpen("export"u8))
        {
            WriteExport(ExpectName(), space, index);
            ExpectRightParen();
        }

        if (!TryOpen("import"u8))
        {
            return false;
        }

        var module = ExpectName();
        var name = ExpectName();
        ExpectRightParen();
        WriteImportHeader(module, name);
        WriteImportDescription(space);
        return true;
    }

    private void WriteExport(string name, IndexSpace space, int index)
    {
        _exportCount++;
        _exports.Vector(System.Text.Encoding.UTF8.GetBytes(name));
        _exports.Byte((byte)(space == _funcs ? ExternalKind.Function : space == _tables ? ExternalKind.Table : space == _memories ? ExternalKind.Memory : ExternalKind.Global));
        _exports.U32((uint)index);
    }

    private void ParseFunction(int index)
    {
        if (ParseInlineExportsAndImport(_funcs, index))
        {
            return;
        }

        var paramIds = new List<string?>();
        var typeIndex = ParseTypeUse(paramIds);
        _functionCount++;
        _functions.U32((uint)typeIndex);
        var body = new BinaryBuffer();
        ParseFunctionBody(paramIds, body);
        _code.Vector(body.Written);
    }

    private void ParseTable(int index)
    {
        if (ParseInlineExportsAndImport(_tables, index))
        {
            return;
        }

        _tableCount++;
        if (Current.Kind == WatTokenKind.Keyword)
        {
            // (table reftype (elem …)): a table exactly as large as its inline element segment.
            var type = ParseReferenceType();
            ExpectLeftParen();
            ExpectKeyword("elem"u8);
            var items = new BinaryBuffer();
            var count = ParseElemList(type, items, out var asExpressions);
            ExpectRightParen();
            _tableSection.Byte((byte)type);
            _tableSection.Byte(0x01);
            _tableSection.U32(count);
            _tableSection.U32(count);
            WriteActiveElem(index, [0x41, 0x00, 0x0B], type, asExpressions, count, items);
            return;
        }

        var limits = new BinaryBuffer();
        WriteLimits(limits);
        _tableSection.Byte((byte)ParseReferenceType());
        _tableSection.Bytes(limits.Written);
    }

    private void ParseMemory(int index)
    {
        if (ParseInlineExportsAndImport(_memories, index))
        {
            return;
        }

        _memoryCount++;
        if (TryOpen("data"u8))
        {
            // (memory (data …)): a memory exactly as large as its inline data segment.
            var bytes = new List<byte>();
            while (Current.Kind == WatTokenKind.String)
            {
                bytes.AddRange(ExpectString());
            }

            ExpectRightParen();
            var pages = (uint)((bytes.Count + PageSize - 1) / PageSize);
            _memorySection.Byte(0x01);
            _memorySection.U32(pages);
            _memorySection.U32(pages);
            WriteActiveData(index, [0x41, 0x00, 0x0B], [.. bytes]);
            return;
        }

        WriteLimits(_memorySection);
    }

    private void ParseGlobal(int index)
    {
        if (ParseInlineExportsAndImport(_globals, index))
        {
            return;
        }

        _globalCount++;
        WriteGlobalType(_globalSection);
        _globalSection.Bytes(ParseConstantExpression());
    }

    /// <summary>An expression up to the closing parenthesis of the current group, with its <c>end</c>.</summary>
    private byte[] ParseConstantExpression()
    {
        var code = new BinaryBuffer();
        BeginFunction([]);
        ParseInstructions(code);
        code.Byte(0x0B);
        return code.ToArray();
    }

    /// <summary><c>(offset instr*)</c> or a single folded instruction.</summary>
    private byte[] ParseOffset()
    {
        if (TryOpen("offset"u8))
        {
            var offset = ParseConstantExpression();
            ExpectRightParen();
            return offset;
        }

        if (Current.Kind != WatTokenKind.LeftParen)
        {
            throw Unexpected();
        }

        return ParseFoldedExpression();
    }

    /// <summary>An expression written as one folded instruction (the abbreviation of offsets and element items).</summary>
    private byte[] ParseFoldedExpression()
    {
        var code = new BinaryBuffer();
        BeginFunction([]);
        ParseFoldedInstruction(code);
        code.Byte(0x0B);
        return code.ToArray();
    }

    private void ParseElem()
    {
        TryId();
        if (IsKeyword(Current, "declare"u8))
        {
            _pos++;
            WritePassiveElem(0x03);
            return;
        }

        var table = 0;
        var active = false;
        if (TryOpen("table"u8))
        {
            table = ParseIndex(_tables);
            ExpectRightParen();
            active = true;
        }
        else if (AtIndex)
        {
            // The MVP form (elem tableidx offset funcidx*).
            table = ParseIndex(_tables);
            active = true;
        }

        if (!active && Current.Kind != WatTokenKind.LeftParen)
        {
            WritePassiveElem(0x01);
            return;
        }

        var offset = ParseOffset();
        var items = new BinaryBuffer();
        ValueType type;
        bool asExpressions;
        uint count;
        if (Current.Kind == WatTokenKind.Keyword)
        {
            type = IsKeyword(Current, "func"u8) ? ValueType.FuncRef : ParseReferenceType();
            count = ParseElemList(type, items, out asExpressions);
        }
        else
        {
            // Abbreviation: (elem offset funcidx*).
            type = ValueType.FuncRef;
            count = ParseFunctionIndices(items);
            asExpressions = false;
        }

        WriteActiveElem(table, offset, type, asExpressions, count, items);
    }

    private void WritePassiveElem(byte flags)
    {
        var items = new BinaryBuffer();
        var type = IsKeyword(Current, "func"u8) ? ValueType.FuncRef : ParseReferenceType();
        var count = ParseElemList(type, items, out var asExpressions);
        _elemCount++;
        _elemSection.Byte((byte)(flags | (asExpressions ? 0x04 : 0)));
        _elemSection.Byte(asExpressions ? (byte)type : (byte)0x00);
        _elemSection.U32(count);
        _elemSection.Bytes(items.Written);
    }

    private void WriteActiveElem(int table, ReadOnlySpan<byte> offset, ValueType type, bool asExpressions, uint count, BinaryBuffer items)
    {
        _elemCount++;
        var flags = (byte)(asExpressions ? 0x04 : 0x00);
        if (table != 0 || type != ValueType.FuncRef)
        {
            flags |= 0x02;
        }

        _elemSection.Byte(flags);
        if ((flags & 0x02) != 0)
        {
            _elemSection.U32((uint)table);
        }

        _elemSection.Bytes(offset);
        if ((flags & 0x02) != 0)
        {
            _elemSection.Byte(asExpressions ? (byte)type : (byte)0x00);
        }

        _elemSection.U32(count);
        _elemSection.Bytes(items.Written);
    }

    /// <summary>
    /// An element list after its reference type (read by the caller): <c>func funcidx*</c>, bare <c>funcidx*</c>, or
    /// <c>(item expr)*</c> / <c>(instr)*</c> expressions.
    /// </summary>
    private uint ParseElemList(ValueType type, BinaryBuffer items, out bool asExpressions)
    {
        if (IsKeyword(Current, "func"u8))
        {
            _pos++;
            asExpressions = false;
            return ParseFunctionIndices(items);
        }

        if (AtIndex)
        {
            asExpressions = false;
            return ParseFunctionIndices(items);
        }

        var expressions = new List<byte[]>();
        while (Current.Kind == WatTokenKind.LeftParen)
        {
            if (TryOpen("item"u8))
            {
                expressions.Add(ParseConstantExpression());
                ExpectRightParen();
            }
            else
            {
                expressions.Add(ParseFoldedExpression());
            }
        }

        // Function references only (ref.func x): written as plain function indices, the shorter form (as wabt does).
        asExpressions = type != ValueType.FuncRef || !expressions.TrueForAll(IsReferenceToFunction);
        foreach (var expression in expressions)
        {
            items.Bytes(asExpressions ? expression : expression.AsSpan(1, expression.Length - 2));
        }

        return (uint)expressions.Count;
    }

    /// <summary>Whether a constant expression is exactly <c>ref.func x end</c>.</summary>
    private static bool IsReferenceToFunction(byte[] expression)
    {
        if (expression.Length < 3 || expression[0] != 0xD2 || expression[^1] != 0x0B)
        {
            return false;
        }

        var i = 1;
        while (i < expression.Length - 1 && (expression[i] & 0x80) != 0)
        {
            i++;
        }

        return i == expression.Length - 2;
    }

    private uint ParseFunctionIndices(BinaryBuffer items)
    {
        uint count = 0;
        while (AtIndex)
        {
            items.U32((uint)ParseIndex(_funcs));
            count++;
        }

        return count;
    }

    private void ParseData()
    {
        TryId();
        var memory = 0;
        var active = false;
        if (TryOpen("memory"u8))
        {
            memory = ParseIndex(_memories);
            ExpectRightParen();
            active = true;
        }
        else if (AtIndex)
        {
            memory = ParseIndex(_memories);
            active = true;
        }

        if (!active && Current.Kind != WatTokenKind.LeftParen)
        {
            var passive = new List<byte>();
            while (Current.Kind == WatTokenKind.String)
            {
                passive.AddRange(ExpectString());
            }

            _dataCount++;
            _dataSection.Byte(0x01);
            _dataSection.Vector([.. passive]);
            return;
        }

        var offset = ParseOffset();
        var bytes = new List<byte>();
        while (Current.Kind == WatTokenKind.String)
        {
            bytes.AddRange(ExpectString());
        }

        WriteActiveData(memory, offset, [.. bytes]);
    }

    private void WriteActiveData(int memory, ReadOnlySpan<byte> offset, ReadOnlySpan<byte> bytes)
    {
        _dataCount++;
        if (memory == 0)
        {
            _dataSection.Byte(0x00);
        }
        else
        {
            _dataSection.Byte(0x02);
            _dataSection.U32((uint)memory);
        }

        _dataSection.Bytes(offset);
        _dataSection.Vector(bytes);
    }
}
