// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Model;
using Lineage.Wasm.Validation;

namespace Lineage.Wasm.SpecTests.Harness;

/// <summary>An engine that only decodes and validates; every execution command fails as "not executed".</summary>
public sealed class ValidationOnlyEngine : ISpecEngine
{
    public bool CanExecute => false;

    public void Instantiate(byte[] bytes, string? name) => Validate(bytes);

    public void Validate(byte[] bytes) => Validator.Validate(WasmModule.Decode(bytes));

    public void Register(string? name, string asName)
    {
    }

    public IReadOnlyList<SpecValue> Invoke(string? moduleName, string field, IReadOnlyList<SpecValue> arguments) =>
        throw new NotSupportedException("not executed: no runtime");

    public SpecValue GetGlobal(string? moduleName, string field) => throw new NotSupportedException("not executed: no runtime");

    public void Dispose()
    {
    }
}
