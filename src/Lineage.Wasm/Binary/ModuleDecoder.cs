// SPDX-License-Identifier: Apache-2.0

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Lineage.Wasm.Instructions;
using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Binary;

/// <summary>
/// Decodes the sections of a WebAssembly 2.0 binary into a <see cref="WasmModule"/>. Function bodies are only
/// framed (locals decoded, instructions located); their instructions are decoded by the validator and the compiler.
/// Error reasons follow the wording of the specification's test suite.
/// </summary>
internal static class ModuleDecoder
{
    private const string SectionEnd = "unexpected end of section or function";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static WasmModule Decode(ReadOnlyMemory<byte> bytes)
    {
        var module = bytes.Span;
        var state = new DecodeState();
        ReadHeader(module);
        var reader = new WasmReader(module);
        reader.Position = 8;
        var lastOrder = 0;
        var sawCode = false;
        var sawFunction = false;
        while (!reader.IsAtEnd)
        {
            var idOffset = reader.Offset;
            var id = reader.ReadByte();
            if (id > (byte)SectionId.DataCount)
            {
                WasmReader.Throw("malformed section id", idOffset);
            }

            var sizeOffset = reader.Offset;
            var size = reader.ReadVarUInt32();
            if (size > (uint)reader.Remaining)
            {
                WasmReader.Throw("length out of bounds", sizeOffset);
            }

            var contentStart = reader.Offset;
            var contentEnd = contentStart + (int)size;
            if (id != (byte)SectionId.Custom)
            {
                var order = SectionOrder((SectionId)id);
                if (order <= lastOrder)
                {
                    WasmReader.Throw("unexpected content after last section", idOffset);
                }

                lastOrder = order;
            }

            // Like the reference interpreter, section contents are read from the rest of the module and the
            // declared size is checked afterwards, so an overrun is reported as "section size mismatch".
            var section = new WasmReader(module[contentStart..], contentStart, SectionEnd);
            switch ((SectionId)id)
            {
                case SectionId.Custom:
                    section = new WasmReader(module.Slice(contentStart, (int)size), contentStart, SectionEnd);
                    ReadCustomSection(ref section, bytes, state);
                    break;
                case SectionId.Type:
                    ReadTypeSection(ref section, state);
                    break;
                case SectionId.Import:
                    ReadImportSection(ref section, state);
                    break;
                case SectionId.Function:
                    sawFunction = true;
                    ReadFunctionSection(ref section, state);
                    break;
                case SectionId.Table:
                    ReadTableSection(ref section, state);
                    break;
                case SectionId.Memory:
                    ReadMemorySection(ref section, state);
                    break;
                case SectionId.Global:
                    ReadGlobalSection(ref section, module, state);
                    break;
                case SectionId.Export:
                    ReadExportSection(ref section, state);
                    break;
                case SectionId.Start:
                    state.Start = section.ReadVarUInt32();
                    break;
                case SectionId.Element:
                    ReadElementSection(ref section, module, state);
                    break;
                case SectionId.Code:
                    sawCode = true;
                    ReadCodeSection(ref section, module, contentEnd, state);
                    break;
                case SectionId.Data:
                    ReadDataSection(ref section, bytes, state);
                    break;
                case SectionId.DataCount:
                    state.DataCount = section.ReadVarUInt32();
                    break;
            }

            if (section.Offset != contentEnd)
            {
                WasmReader.Throw("section size mismatch", Math.Min(section.Offset, contentEnd));
            }

            reader.Position = contentEnd;
        }

        if ((sawFunction || sawCode) && state.Functions.Count != state.Code.Count)
        {
            WasmReader.Throw("function and code section have inconsistent lengths", module.Length);
        }

        if (state.DataCount is { } dataCount && dataCount != (uint)state.Data.Count)
        {
            WasmReader.Throw("data count and data section have inconsistent lengths", module.Length);
        }

        return state.ToModule(bytes);
    }

    private static void ReadHeader(ReadOnlySpan<byte> module)
    {
        ReadOnlySpan<byte> magic = [0x00, 0x61, 0x73, 0x6D];
        if (module.Length < 4 && magic.StartsWith(module))
        {
            WasmReader.Throw("unexpected end", module.Length);
        }

        if (module.Length < 4 || !module[..4].SequenceEqual(magic))
        {
            WasmReader.Throw("magic header not detected", 0);
        }

        if (module.Length < 8)
        {
            WasmReader.Throw("unexpected end", module.Length);
        }

        ReadOnlySpan<byte> version = [0x01, 0x00, 0x00, 0x00];
        if (!module.Slice(4, 4).SequenceEqual(version))
        {
            WasmReader.Throw("unknown binary version", 4);
        }
    }

    private static int SectionOrder(SectionId id) => id switch
    {
        SectionId.DataCount => 10,
        SectionId.Code => 11,
        SectionId.Data => 12,
        _ => (int)id,
    };

    private static void ReadCustomSection(ref WasmReader section, ReadOnlyMemory<byte> bytes, DecodeState state)
    {
        var name = section.ReadName();
        var payloadOffset = section.Offset;
        var length = section.Remaining;
        section.Skip(length);
        state.Customs.Add(new CustomSection(name, bytes.Slice(payloadOffset, length), payloadOffset));
    }

    private static void ReadTypeSection(ref WasmReader section, DecodeState state)
    {
        var count = section.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var formOffset = section.Offset;
            if (section.ReadByte() != 0x60)
            {
                WasmReader.Throw("integer representation too long", formOffset);
            }

            var parameters = ReadValueTypes(ref section);
            var results = ReadValueTypes(ref section);
            state.Types.Add(new FunctionType(parameters, results));
        }
    }

    private static ImmutableArray<ValueType> ReadValueTypes(ref WasmReader section)
    {
        var count = section.ReadCount();
        if (count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<ValueType>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(section.ReadValueType());
        }

        return builder.MoveToImmutable();
    }

    private static void ReadImportSection(ref WasmReader section, DecodeState state)
    {
        var count = section.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var moduleName = section.ReadName();
            var name = section.ReadName();
            var kindOffset = section.Offset;
            var kind = section.ReadByte();
            switch ((ExternalKind)kind)
            {
                case ExternalKind.Function:
                    state.Imports.Add(Import.ForFunction(moduleName, name, section.ReadVarUInt32()));
                    state.ImportedFunctions++;
                    break;
                case ExternalKind.Table:
                    state.Imports.Add(Import.ForTable(moduleName, name, ReadTableType(ref section)));
                    state.ImportedTables++;
                    break;
                case ExternalKind.Memory:
                    state.Imports.Add(Import.ForMemory(moduleName, name, new MemoryType(ReadLimits(ref section))));
                    state.ImportedMemories++;
                    break;
                case ExternalKind.Global:
                    state.Imports.Add(Import.ForGlobal(moduleName, name, ReadGlobalType(ref section)));
                    state.ImportedGlobals++;
                    break;
                default:
                    WasmReader.Throw("malformed import kind", kindOffset);
                    break;
            }
        }
    }

    private static void ReadFunctionSection(ref WasmReader section, DecodeState state)
    {
        var count = section.ReadCount();
        for (var i = 0; i < count; i++)
        {
            state.Functions.Add(section.ReadVarUInt32());
        }
    }

    private static void ReadTableSection(ref WasmReader section, DecodeState state)
    {
        var count = section.ReadCount();
        for (var i = 0; i < count; i++)
        {
            state.Tables.Add(ReadTableType(ref section));
        }
    }

    private static void ReadMemorySection(ref WasmReader section, DecodeState state)
    {
        var count = section.ReadCount();
        for (var i = 0; i < count; i++)
        {
            state.Memories.Add(new MemoryType(ReadLimits(ref section)));
        }
    }

    private static void ReadGlobalSection(ref WasmReader section, ReadOnlySpan<byte> module, DecodeState state)
    {
        var count = section.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var type = ReadGlobalType(ref section);
            var initializer = ReadConstantExpression(ref section, module);
            state.Globals.Add(new GlobalDefinition(type, initializer));
        }
    }

    private static void ReadExportSection(ref WasmReader section, DecodeState state)
    {
        var count = section.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var name = section.ReadName();
            var kindOffset = section.Offset;
            var kind = section.ReadByte();
            if (kind > (byte)ExternalKind.Global)
            {
                WasmReader.Throw("malformed export kind", kindOffset);
            }

            state.Exports.Add(new Export(name, (ExternalKind)kind, section.ReadVarUInt32()));
        }
    }

    private static void ReadElementSection(ref WasmReader section, ReadOnlySpan<byte> module, DecodeState state)
    {
        var count = section.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var flagsOffset = section.Offset;
            var flags = section.ReadVarUInt32();
            if (flags > 7)
            {
                WasmReader.Throw("malformed elements segment kind", flagsOffset);
            }

            // bit 0: passive or declarative; bit 1: explicit table index (active) or declarative; bit 2: expressions.
            var passiveOrDeclarative = (flags & 1) != 0;
            var usesExpressions = (flags & 4) != 0;
            var mode = !passiveOrDeclarative ? SegmentMode.Active
                : (flags & 2) != 0 ? SegmentMode.Declarative : SegmentMode.Passive;
            var tableIndex = 0u;
            ConstantExpression offset = default;
            if (mode == SegmentMode.Active)
            {
                if ((flags & 2) != 0)
                {
                    tableIndex = section.ReadVarUInt32();
                }

                offset = ReadConstantExpression(ref section, module);
            }

            var elementType = ValueType.FuncRef;
            if ((flags & 3) != 0)
            {
                if (usesExpressions)
                {
                    elementType = section.ReadReferenceType();
                }
                else
                {
                    var kindOffset = section.Offset;
                    if (section.ReadByte() != 0x00)
                    {
                        WasmReader.Throw("malformed element kind", kindOffset);
                    }
                }
            }

            var itemCount = section.ReadCount();
            var segment = new ElementSegment
            {
                Mode = mode,
                TableIndex = tableIndex,
                Offset = offset,
                ElementType = elementType,
                UsesExpressions = usesExpressions,
                FunctionIndices = usesExpressions ? [] : ReadFunctionIndices(ref section, itemCount),
                Expressions = usesExpressions ? ReadExpressions(ref section, module, itemCount) : [],
            };
            state.Elements.Add(segment);
        }
    }

    private static ImmutableArray<uint> ReadFunctionIndices(ref WasmReader section, int count)
    {
        var builder = ImmutableArray.CreateBuilder<uint>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(section.ReadVarUInt32());
        }

        return builder.MoveToImmutable();
    }

    private static ImmutableArray<ConstantExpression> ReadExpressions(ref WasmReader section, ReadOnlySpan<byte> module, int count)
    {
        var builder = ImmutableArray.CreateBuilder<ConstantExpression>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(ReadConstantExpression(ref section, module));
        }

        return builder.MoveToImmutable();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadCodeSection(ref WasmReader section, ReadOnlySpan<byte> module, int sectionEnd, DecodeState state)
    {
        var count = section.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var bodyOffset = section.Offset;
            var sizeOffset = section.Offset;
            var size = section.ReadVarUInt32();
            if (size > (uint)section.Remaining)
            {
                WasmReader.Throw("length out of bounds", sizeOffset);
            }

            var bodyStart = section.Offset;
            var bodyEnd = bodyStart + (int)size;
            var body = new WasmReader(module.Slice(bodyStart, (int)size), bodyStart, SectionEnd);
            var declarationCount = body.ReadCount();
            var locals = ImmutableArray.CreateBuilder<LocalDeclaration>(declarationCount);
            ulong total = 0;
            for (var d = 0; d < declarationCount; d++)
            {
                var countOffset = body.Offset;
                var localCount = body.ReadVarUInt32();
                total += localCount;
                if (total > uint.MaxValue)
                {
                    WasmReader.Throw("too many locals", countOffset);
                }

                locals.Add(new LocalDeclaration(localCount, body.ReadValueType()));
            }

            var codeOffset = body.Offset;
            if (body.IsAtEnd)
            {
                WasmReader.Throw(SectionEnd, codeOffset);
            }

            // What running out of instructions before the final end means depends on what follows the body
            // (the reasons of the reference interpreter). The validator reports it when it decodes the body.
            var missingEndReason = bodyEnd == module.Length ? SectionEnd
                : bodyEnd == sectionEnd ? "section size mismatch"
                : "END opcode expected";
            state.Code.Add(new FunctionBody
            {
                Locals = locals.MoveToImmutable(),
                LocalCount = (uint)total,
                CodeOffset = codeOffset,
                CodeLength = bodyEnd - codeOffset,
                BodyOffset = bodyOffset,
                MissingEndReason = missingEndReason,
            });
            section.Skip((int)size);
        }
    }

    private static void ReadDataSection(ref WasmReader section, ReadOnlyMemory<byte> bytes, DecodeState state)
    {
        var module = bytes.Span;
        var count = section.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var flagsOffset = section.Offset;
            var flags = section.ReadVarUInt32();
            var mode = SegmentMode.Active;
            var memoryIndex = 0u;
            ConstantExpression offset = default;
            switch (flags)
            {
                case 0:
                    offset = ReadConstantExpression(ref section, module);
                    break;
                case 1:
                    mode = SegmentMode.Passive;
                    break;
                case 2:
                    memoryIndex = section.ReadVarUInt32();
                    offset = ReadConstantExpression(ref section, module);
                    break;
                default:
                    WasmReader.Throw("malformed data segment kind", flagsOffset);
                    break;
            }

            var lengthOffset = section.Offset;
            var length = section.ReadVarUInt32();
            if (length > (uint)section.Remaining)
            {
                WasmReader.Throw(SectionEnd, lengthOffset);
            }

            var dataOffset = section.Offset;
            section.Skip((int)length);
            state.Data.Add(new DataSegment
            {
                Mode = mode,
                MemoryIndex = memoryIndex,
                Offset = offset,
                Data = bytes.Slice(dataOffset, (int)length),
                DataOffset = dataOffset,
            });
        }
    }

    private static TableType ReadTableType(ref WasmReader section)
    {
        var elementType = section.ReadReferenceType();
        return new TableType(elementType, ReadLimits(ref section));
    }

    private static Limits ReadLimits(ref WasmReader section)
    {
        // The flags are a one-bit LEB128: a continuation bit makes it too long, other bits too large.
        var flagsOffset = section.Offset;
        var flags = section.ReadByte();
        if ((flags & 0x80) != 0)
        {
            WasmReader.Throw("integer representation too long", flagsOffset);
        }

        switch (flags)
        {
            case 0:
                return new Limits(section.ReadVarUInt32(), null);
            case 1:
                var minimum = section.ReadVarUInt32();
                return new Limits(minimum, section.ReadVarUInt32());
            default:
                WasmReader.Throw("integer too large", flagsOffset);
                return default;
        }
    }

    private static GlobalType ReadGlobalType(ref WasmReader section)
    {
        var type = section.ReadValueType();
        var mutabilityOffset = section.Offset;
        var mutability = section.ReadByte();
        if (mutability > 1)
        {
            WasmReader.Throw("malformed mutability", mutabilityOffset);
        }

        return new GlobalType(type, mutability == 1);
    }

    /// <summary>
    /// Reads a constant expression. The instructions are read from the rest of the module (not only the section),
    /// as the reference interpreter does, so a missing <c>end</c> reports the instruction actually found.
    /// </summary>
    private static ConstantExpression ReadConstantExpression(ref WasmReader section, ReadOnlySpan<byte> module)
    {
        var start = section.Offset;
        var decoder = new InstructionDecoder(module[start..], start);
        decoder.Read(out var first);
        var expression = new ConstantExpression { Offset = start };
        var count = 1;
        var depth = 0;
        var current = first;
        while (true)
        {
            if (current.Opcode is Opcode.Block or Opcode.Loop or Opcode.If)
            {
                depth++;
            }
            else if (current.Opcode == Opcode.End)
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }

            decoder.Read(out current);
            count++;
        }

        if (count == 2)
        {
            expression = first.Opcode switch
            {
                Opcode.I32Const => expression with { Kind = ConstantExpressionKind.I32Const, Bits = first.Bits },
                Opcode.I64Const => expression with { Kind = ConstantExpressionKind.I64Const, Bits = first.Bits },
                Opcode.F32Const => expression with { Kind = ConstantExpressionKind.F32Const, Bits = first.Bits },
                Opcode.F64Const => expression with { Kind = ConstantExpressionKind.F64Const, Bits = first.Bits },
                Opcode.V128Const => expression with { Kind = ConstantExpressionKind.V128Const, Bits = first.Bits, HighBits = first.HighBits },
                Opcode.RefNull => expression with { Kind = ConstantExpressionKind.RefNull, ReferenceType = first.ValueType },
                Opcode.RefFunc => expression with { Kind = ConstantExpressionKind.RefFunc, Index = first.Index },
                Opcode.GlobalGet => expression with { Kind = ConstantExpressionKind.GlobalGet, Index = first.Index },
                _ => expression,
            };
        }

        var length = decoder.Offset - start;
        section.Skip(length);
        return expression with { Length = length };
    }

    private sealed class DecodeState
    {
        public List<FunctionType> Types { get; } = [];

        public List<Import> Imports { get; } = [];

        public List<uint> Functions { get; } = [];

        public List<TableType> Tables { get; } = [];

        public List<MemoryType> Memories { get; } = [];

        public List<GlobalDefinition> Globals { get; } = [];

        public List<Export> Exports { get; } = [];

        public List<ElementSegment> Elements { get; } = [];

        public List<DataSegment> Data { get; } = [];

        public List<FunctionBody> Code { get; } = [];

        public List<CustomSection> Customs { get; } = [];

        public uint? Start { get; set; }

        public uint? DataCount { get; set; }

        public int ImportedFunctions { get; set; }

        public int ImportedTables { get; set; }

        public int ImportedMemories { get; set; }

        public int ImportedGlobals { get; set; }

        public WasmModule ToModule(ReadOnlyMemory<byte> bytes) => new()
        {
            Bytes = bytes,
            Types = [.. Types],
            Imports = [.. Imports],
            Functions = [.. Functions],
            Tables = [.. Tables],
            Memories = [.. Memories],
            Globals = [.. Globals],
            Exports = [.. Exports],
            StartFunction = Start,
            Elements = [.. Elements],
            Data = [.. Data],
            DataCount = DataCount,
            Code = [.. Code],
            CustomSections = [.. Customs],
            ImportedFunctionCount = ImportedFunctions,
            ImportedTableCount = ImportedTables,
            ImportedMemoryCount = ImportedMemories,
            ImportedGlobalCount = ImportedGlobals,
        };
    }
}
