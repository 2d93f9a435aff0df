// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Lineage.Wasm.Model;
using Lineage.Wasm.Validation;

namespace Lineage.Wasm.Runtime;

/// <summary>
/// Validates modules before they are instantiated (the compiler relies on validated input), once per module object
/// and store.
/// </summary>
internal sealed class ModuleValidation
{
    private readonly ConditionalWeakTable<WasmModule, object> _validated = [];

    /// <summary>Throws <see cref="WasmValidationException"/> (or a format exception) if the module is invalid.</summary>
    public void Validate(WasmModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (_validated.TryGetValue(module, out _))
        {
            return;
        }

        Validator.Validate(module);
        _validated.AddOrUpdate(module, module);
    }
}
