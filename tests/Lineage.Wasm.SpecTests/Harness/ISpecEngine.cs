// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.SpecTests.Harness;

/// <summary>
/// What the script runner needs from an engine. Decoding/validation failures surface as
/// <c>WasmFormatException</c>/<c>WasmValidationException</c>, link failures as <see cref="SpecLinkException"/>,
/// traps as <see cref="SpecTrapException"/>.
/// </summary>
public interface ISpecEngine : IDisposable
{
    /// <summary>Whether the engine executes code (false: decode and validate only).</summary>
    bool CanExecute { get; }

    /// <summary>Decodes, validates and instantiates a module, which becomes the current one (and <paramref name="name"/>).</summary>
    void Instantiate(byte[] bytes, string? name);

    /// <summary>Decodes and validates only.</summary>
    void Validate(byte[] bytes);

    /// <summary>Makes the exports of the named (or current) module importable under <paramref name="asName"/>.</summary>
    void Register(string? name, string asName);

    /// <summary>Invokes an export of the named (or current) module.</summary>
    IReadOnlyList<SpecValue> Invoke(string? moduleName, string field, IReadOnlyList<SpecValue> arguments);

    /// <summary>Reads an exported global of the named (or current) module.</summary>
    SpecValue GetGlobal(string? moduleName, string field);
}
