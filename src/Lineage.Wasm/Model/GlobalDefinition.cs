// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Model;

/// <summary>A global defined by the module.</summary>
/// <param name="Type">Its type.</param>
/// <param name="Initializer">The constant expression giving its initial value.</param>
public sealed record GlobalDefinition(GlobalType Type, ConstantExpression Initializer);
