// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Abi;

/// <summary>The core Wasm number types interface values flatten into.</summary>
public enum AbiValueKind : byte
{
    I32,
    I64,
    F32,
    F64,
}
