// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics.CodeAnalysis;
using Lineage.Wasm.Instructions;
using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Validation;

/// <summary>
/// The validation context C of the specification: the flattened index spaces (functions, tables, memories, globals),
/// element types, the data count and C.refs (functions that may be referenced by <c>ref.func</c> in bodies).
/// </summary>
internal sealed class ModuleContext
{
    public ModuleContext(WasmModule module)
    {
        Module = module;
        FunctionTypes = new uint[module.TotalFunctionCount];
        TableTypes = new TableType[module.TotalTableCount];
        MemoryCount = module.TotalMemoryCount;
        GlobalTypes = new GlobalType[module.TotalGlobalCount];
        int function = 0, table = 0, global = 0;
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternalKind.Function:
                    FunctionTypes[function++] = import.FunctionTypeIndex;
                    break;
                case ExternalKind.Table:
                    TableTypes[table++] = import.Table;
                    break;
                case ExternalKind.Global:
                    GlobalTypes[global++] = import.Global;
                    break;
            }
        }

        foreach (var typeIndex in module.Functions)
        {
            FunctionTypes[function++] = typeIndex;
        }

        foreach (var tableType in module.Tables)
        {
            TableTypes[table++] = tableType;
        }

        foreach (var definition in module.Globals)
        {
            GlobalTypes[global++] = definition.Type;
        }

        DeclaredReferences = new bool[module.TotalFunctionCount];
    }

    public WasmModule Module { get; }

    public uint[] FunctionTypes { get; }

    public TableType[] TableTypes { get; }

    public int MemoryCount { get; }

    public GlobalType[] GlobalTypes { get; }

    /// <summary>C.refs: functions referenced outside function bodies (elements, exports, global initialisers).</summary>
    public bool[] DeclaredReferences { get; }

    public FunctionType GetFunctionType(uint functionIndex) => Module.Types[(int)FunctionTypes[functionIndex]];

    public void ValidateModuleFields()
    {
        var module = Module;
        var types = (uint)module.Types.Length;
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternalKind.Function when import.FunctionTypeIndex >= types:
                    Fail("unknown type", 0);
                    break;
                case ExternalKind.Table:
                    ValidateTableLimits(import.Table.Limits);
                    break;
                case ExternalKind.Memory:
                    ValidateMemoryLimits(import.Memory.Limits);
                    break;
            }
        }

        foreach (var typeIndex in module.Functions)
        {
            if (typeIndex >= types)
            {
                Fail("unknown type", 0);
            }
        }

        foreach (var table in module.Tables)
        {
            ValidateTableLimits(table.Limits);
        }

        foreach (var memory in module.Memories)
        {
            ValidateMemoryLimits(memory.Limits);
        }

        if (MemoryCount > 1)
        {
            Fail("multiple memories", 0);
        }

        CollectDeclaredReferences();

        // Constant expressions (global initialisers and segment offsets/items) only see the imported globals (C').
        var importedGlobals = (uint)module.ImportedGlobalCount;
        foreach (var global in module.Globals)
        {
            ValidateConstantExpression(global.Initializer, global.Type.ValueType, importedGlobals);
        }

        var exportNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var export in module.Exports)
        {
            var count = export.Kind switch
            {
                ExternalKind.Function => FunctionTypes.Length,
                ExternalKind.Table => TableTypes.Length,
                ExternalKind.Memory => MemoryCount,
                _ => GlobalTypes.Length,
            };
            if (export.Index >= (uint)count)
            {
                Fail(export.Kind switch
                {
                    ExternalKind.Function => "unknown function",
                    ExternalKind.Table => "unknown table",
                    ExternalKind.Memory => "unknown memory",
                    _ => "unknown global",
                }, 0);
            }

            if (!exportNames.Add(export.Name))
            {
                Fail("duplicate export name", 0);
            }
        }

        if (module.StartFunction is { } start)
        {
            if (start >= (uint)FunctionTypes.Length)
            {
                Fail("unknown function", 0);
            }

            var type = GetFunctionType(start);
            if (type.Parameters.Length != 0 || type.Results.Length != 0)
            {
                Fail("start function", 0);
            }
        }

        foreach (var segment in module.Elements)
        {
            if (segment.Mode == SegmentMode.Active)
            {
                if (segment.TableIndex >= (uint)TableTypes.Length)
                {
                    Fail("unknown table", segment.Offset.Offset);
                }

                ValidateConstantExpression(segment.Offset, ValueType.I32, importedGlobals);
                if (TableTypes[segment.TableIndex].ElementType != segment.ElementType)
                {
                    Fail("type mismatch", segment.Offset.Offset);
                }
            }

            if (segment.UsesExpressions)
            {
                foreach (var expression in segment.Expressions)
                {
                    ValidateConstantExpression(expression, segment.ElementType, importedGlobals);
                }
            }
            else
            {
                foreach (var function in segment.FunctionIndices)
                {
                    if (function >= (uint)FunctionTypes.Length)
                    {
                        Fail("unknown function", 0);
                    }
                }
            }
        }

        foreach (var segment in module.Data)
        {
            if (segment.Mode == SegmentMode.Active)
            {
                if (segment.MemoryIndex >= (uint)MemoryCount)
                {
                    Fail($"unknown memory {segment.MemoryIndex}", segment.Offset.Offset);
                }

                ValidateConstantExpression(segment.Offset, ValueType.I32, importedGlobals);
            }
        }
    }

    private void CollectDeclaredReferences()
    {
        var module = Module;
        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternalKind.Function && export.Index < (uint)DeclaredReferences.Length)
            {
                DeclaredReferences[export.Index] = true;
            }
        }

        foreach (var global in module.Globals)
        {
            Declare(global.Initializer);
        }

        foreach (var segment in module.Elements)
        {
            foreach (var function in segment.FunctionIndices)
            {
                if (function < (uint)DeclaredReferences.Length)
                {
                    DeclaredReferences[function] = true;
                }
            }

            foreach (var expression in segment.Expressions)
            {
                Declare(expression);
            }
        }
    }

    private void Declare(in ConstantExpression expression)
    {
        if (expression.Kind == ConstantExpressionKind.RefFunc && expression.Index < (uint)DeclaredReferences.Length)
        {
            DeclaredReferences[expression.Index] = true;
        }
        else if (expression.Kind == ConstantExpressionKind.Other)
        {
            // Any ref.func inside a longer expression also counts as a declaration.
            var decoder = new InstructionDecoder(Module.Bytes.Span.Slice(expression.Offset, expression.Length), expression.Offset);
            while (!decoder.IsAtEnd)
            {
                decoder.Read(out var instruction);
                if (instruction.Opcode == Opcode.RefFunc && instruction.Index < (uint)DeclaredReferences.Length)
                {
                    DeclaredReferences[instruction.Index] = true;
                }
            }
        }
    }

    /// <summary>
    /// Checks a constant expression: only constant instructions (t.const, ref.null, ref.func, global.get of an
    /// immutable global among the first <paramref name="visibleGlobals"/>), producing exactly one <paramref name="expected"/>.
    /// </summary>
    private void ValidateConstantExpression(in ConstantExpression expression, ValueType expected, uint visibleGlobals)
    {
        var decoder = new InstructionDecoder(Module.Bytes.Span.Slice(expression.Offset, expression.Length), expression.Offset);
        Span<ValueType> stack = stackalloc ValueType[4];
        var depth = 0;
        var overflow = false;
        while (true)
        {
            decoder.Read(out var instruction);
            ValueType pushed;
            switch (instruction.Opcode)
            {
                case Opcode.End:
                    if (overflow || depth != 1 || stack[0] != expected)
                    {
                        Fail("type mismatch", instruction.Offset);
                    }

                    return;
                case Opcode.I32Const:
                    pushed = ValueType.I32;
                    break;
                case Opcode.I64Const:
                    pushed = ValueType.I64;
                    break;
                case Opcode.F32Const:
                    pushed = ValueType.F32;
                    break;
                case Opcode.F64Const:
                    pushed = ValueType.F64;
                    break;
                case Opcode.V128Const:
                    pushed = ValueType.V128;
                    break;
                case Opcode.RefNull:
                    pushed = instruction.ValueType;
                    break;
                case Opcode.RefFunc:
                    if (instruction.Index >= (uint)FunctionTypes.Length)
                    {
                        Fail($"unknown function {instruction.Index}", instruction.Offset);
                    }

                    pushed = ValueType.FuncRef;
                    break;
                case Opcode.GlobalGet:
                    if (instruction.Index >= visibleGlobals)
                    {
                        Fail($"unknown global {instruction.Index}", instruction.Offset);
                    }

                    if (GlobalTypes[instruction.Index].Mutable)
                    {
                        Fail("constant expression required", instruction.Offset);
                    }

                    pushed = GlobalTypes[instruction.Index].ValueType;
                    break;
                default:
                    Fail("constant expression required", instruction.Offset);
                    return;
            }

            if (depth < stack.Length)
            {
                stack[depth] = pushed;
            }
            else
            {
                overflow = true;
            }

            depth++;
        }
    }

    private static void ValidateTableLimits(Limits limits)
    {
        if (limits.Maximum is { } maximum && limits.Minimum > maximum)
        {
            Fail("size minimum must not be greater than maximum", 0);
        }
    }

    private static void ValidateMemoryLimits(Limits limits)
    {
        if (limits.Minimum > MemoryType.MaximumPages || limits.Maximum > MemoryType.MaximumPages)
        {
            Fail("memory size must be at most 65536 pages (4GiB)", 0);
        }

        if (limits.Maximum is { } maximum && limits.Minimum > maximum)
        {
            Fail("size minimum must not be greater than maximum", 0);
        }
    }

    [DoesNotReturn]
    private static void Fail(string reason, long offset) => throw new WasmValidationException(reason, null, offset);
}
