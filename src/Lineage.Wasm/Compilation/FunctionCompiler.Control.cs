// SPDX-License-Identifier: Apache-2.0

using System.Reflection.Emit;
using Lineage.Wasm.Instructions;
using Lineage.Wasm.Runtime;
using Lineage.Wasm.Model;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Structured control flow. Labels hold [outer values, branch values] on the IL stack; a branch that must discard
/// values between them spills the branch values to temporaries first. Code after an unconditional transfer is
/// skipped until the end of its block.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private bool EmitControl(ref InstructionDecoder decoder, in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.Unreachable:
                EmitTrap(TrapCode.Unreachable);
                _unreachable = true;
                return true;
            case Opcode.Nop:
                return true;
            case Opcode.Block:
            case Opcode.Loop:
            case Opcode.If:
                EnterBlock(instruction);
                return true;
            case Opcode.Else:
                EmitElse();
                return true;
            case Opcode.End:
                EmitEnd(reachable: true);
                return true;
            case Opcode.Br:
                EmitBranch((int)instruction.Index, conditional: false);
                return true;
            case Opcode.BrIf:
                Pop(ValueType.I32);
                EmitBranch((int)instruction.Index, conditional: true);
                return true;
            case Opcode.BrTable:
                EmitBranchTable(ref decoder, instruction);
                return true;
            case Opcode.Return:
                EmitBranch(_frames.Count - 1, conditional: false);
                return true;
            case Opcode.Call:
                EmitCall((int)instruction.Index);
                return true;
            case Opcode.CallIndirect:
                EmitCallIndirect((int)instruction.Index, (int)instruction.SecondIndex);
                return true;
            case Opcode.Drop:
                PopAny();
                _il.Emit(OpCodes.Pop);
                return true;
            case Opcode.Select:
            case Opcode.SelectTyped:
                EmitSelect();
                return true;
            default:
                return false;
        }
    }

    private (ValueType[] Parameters, ValueType[] Results) BlockSignature(BlockType blockType)
    {
        if (blockType.IsEmpty)
        {
            return ([], []);
        }

        if (blockType.IsValueType)
        {
            return ([], [blockType.ValueType]);
        }

        var type = _module.Types[(int)blockType.TypeIndex];
        return ([.. type.Parameters], [.. type.Results]);
    }

    private void EnterBlock(in Instruction instruction)
    {
        var (parameters, results) = BlockSignature(instruction.BlockType);
        Label elseLabel = default;
        if (instruction.Opcode == Opcode.If)
        {
            Pop(ValueType.I32);
            elseLabel = _il.DefineLabel();
            _il.Emit(OpCodes.Brfalse, elseLabel);
        }

        CheckTop(parameters);
        var kind = instruction.Opcode switch
        {
            Opcode.Loop => ControlKind.Loop,
            Opcode.If => ControlKind.If,
            _ => ControlKind.Block,
        };
        var frame = new ControlFrame
        {
            Kind = kind,
            Target = _il.DefineLabel(),
            Else = elseLabel,
            Parameters = parameters,
            Results = results,
            Height = _stack.Count - parameters.Length,
        };
        _frames.Add(frame);
        if (kind == ControlKind.Loop)
        {
            _il.MarkLabel(frame.Target);
            EmitExecutionChecks(instruction.Offset);
        }
    }

    /// <summary>Checks that the top of the stack holds <paramref name="types"/> (last type on top).</summary>
    private void CheckTop(ValueType[] types)
    {
        for (var i = 0; i < types.Length; i++)
        {
            var actual = _stack.Peek(types.Length - 1 - i);
            if (actual != types[i])
            {
                throw Fail($"type mismatch at block boundary: expected {ValueTypes.Name(types[i])}");
            }
        }
    }

    private void ResetStack(ControlFrame frame, ValueType[] top)
    {
        _stack.Truncate(frame.Height);
        foreach (var type in top)
        {
            Push(type);
        }
    }

    private void EmitElse()
    {
        var frame = _frames[^1];
        if (frame.Kind != ControlKind.If || frame.HasElse)
        {
            throw Fail("else without if");
        }

        if (!_unreachable)
        {
            CheckExactly(frame, frame.Results);
            _il.Emit(OpCodes.Br, frame.Target);
            frame.Branched = true;
        }

        frame.HasElse = true;
        _il.MarkLabel(frame.Else);
        ResetStack(frame, frame.Parameters);
        _unreachable = false;
    }

    private void CheckExactly(ControlFrame frame, ValueType[] types)
    {
        if (_stack.Count != frame.Height + types.Length)
        {
            throw Fail($"operand stack height {_stack.Count - frame.Height} at block end, expected {types.Length}");
        }

        CheckTop(types);
    }

    private void EmitEnd(bool reachable)
    {
        var frame = _frames[^1];
        if (reachable)
        {
            CheckExactly(frame, frame.Results);
        }

        _frames.RemoveAt(_frames.Count - 1);
        var continues = reachable;
        if (frame.Kind == ControlKind.If && !frame.HasElse)
        {
            // The false path arrives here with the parameters, which equal the results for an if without else.
            _il.MarkLabel(frame.Else);
            continues = true;
        }

        if (frame.Kind != ControlKind.Loop && frame.Branched)
        {
            _il.MarkLabel(frame.Target);
            continues = true;
        }

        ResetStack(frame, frame.Results);
        _unreachable = !continues;
        if (frame.Kind == ControlKind.Function)
        {
            if (continues)
            {
                EmitReturnSequence();
            }

            _unreachable = false;
        }
    }

    private void EmitReturnSequence()
    {
        if (_type.Results.Length > 1)
        {
            CodeSignature.EmitPack(_il, _type.Results.AsSpan(), _il.DeclareLocal);
        }

        _il.Emit(OpCodes.Ret);
    }

    private void SkipUnreachable(in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.Block:
            case Opcode.Loop:
            case Opcode.If:
                _unreachableDepth++;
                break;
            case Opcode.Else:
                if (_unreachableDepth == 0)
                {
                    EmitElse();
                }

                break;
            case Opcode.End:
                if (_unreachableDepth == 0)
                {
                    EmitEnd(reachable: false);
                }
                else
                {
                    _unreachableDepth--;
                }

                break;
        }
    }

    private void EmitBranch(int depth, bool conditional)
    {
        var frame = _frames[_frames.Count - 1 - depth];
        var types = frame.BranchTypes;
        var junk = _stack.Count - frame.Height - types.Length;
        if (junk < 0)
        {
            throw Fail("operand stack underflow at branch");
        }

        CheckTop(types);
        if (frame.Kind != ControlKind.Loop)
        {
            frame.Branched = true;
        }

        if (junk == 0)
        {
            _il.Emit(conditional ? OpCodes.Brtrue : OpCodes.Br, frame.Target);
        }
        else
        {
            var skip = default(Label);
            if (conditional)
            {
                skip = _il.DefineLabel();
                _il.Emit(OpCodes.Brfalse, skip);
            }

            EmitDiscardingBranch(frame, junk);
            if (conditional)
            {
                _il.MarkLabel(skip);
            }
        }

        if (!conditional)
        {
            _unreachable = true;
        }
    }

    /// <summary>Keeps the branch values, drops the <paramref name="junk"/> values under them, jumps.</summary>
    private void EmitDiscardingBranch(ControlFrame frame, int junk)
    {
        var types = frame.BranchTypes;
        var temps = new LocalBuilder[types.Length];
        for (var i = types.Length - 1; i >= 0; i--)
        {
            temps[i] = RentTemp(WasmValueTypes.ClrType(types[i]));
            _il.Emit(OpCodes.Stloc, temps[i]);
        }

        for (var i = 0; i < junk; i++)
        {
            _il.Emit(OpCodes.Pop);
        }

        foreach (var temp in temps)
        {
            _il.Emit(OpCodes.Ldloc, temp);
            ReturnTemp(temp);
        }

        _il.Emit(OpCodes.Br, frame.Target);
    }

    private void EmitBranchTable(ref InstructionDecoder decoder, in Instruction instruction)
    {
        Pop(ValueType.I32);
        var reader = decoder.GetBranchTable(instruction);
        var count = (int)instruction.Index;
        var depths = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            depths[i] = (int)reader.ReadNext();
        }

        depths[count] = (int)instruction.SecondIndex;
        var trampolines = new Dictionary<int, Label>();
        var labels = new Label[count + 1];
        for (var i = 0; i <= count; i++)
        {
            var depth = depths[i];
            var frame = _frames[_frames.Count - 1 - depth];
            var types = frame.BranchTypes;
            var junk = _stack.Count - frame.Height - types.Length;
            if (junk < 0)
            {
                throw Fail("operand stack underflow at br_table");
            }

            CheckTop(types);
            if (frame.Kind != ControlKind.Loop)
            {
                frame.Branched = true;
            }

            if (junk == 0)
            {
                labels[i] = frame.Target;
            }
            else
            {
                if (!trampolines.TryGetValue(depth, out var trampoline))
                {
                    trampoline = _il.DefineLabel();
                    trampolines[depth] = trampoline;
                }

                labels[i] = trampoline;
            }
        }

        if (count > 0)
        {
            _il.Emit(OpCodes.Switch, labels[..count]);
        }
        else
        {
            _il.Emit(OpCodes.Pop);
        }

        _il.Emit(OpCodes.Br, labels[count]);
        foreach (var (depth, trampoline) in trampolines)
        {
            var frame = _frames[_frames.Count - 1 - depth];
            _il.MarkLabel(trampoline);
            EmitDiscardingBranch(frame, _stack.Count - frame.Height - frame.BranchTypes.Length);
        }

        _unreachable = true;
    }

    private void EmitSelect()
    {
        Pop(ValueType.I32);
        var second = PopAny();
        var first = PopAny();
        if (first != second)
        {
            throw Fail("select operands have different types");
        }

        var condition = RentTemp(typeof(int));
        var alternative = RentTemp(WasmValueTypes.ClrType(second));
        var done = _il.DefineLabel();
        _il.Emit(OpCodes.Stloc, condition);
        _il.Emit(OpCodes.Stloc, alternative);
        _il.Emit(OpCodes.Ldloc, condition);
        _il.Emit(OpCodes.Brtrue, done);
        _il.Emit(OpCodes.Pop);
        _il.Emit(OpCodes.Ldloc, alternative);
        _il.MarkLabel(done);
        ReturnTemp(condition);
        ReturnTemp(alternative);
        Push(first);
    }
}
