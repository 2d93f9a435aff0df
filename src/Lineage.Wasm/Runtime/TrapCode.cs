// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Runtime;

/// <summary>Why WebAssembly execution trapped. <see cref="TrapCodes.Message"/> gives the spec test-suite text.</summary>
public enum TrapCode
{
    /// <summary>The <c>unreachable</c> instruction ran.</summary>
    Unreachable,

    /// <summary>A load, store or bulk memory operation touched bytes outside the linear memory.</summary>
    MemoryOutOfBounds,

    /// <summary>Integer division or remainder by zero.</summary>
    IntegerDivideByZero,

    /// <summary>Signed integer division overflow (<c>INT_MIN / -1</c>).</summary>
    IntegerOverflow,

    /// <summary>A trapping float-to-integer truncation of NaN or an out-of-range value.</summary>
    InvalidConversionToInteger,

    /// <summary><c>call_indirect</c> found a function whose type differs from the expected one.</summary>
    IndirectCallTypeMismatch,

    /// <summary><c>call_indirect</c> used an index outside the table.</summary>
    UndefinedElement,

    /// <summary><c>call_indirect</c> found a null table entry.</summary>
    UninitializedElement,

    /// <summary>A table access or bulk table operation was out of bounds.</summary>
    TableOutOfBounds,

    /// <summary>The guest recursed deeper than the configured stack allows.</summary>
    CallStackExhausted,

    /// <summary>The store ran out of fuel.</summary>
    OutOfFuel,

    /// <summary>The store's deadline passed or it was interrupted.</summary>
    DeadlineExceeded,

    /// <summary>A host function threw an exception; it is the <see cref="Exception.InnerException"/>.</summary>
    HostError,
}
