// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>The single instruction a constant expression consists of.</summary>
public enum ConstantExpressionKind : byte
{
    /// <summary>
    /// Not a single constant instruction followed by <c>end</c>. The decoder keeps the bytes; the validator rejects
    /// the expression with the precise reason ("constant expression required", "type mismatch", ...).
    /// </summary>
    Other = 0,

    /// <summary><c>i32.const</c>; the value is in <see cref="ConstantExpression.Bits"/>.</summary>
    I32Const,

    /// <summary><c>i64.const</c>; the value is in <see cref="ConstantExpression.Bits"/>.</summary>
    I64Const,

    /// <summary><c>f32.const</c>; the bit pattern is in <see cref="ConstantExpression.Bits"/>.</summary>
    F32Const,

    /// <summary><c>f64.const</c>; the bit pattern is in <see cref="ConstantExpression.Bits"/>.</summary>
    F64Const,

    /// <summary><c>v128.const</c>; low and high halves in <see cref="ConstantExpression.Bits"/> / <see cref="ConstantExpression.HighBits"/>.</summary>
    V128Const,

    /// <summary><c>ref.null t</c>; the type is <see cref="ConstantExpression.ReferenceType"/>.</summary>
    RefNull,

    /// <summary><c>ref.func x</c>; the function index is <see cref="ConstantExpression.Index"/>.</summary>
    RefFunc,

    /// <summary><c>global.get x</c>; the global index is <see cref="ConstantExpression.Index"/>.</summary>
    GlobalGet,
}
