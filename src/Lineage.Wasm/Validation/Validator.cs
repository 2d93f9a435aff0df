// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Model;

namespace Lineage.Wasm.Validation;

/// <summary>
/// Validates a decoded module against the WebAssembly 2.0 typing rules (module-level rules and every function body,
/// using the operand-stack algorithm of the specification's appendix). Throws
/// <see cref="WasmValidationException"/> when invalid, and <see cref="Binary.WasmFormatException"/> when a function
/// body turns out to be malformed (bodies are decoded lazily, so their encoding is first checked here).
/// </summary>
public static class Validator
{
    /// <summary>Validates <paramref name="module"/>.</summary>
    public static void Validate(WasmModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var context = new ModuleContext(module);
        context.ValidateModuleFields();
        var functions = new FunctionValidator(context);
        for (var i = 0; i < module.Code.Length; i++)
        {
            functions.Validate((uint)(module.ImportedFunctionCount + i), module.Code[i]);
        }
    }
}
