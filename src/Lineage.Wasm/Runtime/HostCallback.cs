// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Runtime;

/// <summary>
/// A host function of any signature: it reads <paramref name="arguments"/> and writes one value per result type
/// into <paramref name="results"/>. Typed delegates (<see cref="WasmFunction.FromDelegate"/>) avoid the packing.
/// </summary>
public delegate void HostCallback(ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results);
