// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Text;

/// <summary>One token: its class and its byte range in the UTF-8 source.</summary>
internal readonly record struct WatToken(WatTokenKind Kind, int Start, int Length)
{
    /// <summary>The byte offset just after the token.</summary>
    public int End => Start + Length;
}
