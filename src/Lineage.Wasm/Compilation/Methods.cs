// SPDX-License-Identifier: Apache-2.0

using System.Collections.Frozen;
using System.Numerics;
using System.Reflection;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation;

/// <summary>Reflection handles the emitter uses, resolved once.</summary>
internal static class Methods
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    // Declared first: the fields below are initialised from it, in textual order.
    private static readonly FrozenDictionary<string, MethodInfo> s_operations = typeof(WasmOps)
        .GetMethods(Static).Where(method => method.DeclaringType == typeof(WasmOps)).ToFrozenDictionary(method => method.Name);

    public static readonly MethodInfo Trap = Op(nameof(WasmOps.Trap));
    public static readonly MethodInfo I32RemS = Op(nameof(WasmOps.I32RemS));
    public static readonly MethodInfo I64RemS = Op(nameof(WasmOps.I64RemS));
    public static readonly MethodInfo EffectiveAddress = Op(nameof(WasmOps.EffectiveAddress));
    public static readonly MethodInfo MemoryGrow = Op(nameof(WasmOps.MemoryGrow));
    public static readonly MethodInfo MemoryCopy = Op(nameof(WasmOps.MemoryCopy));
    public static readonly MethodInfo MemoryFill = Op(nameof(WasmOps.MemoryFill));
    public static readonly MethodInfo MemoryInit = Op(nameof(WasmOps.MemoryInit));
    public static readonly MethodInfo DataDrop = Op(nameof(WasmOps.DataDrop));
    public static readonly MethodInfo ResolveIndirect = Op(nameof(WasmOps.ResolveIndirect));

    public static readonly FieldInfo InstanceState = typeof(WasmInstance).GetField(nameof(WasmInstance.State), Instance)!;
    public static readonly FieldInfo InstanceMemories = typeof(WasmInstance).GetField(nameof(WasmInstance.Memories), Instance)!;
    public static readonly FieldInfo InstanceGlobals = typeof(WasmInstance).GetField(nameof(WasmInstance.Globals), Instance)!;
    public static readonly FieldInfo InstanceFunctions = typeof(WasmInstance).GetField(nameof(WasmInstance.Functions), Instance)!;
    public static readonly FieldInfo InstanceTables = typeof(WasmInstance).GetField(nameof(WasmInstance.Tables), Instance)!;
    public static readonly FieldInfo InstanceTypes = typeof(WasmInstance).GetField(nameof(WasmInstance.Types), Instance)!;
    public static readonly MethodInfo InstanceCompileFunction = typeof(WasmInstance).GetMethod(nameof(WasmInstance.CompileFunction), Instance)!;
    public static readonly FieldInfo StateStackLimit = typeof(ExecutionState).GetField(nameof(ExecutionState.StackLimit))!;
    public static readonly FieldInfo StateFuel = typeof(ExecutionState).GetField(nameof(ExecutionState.Fuel))!;
    public static readonly FieldInfo StateInterruptRequested = typeof(ExecutionState).GetField(nameof(ExecutionState.InterruptRequested))!;
    public static readonly FieldInfo MemoryByteLength = typeof(WasmMemory).GetField(nameof(WasmMemory.ByteLength), Instance)!;
    public static readonly FieldInfo FunctionCode = typeof(WasmFunction).GetField(nameof(WasmFunction.Code), Instance)!;
    public static readonly FieldInfo FunctionContext = typeof(WasmFunction).GetField(nameof(WasmFunction.Context), Instance)!;
    public static readonly MethodInfo FunctionEnsureCode = typeof(WasmFunction).GetMethod(nameof(WasmFunction.EnsureCode), Instance)!;

    public static readonly MethodInfo LeadingZeroCount32 = typeof(BitOperations).GetMethod(nameof(BitOperations.LeadingZeroCount), [typeof(uint)])!;
    public static readonly MethodInfo TrailingZeroCount32 = typeof(BitOperations).GetMethod(nameof(BitOperations.TrailingZeroCount), [typeof(uint)])!;
    public static readonly MethodInfo PopCount32 = typeof(BitOperations).GetMethod(nameof(BitOperations.PopCount), [typeof(uint)])!;
    public static readonly MethodInfo RotateLeft32 = typeof(BitOperations).GetMethod(nameof(BitOperations.RotateLeft), [typeof(uint), typeof(int)])!;
    public static readonly MethodInfo RotateRight32 = typeof(BitOperations).GetMethod(nameof(BitOperations.RotateRight), [typeof(uint), typeof(int)])!;
    public static readonly MethodInfo LeadingZeroCount64 = typeof(BitOperations).GetMethod(nameof(BitOperations.LeadingZeroCount), [typeof(ulong)])!;
    public static readonly MethodInfo TrailingZeroCount64 = typeof(BitOperations).GetMethod(nameof(BitOperations.TrailingZeroCount), [typeof(ulong)])!;
    public static readonly MethodInfo PopCount64 = typeof(BitOperations).GetMethod(nameof(BitOperations.PopCount), [typeof(ulong)])!;
    public static readonly MethodInfo RotateLeft64 = typeof(BitOperations).GetMethod(nameof(BitOperations.RotateLeft), [typeof(ulong), typeof(int)])!;
    public static readonly MethodInfo RotateRight64 = typeof(BitOperations).GetMethod(nameof(BitOperations.RotateRight), [typeof(ulong), typeof(int)])!;

    public static readonly MethodInfo F32Abs = typeof(MathF).GetMethod(nameof(MathF.Abs), [typeof(float)])!;
    public static readonly MethodInfo F32Ceiling = typeof(MathF).GetMethod(nameof(MathF.Ceiling), [typeof(float)])!;
    public static readonly MethodInfo F32Floor = typeof(MathF).GetMethod(nameof(MathF.Floor), [typeof(float)])!;
    public static readonly MethodInfo F32Truncate = typeof(MathF).GetMethod(nameof(MathF.Truncate), [typeof(float)])!;
    public static readonly MethodInfo F32Sqrt = typeof(MathF).GetMethod(nameof(MathF.Sqrt), [typeof(float)])!;
    public static readonly MethodInfo F32Min = typeof(MathF).GetMethod(nameof(MathF.Min), [typeof(float), typeof(float)])!;
    public static readonly MethodInfo F32Max = typeof(MathF).GetMethod(nameof(MathF.Max), [typeof(float), typeof(float)])!;
    public static readonly MethodInfo F32CopySign = typeof(MathF).GetMethod(nameof(MathF.CopySign), [typeof(float), typeof(float)])!;
    public static readonly MethodInfo F64Abs = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(double)])!;
    public static readonly MethodInfo F64Ceiling = typeof(Math).GetMethod(nameof(Math.Ceiling), [typeof(double)])!;
    public static readonly MethodInfo F64Floor = typeof(Math).GetMethod(nameof(Math.Floor), [typeof(double)])!;
    public static readonly MethodInfo F64Truncate = typeof(Math).GetMethod(nameof(Math.Truncate), [typeof(double)])!;
    public static readonly MethodInfo F64Sqrt = typeof(Math).GetMethod(nameof(Math.Sqrt), [typeof(double)])!;
    public static readonly MethodInfo F64Min = typeof(Math).GetMethod(nameof(Math.Min), [typeof(double), typeof(double)])!;
    public static readonly MethodInfo F64Max = typeof(Math).GetMethod(nameof(Math.Max), [typeof(double), typeof(double)])!;
    public static readonly MethodInfo F64CopySign = typeof(Math).GetMethod(nameof(Math.CopySign), [typeof(double), typeof(double)])!;

    public static readonly MethodInfo SingleToInt32Bits = typeof(BitConverter).GetMethod(nameof(BitConverter.SingleToInt32Bits))!;
    public static readonly MethodInfo DoubleToInt64Bits = typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits))!;
    public static readonly MethodInfo Int32BitsToSingle = typeof(BitConverter).GetMethod(nameof(BitConverter.Int32BitsToSingle))!;
    public static readonly MethodInfo Int64BitsToDouble = typeof(BitConverter).GetMethod(nameof(BitConverter.Int64BitsToDouble))!;

    private static readonly FieldInfo s_globalI32 = GlobalFieldNamed(nameof(WasmGlobal.I32));
    private static readonly FieldInfo s_globalI64 = GlobalFieldNamed(nameof(WasmGlobal.I64));
    private static readonly FieldInfo s_globalF32 = GlobalFieldNamed(nameof(WasmGlobal.F32));
    private static readonly FieldInfo s_globalF64 = GlobalFieldNamed(nameof(WasmGlobal.F64));
    private static readonly FieldInfo s_globalV128 = GlobalFieldNamed(nameof(WasmGlobal.V128));
    private static readonly FieldInfo s_globalRef = GlobalFieldNamed(nameof(WasmGlobal.Ref));

    /// <summary>A helper of <see cref="WasmOps"/> by name.</summary>
    public static MethodInfo Op(string name) => s_operations.TryGetValue(name, out var method)
        ? method
        : throw new MissingMethodException(nameof(WasmOps), name);

    /// <summary>The typed field of <see cref="WasmGlobal"/> holding a value of <paramref name="type"/>.</summary>
    public static FieldInfo GlobalField(ValueType type) => type switch
    {
        ValueType.I32 => s_globalI32,
        ValueType.I64 => s_globalI64,
        ValueType.F32 => s_globalF32,
        ValueType.F64 => s_globalF64,
        ValueType.V128 => s_globalV128,
        _ => s_globalRef,
    };

    private static FieldInfo GlobalFieldNamed(string name) => typeof(WasmGlobal).GetField(name, Instance)!;
}
