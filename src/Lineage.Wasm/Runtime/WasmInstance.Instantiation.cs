// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Runtime;

/// <summary>Instantiation (WebAssembly 2.0 §4.5.4): linking, definitions, segment initialisation, start.</summary>
public sealed unsafe partial class WasmInstance
{
    /// <summary>Links and initialises an instance of <paramref name="module"/>; runs on the guest thread.</summary>
    internal static WasmInstance Create(WasmStore store, WasmModule module, WasmImports imports)
    {
        store.Validation.Validate(module);
        var instance = new WasmInstance(store, module);
        instance.Link(imports);
        instance.Define();
        instance.InitializeSegments();
        if (module.StartFunction is { } start)
        {
            var function = instance.Functions[start];
            WasmStore.TranslateFaults(function, static (f, _) =>
            {
                ((delegate*<object, void>)f.EnsureCode())(f.Context);
                return 0;
            }, 0);
        }

        return instance;
    }

    private static bool LimitsMatch(Limits provided, Limits required) =>
        provided.Minimum >= required.Minimum
        && (required.Maximum is not { } max || (provided.Maximum is { } providedMax && providedMax <= max));

    private void Link(WasmImports imports)
    {
        int functions = 0, tables = 0, memories = 0, globals = 0;
        foreach (var import in Module.Imports)
        {
            if (!imports.TryResolve(import.ModuleName, import.Name, out var external) || external is null)
            {
                throw new WasmLinkException($"unknown import: {import.ModuleName}.{import.Name}");
            }

            switch (import.Kind)
            {
                case ExternalKind.Function:
                    var expected = Module.Types[(int)import.FunctionTypeIndex];
                    if (external is not WasmFunction function || !function.Type.Equals(expected))
                    {
                        throw Incompatible(import, external);
                    }

                    Functions[functions] = function;
                    CodeTable[functions] = 0;
                    functions++;
                    break;
                case ExternalKind.Table:
                    if (external is not WasmTable table || table.ElementType != import.Table.ElementType
                        || !LimitsMatch(table.CurrentType.Limits, import.Table.Limits))
                    {
                        throw Incompatible(import, external);
                    }

                    Tables[tables++] = table;
                    break;
                case ExternalKind.Memory:
                    if (external is not WasmMemory memory || !LimitsMatch(memory.CurrentType.Limits, import.Memory.Limits))
                    {
                        throw Incompatible(import, external);
                    }

                    Memories[memories++] = memory;
                    break;
                case ExternalKind.Global:
                    if (external is not WasmGlobal global || global.Type != import.Global)
                    {
                        throw Incompatible(import, external);
                    }

                    Globals[globals++] = global;
                    break;
                default:
                    throw new WasmLinkException($"unsupported import kind {import.Kind}");
            }
        }
    }

    private static WasmLinkException Incompatible(Import import, object external) =>
        new($"incompatible import type: {import.ModuleName}.{import.Name} ({import.Kind}) is given a {external.GetType().Name}");

    private void Define()
    {
        var options = Store.Options;
        for (var i = 0; i < Module.Functions.Length; i++)
        {
            var index = Module.ImportedFunctionCount + i;
            Functions[index] = new WasmFunction(Types[(int)Module.Functions[i]], this, index);
        }

        for (var i = 0; i < Module.Tables.Length; i++)
        {
            Tables[Module.ImportedTableCount + i] = new WasmTable(Module.Tables[i], null, options.TableElementLimit);
        }

        for (var i = 0; i < Module.Memories.Length; i++)
        {
            Memories[Module.ImportedMemoryCount + i] = new WasmMemory(Module.Memories[i], options.MemoryPageLimit);
        }

        for (var i = 0; i < Module.Globals.Length; i++)
        {
            var definition = Module.Globals[i];
            Globals[Module.ImportedGlobalCount + i] = new WasmGlobal(definition.Type, Evaluate(definition.Initializer, definition.Type.ValueType));
        }

        foreach (var export in Module.Exports)
        {
            _exports[export.Name] = export.Kind switch
            {
                ExternalKind.Function => Functions[export.Index],
                ExternalKind.Table => Tables[export.Index],
                ExternalKind.Memory => Memories[export.Index],
                _ => Globals[export.Index],
            };
        }

        for (var i = 0; i < Module.Data.Length; i++)
        {
            DataSegments[i] = Module.Data[i].Data;
        }

        for (var i = 0; i < Module.Elements.Length; i++)
        {
            var segment = Module.Elements[i];
            var items = new object?[segment.Count];
            for (var j = 0; j < items.Length; j++)
            {
                items[j] = segment.UsesExpressions
                    ? Evaluate(segment.Expressions[j], segment.ElementType).Reference
                    : Functions[segment.FunctionIndices[j]];
            }

            ElementSegments[i] = items;
        }
    }

    private void InitializeSegments()
    {
        for (var i = 0; i < Module.Elements.Length; i++)
        {
            var segment = Module.Elements[i];
            if (segment.Mode == SegmentMode.Active)
            {
                var offset = (uint)Evaluate(segment.Offset, ValueType.I32).I32;
                var items = ElementSegments[i];
                var table = Tables[segment.TableIndex];
                if ((ulong)offset + (ulong)items.Length > table.Size)
                {
                    throw new WasmTrapException(TrapCode.TableOutOfBounds);
                }

                Array.Copy(items, 0, table.Elements, offset, items.Length);
            }

            if (segment.Mode != SegmentMode.Passive)
            {
                ElementSegments[i] = [];
            }
        }

        for (var i = 0; i < Module.Data.Length; i++)
        {
            var segment = Module.Data[i];
            if (segment.Mode != SegmentMode.Active)
            {
                continue;
            }

            var offset = (uint)Evaluate(segment.Offset, ValueType.I32).I32;
            var memory = Memories[segment.MemoryIndex];
            var data = segment.Data.Span;
            if ((ulong)offset + (ulong)data.Length > memory.ByteLength)
            {
                throw new WasmTrapException(TrapCode.MemoryOutOfBounds);
            }

            data.CopyTo(new Span<byte>(memory.BasePointer + offset, data.Length));
            DataSegments[i] = ReadOnlyMemory<byte>.Empty;
        }
    }

    private WasmValue Evaluate(ConstantExpression expression, ValueType type) => expression.Kind switch
    {
        ConstantExpressionKind.I32Const => WasmValue.FromI32((int)expression.Bits),
        ConstantExpressionKind.I64Const => WasmValue.FromI64((long)expression.Bits),
        ConstantExpressionKind.F32Const => WasmValue.FromF32Bits((uint)expression.Bits),
        ConstantExpressionKind.F64Const => WasmValue.FromF64Bits(expression.Bits),
        ConstantExpressionKind.V128Const => WasmValue.FromV128(expression.Bits, expression.HighBits),
        ConstantExpressionKind.RefNull => WasmValue.Default(expression.ReferenceType),
        ConstantExpressionKind.RefFunc => WasmValue.FromFuncRef(Functions[expression.Index]),
        ConstantExpressionKind.GlobalGet => Globals[expression.Index].Value,
        _ => throw new WasmLinkException($"unsupported constant expression for a {ValueTypes.Name(type)}"),
    };
}
