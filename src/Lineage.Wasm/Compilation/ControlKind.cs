// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Compilation;

/// <summary>The kind of a <see cref="ControlFrame"/>.</summary>
internal enum ControlKind
{
    Function,
    Block,
    Loop,
    If,
}
