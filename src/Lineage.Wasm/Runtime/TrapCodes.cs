// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Runtime;

/// <summary>Texts for <see cref="TrapCode"/> values, as the WebAssembly spec test suite spells them.</summary>
public static class TrapCodes
{
    /// <summary>The spec-test text of <paramref name="code"/> (e.g. "integer divide by zero").</summary>
    public static string Message(TrapCode code) => code switch
    {
        TrapCode.Unreachable => "unreachable",
        TrapCode.MemoryOutOfBounds => "out of bounds memory access",
        TrapCode.IntegerDivideByZero => "integer divide by zero",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.InvalidConversionToInteger => "invalid conversion to integer",
        TrapCode.IndirectCallTypeMismatch => "indirect call type mismatch",
        TrapCode.UndefinedElement => "undefined element",
        TrapCode.UninitializedElement => "uninitialized element",
        TrapCode.TableOutOfBounds => "out of bounds table access",
        TrapCode.CallStackExhausted => "call stack exhausted",
        TrapCode.OutOfFuel => "all fuel consumed",
        TrapCode.DeadlineExceeded => "deadline exceeded",
        TrapCode.HostError => "host function error",
        _ => "trap",
    };
}
