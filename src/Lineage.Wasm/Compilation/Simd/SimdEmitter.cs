// SPDX-License-Identifier: Apache-2.0

using System.Collections.Frozen;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using Lineage.Wasm.Instructions;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation.Simd;

/// <summary>
/// Emits 128-bit SIMD (0xFD) instructions. Each operation is a call to the <see cref="SimdOps"/> method named after
/// its opcode (the JIT inlines the small ones into vector instructions); operands come off the IL stack in
/// order, lane and shuffle immediates are passed as constants. Memory forms check bounds like scalar accesses.
/// </summary>
internal static class SimdEmitter
{
    private static readonly FrozenDictionary<Opcode, MethodInfo> s_operations = typeof(SimdOps)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(method => Enum.TryParse<Opcode>(method.Name, out _))
        .ToFrozenDictionary(method => Enum.Parse<Opcode>(method.Name));

    /// <summary>Scalar memory access of each SIMD memory instruction: bytes, load, store.</summary>
    private static readonly FrozenDictionary<Opcode, (int Size, OpCode Load, OpCode Store)> s_memory = new Dictionary<Opcode, (int, OpCode, OpCode)>
    {
        [Opcode.V128Load8x8S] = (8, OpCodes.Ldind_I8, OpCodes.Stind_I8),
        [Opcode.V128Load8x8U] = (8, OpCodes.Ldind_I8, OpCodes.Stind_I8),
        [Opcode.V128Load16x4S] = (8, OpCodes.Ldind_I8, OpCodes.Stind_I8),
        [Opcode.V128Load16x4U] = (8, OpCodes.Ldind_I8, OpCodes.Stind_I8),
        [Opcode.V128Load32x2S] = (8, OpCodes.Ldind_I8, OpCodes.Stind_I8),
        [Opcode.V128Load32x2U] = (8, OpCodes.Ldind_I8, OpCodes.Stind_I8),
        [Opcode.V128Load8Splat] = (1, OpCodes.Ldind_U1, OpCodes.Stind_I1),
        [Opcode.V128Load16Splat] = (2, OpCodes.Ldind_U2, OpCodes.Stind_I2),
        [Opcode.V128Load32Splat] = (4, OpCodes.Ldind_I4, OpCodes.Stind_I4),
        [Opcode.V128Load64Splat] = (8, OpCodes.Ldind_I8, OpCodes.Stind_I8),
        [Opcode.V128Load32Zero] = (4, OpCodes.Ldind_I4, OpCodes.Stind_I4),
        [Opcode.V128Load64Zero] = (8, OpCodes.Ldind_I8, OpCodes.Stind_I8),
        [Opcode.V128Load8Lane] = (1, OpCodes.Ldind_U1, OpCodes.Stind_I1),
        [Opcode.V128Load16Lane] = (2, OpCodes.Ldind_U2, OpCodes.Stind_I2),
        [Opcode.V128Load32Lane] = (4, OpCodes.Ldind_I4, OpCodes.Stind_I4),
        [Opcode.V128Load64Lane] = (8, OpCodes.Ldind_I8, OpCodes.Stind_I8),
        [Opcode.V128Store8Lane] = (1, OpCodes.Ldind_U1, OpCodes.Stind_I1),
        [Opcode.V128Store16Lane] = (2, OpCodes.Ldind_U2, OpCodes.Stind_I2),
        [Opcode.V128Store32Lane] = (4, OpCodes.Ldind_I4, OpCodes.Stind_I4),
        [Opcode.V128Store64Lane] = (8, OpCodes.Ldind_I8, OpCodes.Stind_I8),
    }.ToFrozenDictionary();

    public static void Emit(FunctionCompiler compiler, in Instruction instruction)
    {
        var il = compiler.IL;
        var opcode = instruction.Opcode;
        switch (opcode)
        {
            case Opcode.V128Load:
                compiler.EmitVectorLoad(instruction.MemoryOffset);
                return;
            case Opcode.V128Store:
                compiler.EmitVectorStore(instruction.MemoryOffset);
                return;
            case Opcode.V128Const:
                il.Emit(OpCodes.Ldc_I8, (long)instruction.Bits);
                il.Emit(OpCodes.Ldc_I8, (long)instruction.HighBits);
                compiler.EmitCallTo(s_operations[Opcode.V128Const]);
                compiler.PushOperand(ValueType.V128);
                return;
        }

        if (!s_operations.TryGetValue(opcode, out var operation))
        {
            throw compiler.Unsupported(instruction);
        }

        if (s_memory.TryGetValue(opcode, out var access))
        {
            EmitMemory(compiler, instruction, operation, access);
            return;
        }

        var parameters = operation.GetParameters();
        for (var i = parameters.Length - 1; i >= 0; i--)
        {
            if (!IsImmediate(parameters[i]))
            {
                compiler.PopOperand(TypeOf(parameters[i].ParameterType));
            }
        }

        foreach (var parameter in parameters)
        {
            switch (parameter.Name)
            {
                case "lane":
                    il.Emit(OpCodes.Ldc_I4, (int)instruction.Lane);
                    break;
                case "low":
                    il.Emit(OpCodes.Ldc_I8, (long)instruction.Bits);
                    break;
                case "high":
                    il.Emit(OpCodes.Ldc_I8, (long)instruction.HighBits);
                    break;
            }
        }

        compiler.EmitCallTo(operation);
        compiler.PushOperand(TypeOf(operation.ReturnType));
    }

    private static void EmitMemory(FunctionCompiler compiler, in Instruction instruction, MethodInfo operation, (int Size, OpCode Load, OpCode Store) access)
    {
        var il = compiler.IL;
        var name = instruction.Opcode.ToString();
        var isLane = name.EndsWith("Lane", StringComparison.Ordinal);
        var isStore = name.StartsWith("V128Store", StringComparison.Ordinal);
        LocalBuilder? vector = null;
        if (isLane)
        {
            compiler.PopOperand(ValueType.V128);
            vector = compiler.RentTemp(typeof(Vector128<byte>));
            il.Emit(OpCodes.Stloc, vector);
        }

        compiler.PopOperand(ValueType.I32);
        compiler.EmitEffectiveAddress(instruction.MemoryOffset, access.Size);
        if (isStore)
        {
            il.Emit(OpCodes.Ldloc, vector!);
            il.Emit(OpCodes.Ldc_I4, (int)instruction.Lane);
            compiler.EmitCallTo(operation);
            if (access.Size > 1)
            {
                il.Emit(OpCodes.Unaligned, (byte)1);
            }

            il.Emit(access.Store);
        }
        else
        {
            if (access.Size > 1)
            {
                il.Emit(OpCodes.Unaligned, (byte)1);
            }

            il.Emit(access.Load);
            if (isLane)
            {
                var scalar = compiler.RentTemp(access.Size == 8 ? typeof(long) : typeof(int));
                il.Emit(OpCodes.Stloc, scalar);
                il.Emit(OpCodes.Ldloc, vector!);
                il.Emit(OpCodes.Ldloc, scalar);
                il.Emit(OpCodes.Ldc_I4, (int)instruction.Lane);
                compiler.ReturnTemp(scalar);
            }

            compiler.EmitCallTo(operation);
            compiler.PushOperand(ValueType.V128);
        }

        if (vector is not null)
        {
            compiler.ReturnTemp(vector);
        }
    }

    private static bool IsImmediate(ParameterInfo parameter) => parameter.Name is "lane" or "low" or "high";

    private static ValueType TypeOf(Type type) => WasmValueTypes.FromClrType(type)
        ?? throw new InvalidOperationException($"SIMD helper uses unsupported type {type}");
}
