// SPDX-License-Identifier: Apache-2.0

using System.Reflection;
using System.Reflection.Emit;
using Lineage.Wasm.Instructions;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Translates one validated function body to IL in a single pass. Parameters become IL arguments, locals IL
/// locals, and the operand stack stays on the IL evaluation stack, tracked by a <see cref="ShadowStack"/> that
/// type-checks every instruction as it is emitted. Unreachable code is skipped. Per-instance facts (memory base,
/// immutable globals, the code table) are baked in as constants.
/// </summary>
internal sealed unsafe partial class FunctionCompiler
{
    private readonly WasmInstance _instance;
    private readonly WasmModule _module;
    private readonly int _functionIndex;
    private readonly FunctionType _type;
    private readonly MethodBuilder _method;
    private readonly MetadataTokens _tokens;
    private readonly ILGenerator _il;
    private readonly WasmStoreOptions _options;
    private readonly ShadowStack _stack = new();
    private readonly List<ControlFrame> _frames = [];
    private readonly ValueType[] _localTypes;
    private readonly LocalBuilder?[] _locals;
    private readonly int _parameterCount;
    private readonly Dictionary<Type, Stack<LocalBuilder>> _freeTemps = [];
    private readonly bool _hasMemory;
    private readonly bool _isLeaf;
    private readonly Dictionary<int, long>? _fuelCosts;
    private LocalBuilder? _memory;
    private LocalBuilder? _memoryLength;
    private LocalBuilder? _state;
    private int _offset;
    private bool _unreachable;
    private int _unreachableDepth;

    public FunctionCompiler(WasmInstance instance, int functionIndex, FunctionType type, MethodBuilder method, MetadataTokens tokens)
    {
        _tokens = tokens;
        _instance = instance;
        _module = instance.Module;
        _functionIndex = functionIndex;
        _type = type;
        _method = method;
        _il = method.GetILGenerator();
        _options = instance.Store.Options;
        _parameterCount = type.Parameters.Length;
        var body = _module.GetBody((uint)functionIndex);
        _localTypes = new ValueType[_parameterCount + (int)body.LocalCount];
        _locals = new LocalBuilder?[_localTypes.Length];
        type.Parameters.CopyTo(_localTypes);
        var next = _parameterCount;
        foreach (var declaration in body.Locals)
        {
            for (var i = 0u; i < declaration.Count; i++)
            {
                _localTypes[next] = declaration.Type;
                _locals[next] = _il.DeclareLocal(WasmValueTypes.ClrType(declaration.Type));
                next++;
            }
        }

        var facts = BodyFacts.Scan(_module.GetCode(body).Span, body.CodeOffset, _options.ConsumeFuel);
        _hasMemory = _module.TotalMemoryCount > 0 && facts.UsesMemory;
        _isLeaf = facts.IsLeaf;
        _fuelCosts = facts.FuelCosts;
    }

    private int ContextArgument => _parameterCount;

    /// <summary>The IL generator, for the SIMD emitter.</summary>
    internal ILGenerator IL => _il;

    public void Compile()
    {
        var body = _module.GetBody((uint)_functionIndex);
        var code = _module.GetCode(body).Span;
        EmitPrologue();
        _frames.Add(new ControlFrame
        {
            Kind = ControlKind.Function,
            Target = _il.DefineLabel(),
            Parameters = [],
            Results = [.. _type.Results],
            Height = 0,
        });
        var decoder = new InstructionDecoder(code, body.CodeOffset);
        while (_frames.Count > 0)
        {
            if (decoder.IsAtEnd)
            {
                throw Fail("function body ends before its final end");
            }

            decoder.Read(out var instruction);
            _offset = instruction.Offset;
            if (_unreachable)
            {
                SkipUnreachable(instruction);
            }
            else
            {
                Emit(ref decoder, instruction);
            }
        }

        EmitMaxStackReservation();
    }

    internal WasmCompilationException Fail(string reason) => new(_functionIndex, _offset, reason);

    internal WasmCompilationException Unsupported(in Instruction instruction) =>
        Fail($"instruction {instruction.Info?.Name ?? instruction.Opcode.ToString()} is not supported");

    internal void PushOperand(ValueType type) => _stack.Push(type);

    internal void PopOperand(ValueType expected) => Pop(expected);

    private void Push(ValueType type) => _stack.Push(type);

    private void Pop(ValueType expected)
    {
        var actual = _stack.TryPop();
        if (actual != expected)
        {
            throw Fail(actual is null
                ? $"operand stack underflow, expected {ValueTypes.Name(expected)}"
                : $"type mismatch: expected {ValueTypes.Name(expected)}, found {ValueTypes.Name(actual.Value)}");
        }
    }

    private ValueType PopAny()
    {
        return _stack.TryPop() ?? throw Fail("operand stack underflow");
    }

    internal LocalBuilder RentTemp(Type type)
    {
        if (_freeTemps.TryGetValue(type, out var free) && free.Count > 0)
        {
            return free.Pop();
        }

        return _il.DeclareLocal(type);
    }

    internal void ReturnTemp(LocalBuilder local)
    {
        if (!_freeTemps.TryGetValue(local.LocalType, out var free))
        {
            free = new Stack<LocalBuilder>();
            _freeTemps[local.LocalType] = free;
        }

        free.Push(local);
    }

    /// <summary>Emits <c>call</c> with a cached token (see <see cref="MetadataTokens"/>).</summary>
    internal void EmitCallTo(MethodInfo method) => _il.Emit(OpCodes.Call, _tokens.Method(method));

    private void EmitField(OpCode opcode, FieldInfo field) => _il.Emit(opcode, _tokens.Field(field));

    private void EmitTypeOperand(OpCode opcode, Type type) => _il.Emit(opcode, _tokens.Type(type));

    private void EmitCalliFor(FunctionType type) => _il.Emit(OpCodes.Calli, _tokens.CallSignature(type));

    /// <summary>
    /// Instructions emitted with raw tokens do not update ILGenerator's stack tracking, so an unreachable tail
    /// raises its computed max stack above the real maximum (known from the shadow stack).
    /// </summary>
    private void EmitMaxStackReservation()
    {
        var depth = _stack.MaxCount + 16;
        for (var i = 0; i < depth; i++)
        {
            _il.Emit(OpCodes.Ldnull);
        }

        for (var i = 1; i < depth; i++)
        {
            _il.Emit(OpCodes.Pop);
        }

        _il.Emit(OpCodes.Throw);
    }

    private void EmitTrap(TrapCode code)
    {
        _il.Emit(OpCodes.Ldc_I4, (int)code);
        EmitCallTo(Methods.Trap);
        _il.Emit(OpCodes.Throw);
    }

    private void EmitLoadContext(FieldInfo field)
    {
        _il.Emit(OpCodes.Ldarg, ContextArgument);
        EmitField(OpCodes.Ldfld, field);
    }

    private void EmitPrologue()
    {
        var needsState = _options.ConsumeFuel || (_options.Interruptible && !_isLeaf);
        if (needsState)
        {
            _state = _il.DeclareLocal(typeof(ExecutionState));
            EmitLoadContext(Methods.InstanceState);
            _il.Emit(OpCodes.Stloc, _state);
        }

        if (_isLeaf)
        {
            // Bounded time and frame: only fuel, which must be charged for determinism.
            if (_options.ConsumeFuel)
            {
                EmitFuelCheck(-1);
            }
        }
        else
        {
            // Stack guard: the address of a local in this frame against the running thread's limit.
            var probe = _il.DeclareLocal(typeof(int));
            var stackOk = _il.DefineLabel();
            _il.Emit(OpCodes.Ldloca, probe);
            _il.Emit(OpCodes.Conv_U);
            if (_state is not null)
            {
                _il.Emit(OpCodes.Ldloc, _state);
            }
            else
            {
                EmitLoadContext(Methods.InstanceState);
            }

            EmitField(OpCodes.Ldfld, Methods.StateStackLimit);
            _il.Emit(OpCodes.Bge_Un, stackOk);
            EmitTrap(TrapCode.CallStackExhausted);
            _il.MarkLabel(stackOk);
            EmitExecutionChecks(-1);
        }

        if (_hasMemory)
        {
            _memory = _il.DeclareLocal(typeof(WasmMemory));
            _memoryLength = _il.DeclareLocal(typeof(ulong));
            EmitLoadContext(Methods.InstanceMemories);
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Ldelem_Ref);
            _il.Emit(OpCodes.Stloc, _memory);
            ReloadMemoryLength();
        }
    }

    /// <summary>Interrupt and fuel checks, at function entry and loop headers.</summary>
    private void EmitExecutionChecks(int checkpoint)
    {
        EmitFuelCheck(checkpoint);
        if (_options.Interruptible)
        {
            var notInterrupted = _il.DefineLabel();
            _il.Emit(OpCodes.Ldloc, _state!);
            _il.Emit(OpCodes.Volatile);
            EmitField(OpCodes.Ldfld, Methods.StateInterruptRequested);
            _il.Emit(OpCodes.Brfalse, notInterrupted);
            EmitTrap(TrapCode.DeadlineExceeded);
            _il.MarkLabel(notInterrupted);
        }
    }

    private void EmitFuelCheck(int checkpoint)
    {
        if (_options.ConsumeFuel)
        {
            var cost = _fuelCosts is not null && _fuelCosts.TryGetValue(checkpoint, out var charged) ? charged : 1;
            var fuelOk = _il.DefineLabel();
            _il.Emit(OpCodes.Ldloc, _state!);
            _il.Emit(OpCodes.Ldloc, _state!);
            EmitField(OpCodes.Ldfld, Methods.StateFuel);
            _il.Emit(OpCodes.Ldc_I8, cost);
            _il.Emit(OpCodes.Sub);
            EmitField(OpCodes.Stfld, Methods.StateFuel);
            _il.Emit(OpCodes.Ldloc, _state!);
            EmitField(OpCodes.Ldfld, Methods.StateFuel);
            _il.Emit(OpCodes.Ldc_I8, 0L);
            _il.Emit(OpCodes.Bge, fuelOk);
            EmitTrap(TrapCode.OutOfFuel);
            _il.MarkLabel(fuelOk);
        }
    }

    private void ReloadMemoryLength()
    {
        if (_hasMemory)
        {
            _il.Emit(OpCodes.Ldloc, _memory!);
            EmitField(OpCodes.Ldfld, Methods.MemoryByteLength);
            _il.Emit(OpCodes.Stloc, _memoryLength!);
        }
    }

    private void Emit(ref InstructionDecoder decoder, in Instruction instruction)
    {
        var opcode = instruction.Opcode;
        if ((ushort)opcode >= 0xFD00)
        {
            Simd.SimdEmitter.Emit(this, instruction);
            return;
        }

        if (!EmitControl(ref decoder, instruction) && !EmitVariable(instruction) && !EmitMemory(instruction)
            && !EmitNumeric(instruction) && !EmitReference(instruction))
        {
            throw Unsupported(instruction);
        }
    }
}
