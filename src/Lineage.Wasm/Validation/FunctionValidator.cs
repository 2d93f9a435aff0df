// SPDX-License-Identifier: Apache-2.0

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Lineage.Wasm.Binary;
using Lineage.Wasm.Instructions;
using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Validation;

/// <summary>
/// Validates function bodies with the algorithm of the specification's appendix: an operand stack whose bottom type
/// <see cref="Unknown"/> makes the stack polymorphic after <c>unreachable</c>, <c>br</c>, <c>br_table</c> and
/// <c>return</c>, and a stack of control frames. The stacks are reused across functions, so validating a body
/// allocates nothing.
/// </summary>
internal sealed class FunctionValidator
{
    /// <summary>The bottom type of the algorithm: matches every type.</summary>
    private const ValueType Unknown = 0;

    /// <summary>Implementation limit on the locals of one function (the binary format allows up to 2^32 - 1).</summary>
    private const int MaximumLocals = 1 << 20;

    private static readonly ImmutableArray<ValueType>[] s_singleTypes = CreateSingleTypes();

    private readonly ModuleContext _context;
    private readonly WasmModule _module;
    private ValueType[] _values = new ValueType[64];
    private int _valueCount;
    private ControlFrame[] _frames = new ControlFrame[16];
    private int _frameCount;
    private ValueType[] _locals = new ValueType[64];
    private int _localCount;
    private ValueType[] _scratch = new ValueType[16];
    private uint _functionIndex;
    private int _offset;

    public FunctionValidator(ModuleContext context)
    {
        _context = context;
        _module = context.Module;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(uint functionIndex, FunctionBody body)
    {
        _functionIndex = functionIndex;
        _offset = body.CodeOffset;
        var type = _context.GetFunctionType(functionIndex);
        SetUpLocals(type, body);
        _valueCount = 0;
        _frameCount = 0;
        PushControl(Opcode.Block, [], type.Results);
        var decoder = new InstructionDecoder(_module.Bytes.Span.Slice(body.CodeOffset, body.CodeLength), body.CodeOffset, body.MissingEndReason);
        while (_frameCount > 0)
        {
            decoder.Read(out var instruction);
            _offset = instruction.Offset;
            Step(ref decoder, in instruction, type);
        }

        if (!decoder.IsAtEnd)
        {
            throw new WasmFormatException("END opcode expected", decoder.Offset);
        }
    }

    private void SetUpLocals(FunctionType type, FunctionBody body)
    {
        var total = (long)type.Parameters.Length + body.LocalCount;
        if (total > MaximumLocals)
        {
            Fail("too many locals");
        }

        if (_locals.Length < total)
        {
            _locals = new ValueType[Math.Max(total, _locals.Length * 2)];
        }

        var index = 0;
        foreach (var parameter in type.Parameters)
        {
            _locals[index++] = parameter;
        }

        foreach (var declaration in body.Locals)
        {
            _locals.AsSpan(index, (int)declaration.Count).Fill(declaration.Type);
            index += (int)declaration.Count;
        }

        _localCount = index;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step(ref InstructionDecoder decoder, in Instruction instruction, FunctionType functionType)
    {
        var info = instruction.Info!;
        var signature = info.Signature;
        if (signature.IsDefined)
        {
            switch (info.Immediates)
            {
                case ImmediateKind.MemArg:
                    CheckMemory();
                    CheckAlignment(instruction, info);
                    break;
                case ImmediateKind.MemArgLane:
                    CheckMemory();
                    CheckAlignment(instruction, info);
                    CheckLane(instruction.Lane, info.LaneCount);
                    break;
                case ImmediateKind.Lane:
                    CheckLane(instruction.Lane, info.LaneCount);
                    break;
                case ImmediateKind.Shuffle:
                    CheckShuffle(instruction);
                    break;
            }

            ApplySignature(signature);
            return;
        }

        switch (instruction.Opcode)
        {
            case Opcode.Unreachable:
                MarkUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block:
            case Opcode.Loop:
            {
                var (parameters, results) = GetBlockType(instruction.BlockType);
                PopValues(parameters);
                PushControl(instruction.Opcode, parameters, results);
                break;
            }

            case Opcode.If:
            {
                var (parameters, results) = GetBlockType(instruction.BlockType);
                PopValue(ValueType.I32);
                PopValues(parameters);
                PushControl(Opcode.If, parameters, results);
                break;
            }

            case Opcode.Else:
            {
                if (_frames[_frameCount - 1].Opcode != Opcode.If)
                {
                    Fail("else without if");
                }

                var frame = PopControl();
                PushControl(Opcode.Else, frame.StartTypes, frame.EndTypes);
                break;
            }

            case Opcode.End:
            {
                var frame = PopControl();
                if (frame.Opcode == Opcode.If && !frame.StartTypes.AsSpan().SequenceEqual(frame.EndTypes.AsSpan()))
                {
                    Fail("type mismatch");
                }

                PushValues(frame.EndTypes);
                break;
            }

            case Opcode.Br:
            {
                PopValues(GetLabel(instruction.Index).LabelTypes);
                MarkUnreachable();
                break;
            }

            case Opcode.BrIf:
            {
                var labelTypes = GetLabel(instruction.Index).LabelTypes;
                PopValue(ValueType.I32);
                PopValues(labelTypes);
                PushValues(labelTypes);
                break;
            }

            case Opcode.BrTable:
                ValidateBranchTable(ref decoder, instruction);
                break;
            case Opcode.Return:
                PopValues(functionType.Results);
                MarkUnreachable();
                break;
            case Opcode.Call:
            {
                if (instruction.Index >= (uint)_context.FunctionTypes.Length)
                {
                    Fail($"unknown function {instruction.Index}");
                }

                var callee = _context.GetFunctionType(instruction.Index);
                PopValues(callee.Parameters);
                PushValues(callee.Results);
                break;
            }

            case Opcode.CallIndirect:
            {
                var table = GetTable(instruction.SecondIndex);
                if (table.ElementType != ValueType.FuncRef)
                {
                    Fail("type mismatch");
                }

                if (instruction.Index >= (uint)_module.Types.Length)
                {
                    Fail($"unknown type {instruction.Index}");
                }

                var callee = _module.Types[(int)instruction.Index];
                PopValue(ValueType.I32);
                PopValues(callee.Parameters);
                PushValues(callee.Results);
                break;
            }

            case Opcode.Drop:
                PopValue();
                break;
            case Opcode.Select:
            {
                PopValue(ValueType.I32);
                var first = PopValue();
                var second = PopValue();
                var bothNumeric = IsNumericOrUnknown(first) && IsNumericOrUnknown(second);
                var bothVector = IsVectorOrUnknown(first) && IsVectorOrUnknown(second);
                if (!bothNumeric && !bothVector)
                {
                    Fail("type mismatch");
                }

                if (first != second && first != Unknown && second != Unknown)
                {
                    Fail("type mismatch");
                }

                PushValue(first == Unknown ? second : first);
                break;
            }

            case Opcode.SelectTyped:
            {
                if (instruction.Index != 1)
                {
                    Fail("invalid result arity");
                }

                var type = instruction.ValueType;
                PopValue(ValueType.I32);
                PopValue(type);
                PopValue(type);
                PushValue(type);
                break;
            }

            case Opcode.LocalGet:
                PushValue(GetLocal(instruction.Index));
                break;
            case Opcode.LocalSet:
                PopValue(GetLocal(instruction.Index));
                break;
            case Opcode.LocalTee:
            {
                var type = GetLocal(instruction.Index);
                PopValue(type);
                PushValue(type);
                break;
            }

            case Opcode.GlobalGet:
                PushValue(GetGlobal(instruction.Index).ValueType);
                break;
            case Opcode.GlobalSet:
            {
                var global = GetGlobal(instruction.Index);
                if (!global.Mutable)
                {
                    Fail("global is immutable");
                }

                PopValue(global.ValueType);
                break;
            }

            case Opcode.TableGet:
            {
                var table = GetTable(instruction.Index);
                PopValue(ValueType.I32);
                PushValue(table.ElementType);
                break;
            }

            case Opcode.TableSet:
            {
                var table = GetTable(instruction.Index);
                PopValue(table.ElementType);
                PopValue(ValueType.I32);
                break;
            }

            case Opcode.MemorySize:
                CheckMemory();
                PushValue(ValueType.I32);
                break;
            case Opcode.MemoryGrow:
                CheckMemory();
                PopValue(ValueType.I32);
                PushValue(ValueType.I32);
                break;
            case Opcode.RefNull:
                PushValue(instruction.ValueType);
                break;
            case Opcode.RefIsNull:
            {
                var type = PopValue();
                if (type != Unknown && !ValueTypes.IsReference(type))
                {
                    Fail("type mismatch");
                }

                PushValue(ValueType.I32);
                break;
            }

            case Opcode.RefFunc:
                if (instruction.Index >= (uint)_context.FunctionTypes.Length)
                {
                    Fail($"unknown function {instruction.Index}");
                }

                if (!_context.DeclaredReferences[instruction.Index])
                {
                    Fail("undeclared function reference");
                }

                PushValue(ValueType.FuncRef);
                break;
            case Opcode.MemoryInit:
                CheckMemory();
                CheckDataIndex(instruction.Index);
                PopValue(ValueType.I32);
                PopValue(ValueType.I32);
                PopValue(ValueType.I32);
                break;
            case Opcode.DataDrop:
                CheckDataIndex(instruction.Index);
                break;
            case Opcode.MemoryCopy:
            case Opcode.MemoryFill:
                CheckMemory();
                PopValue(ValueType.I32);
                PopValue(ValueType.I32);
                PopValue(ValueType.I32);
                break;
            case Opcode.TableInit:
            {
                var table = GetTable(instruction.SecondIndex);
                var element = GetElementType(instruction.Index);
                if (table.ElementType != element)
                {
                    Fail("type mismatch");
                }

                PopValue(ValueType.I32);
                PopValue(ValueType.I32);
                PopValue(ValueType.I32);
                break;
            }

            case Opcode.ElemDrop:
                GetElementType(instruction.Index);
                break;
            case Opcode.TableCopy:
            {
                var destination = GetTable(instruction.Index);
                var source = GetTable(instruction.SecondIndex);
                if (destination.ElementType != source.ElementType)
                {
                    Fail("type mismatch");
                }

                PopValue(ValueType.I32);
                PopValue(ValueType.I32);
                PopValue(ValueType.I32);
                break;
            }

            case Opcode.TableGrow:
            {
                var table = GetTable(instruction.Index);
                PopValue(ValueType.I32);
                PopValue(table.ElementType);
                PushValue(ValueType.I32);
                break;
            }

            case Opcode.TableSize:
                GetTable(instruction.Index);
                PushValue(ValueType.I32);
                break;
            case Opcode.TableFill:
            {
                var table = GetTable(instruction.Index);
                PopValue(ValueType.I32);
                PopValue(table.ElementType);
                PopValue(ValueType.I32);
                break;
            }

            default:
                throw new WasmFormatException("illegal opcode", instruction.Offset);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ValidateBranchTable(ref InstructionDecoder decoder, in Instruction instruction)
    {
        PopValue(ValueType.I32);
        var defaultTypes = GetLabel(instruction.SecondIndex).LabelTypes;
        var arity = defaultTypes.Length;
        var targets = decoder.GetBranchTable(in instruction);
        while (targets.Remaining > 0)
        {
            var labelTypes = GetLabel(targets.ReadNext()).LabelTypes;
            if (labelTypes.Length != arity)
            {
                Fail("type mismatch");
            }

            // Pop the label's types, then push back what was actually popped (Unknown stays Unknown).
            if (_scratch.Length < arity)
            {
                _scratch = new ValueType[arity * 2];
            }

            for (var i = arity - 1; i >= 0; i--)
            {
                _scratch[i] = PopValue(labelTypes[i]);
            }

            for (var i = 0; i < arity; i++)
            {
                PushValue(_scratch[i]);
            }
        }

        PopValues(defaultTypes);
        MarkUnreachable();
    }

    private (ImmutableArray<ValueType> Parameters, ImmutableArray<ValueType> Results) GetBlockType(BlockType blockType)
    {
        if (blockType.IsEmpty)
        {
            return ([], []);
        }

        if (blockType.IsValueType)
        {
            return ([], s_singleTypes[(byte)blockType.ValueType]);
        }

        if (blockType.TypeIndex >= (uint)_module.Types.Length)
        {
            Fail("unknown type");
        }

        var type = _module.Types[(int)blockType.TypeIndex];
        return (type.Parameters, type.Results);
    }

    private ref ControlFrame GetLabel(uint depth)
    {
        if (depth >= (uint)_frameCount)
        {
            Fail("unknown label");
        }

        return ref _frames[_frameCount - 1 - (int)depth];
    }

    private ValueType GetLocal(uint index)
    {
        if (index >= (uint)_localCount)
        {
            Fail($"unknown local {index}");
        }

        return _locals[index];
    }

    private GlobalType GetGlobal(uint index)
    {
        if (index >= (uint)_context.GlobalTypes.Length)
        {
            Fail($"unknown global {index}");
        }

        return _context.GlobalTypes[index];
    }

    private TableType GetTable(uint index)
    {
        if (index >= (uint)_context.TableTypes.Length)
        {
            Fail($"unknown table {index}");
        }

        return _context.TableTypes[index];
    }

    private ValueType GetElementType(uint index)
    {
        if (index >= (uint)_module.Elements.Length)
        {
            Fail($"unknown elem segment {index}");
        }

        return _module.Elements[(int)index].ElementType;
    }

    private void CheckMemory()
    {
        if (_context.MemoryCount == 0)
        {
            Fail("unknown memory 0");
        }
    }

    private void CheckDataIndex(uint index)
    {
        if (_module.DataCount is not { } count)
        {
            // Without a data section there is nothing to refer to: the index is simply unknown (what wabt and the
            // spec tests expect); with data segments but no count section the binary is malformed.
            if (_module.Data.Length == 0)
            {
                Fail($"unknown data segment {index}");
            }

            throw new WasmFormatException("data count section required", _offset);
        }

        if (index >= count)
        {
            Fail($"unknown data segment {index}");
        }
    }

    private void CheckAlignment(in Instruction instruction, OpcodeInfo info)
    {
        if (instruction.Alignment > info.NaturalAlignment)
        {
            Fail("alignment must not be larger than natural");
        }
    }

    private void CheckLane(byte lane, byte laneCount)
    {
        if (lane >= laneCount)
        {
            Fail("invalid lane index");
        }
    }

    private void CheckShuffle(in Instruction instruction)
    {
        var low = instruction.Bits;
        var high = instruction.HighBits;
        for (var i = 0; i < 8; i++)
        {
            if ((byte)(low >> (i * 8)) >= 32 || (byte)(high >> (i * 8)) >= 32)
            {
                Fail("invalid lane index");
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ApplySignature(in OperandSignature signature)
    {
        switch (signature.PopCount)
        {
            case 1:
                PopValue(signature.First);
                break;
            case 2:
                PopValue(signature.Second);
                PopValue(signature.First);
                break;
            case 3:
                PopValue(signature.Third);
                PopValue(signature.Second);
                PopValue(signature.First);
                break;
        }

        if (signature.Pushes)
        {
            PushValue(signature.Push);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PushValue(ValueType type)
    {
        if (_valueCount == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }

        _values[_valueCount++] = type;
    }

    private void PushValues(ImmutableArray<ValueType> types)
    {
        foreach (var type in types)
        {
            PushValue(type);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValueType PopValue()
    {
        ref var frame = ref _frames[_frameCount - 1];
        if (_valueCount == frame.Height)
        {
            if (frame.Unreachable)
            {
                return Unknown;
            }

            Fail("type mismatch");
        }

        return _values[--_valueCount];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValueType PopValue(ValueType expected)
    {
        var actual = PopValue();
        if (actual != expected && actual != Unknown && expected != Unknown)
        {
            Fail("type mismatch");
        }

        return actual;
    }

    private void PopValues(ImmutableArray<ValueType> types)
    {
        for (var i = types.Length - 1; i >= 0; i--)
        {
            PopValue(types[i]);
        }
    }

    private void PushControl(Opcode opcode, ImmutableArray<ValueType> startTypes, ImmutableArray<ValueType> endTypes)
    {
        if (_frameCount == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_frameCount++] = new ControlFrame
        {
            Opcode = opcode,
            StartTypes = startTypes,
            EndTypes = endTypes,
            Height = _valueCount,
            Unreachable = false,
        };
        PushValues(startTypes);
    }

    private ControlFrame PopControl()
    {
        var frame = _frames[_frameCount - 1];
        PopValues(frame.EndTypes);
        if (_valueCount != frame.Height)
        {
            Fail("type mismatch");
        }

        _frameCount--;
        return frame;
    }

    private void MarkUnreachable()
    {
        ref var frame = ref _frames[_frameCount - 1];
        _valueCount = frame.Height;
        frame.Unreachable = true;
    }

    private static bool IsNumericOrUnknown(ValueType type) => type == Unknown || ValueTypes.IsNumeric(type);

    private static bool IsVectorOrUnknown(ValueType type) => type is Unknown or ValueType.V128;

    private static ImmutableArray<ValueType>[] CreateSingleTypes()
    {
        var types = new ImmutableArray<ValueType>[256];
        foreach (var type in new[] { ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64, ValueType.V128, ValueType.FuncRef, ValueType.ExternRef })
        {
            types[(byte)type] = [type];
        }

        return types;
    }

    [DoesNotReturn]
    private void Fail(string reason) => throw new WasmValidationException(reason, _functionIndex, _offset);
}
