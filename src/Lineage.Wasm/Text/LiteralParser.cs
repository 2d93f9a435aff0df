// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Text;

/// <summary>Reads one numeric literal (see <see cref="WatNumbers"/>) into its bit pattern.</summary>
internal delegate WatNumbers.Result LiteralParser(ReadOnlySpan<byte> text, out ulong bits);
