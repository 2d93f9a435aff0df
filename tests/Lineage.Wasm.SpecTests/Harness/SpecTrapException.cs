// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.SpecTests.Harness;

/// <summary>A trap reported by an engine, with the spec's trap text ("integer divide by zero", ...).</summary>
public sealed class SpecTrapException : Exception
{
    public SpecTrapException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public SpecTrapException()
    {
    }

    public SpecTrapException(string message)
        : base(message)
    {
    }
}
