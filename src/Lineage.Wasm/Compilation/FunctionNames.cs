// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Lineage.Wasm.Compilation;

/// <summary>Names of compiled methods, which encode the WebAssembly function index for stack traces.</summary>
internal static class FunctionNames
{
    private const string Prefix = "wasm_function_";

    public static string Format(int functionIndex) => Prefix + functionIndex.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string name, out int functionIndex)
    {
        functionIndex = -1;
        return name.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out functionIndex);
    }
}
