// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.SpecTests.Harness;

/// <summary>Instantiation failed at import resolution or import type matching.</summary>
public sealed class SpecLinkException : Exception
{
    public SpecLinkException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public SpecLinkException()
    {
    }

    public SpecLinkException(string message)
        : base(message)
    {
    }
}
