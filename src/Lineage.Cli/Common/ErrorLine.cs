// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Cli.Common;

/// <summary>The error report of the commands that run modules (wasm, marine): one <c>error: …</c> line on stderr.</summary>
internal static class ErrorLine
{
    /// <summary>Writes <paramref name="message"/> as one line (line breaks become spaces) and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine("error: " + message.ReplaceLineEndings(" "));
        return exitCode;
    }
}
