// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.SpecTests.Harness;

/// <summary>The outcome of running every command of one converted <c>.wast</c> file.</summary>
public sealed class SpecFileResult(string name)
{
    public string Name { get; } = name;

    /// <summary>Commands that passed.</summary>
    public int Passed { get; set; }

    /// <summary>Commands that failed (including commands that could not run).</summary>
    public int Failed { get; set; }

    /// <summary>
    /// Text-format <c>assert_malformed</c>/<c>assert_invalid</c> modules (<c>.wat</c> written by wast2json because the
    /// malformation is in the text syntax), parsed by <c>WatParser</c>; included in <see cref="Passed"/>/<see cref="Failed"/>.
    /// </summary>
    public int TextModules { get; set; }

    /// <summary>Failed commands that needed execution the engine does not provide (included in <see cref="Failed"/>).</summary>
    public int NotExecuted { get; set; }

    /// <summary>Rejections in the right phase whose reason differs from the spec's expected text (still passed).</summary>
    public int MessageMismatches { get; set; }

    /// <summary>The first failures, as "line N: command: reason".</summary>
    public List<string> Failures { get; } = [];

    /// <summary>The first message mismatches.</summary>
    public List<string> Mismatches { get; } = [];

    public int Executed => Passed + Failed;

    public void Fail(int line, string command, string reason)
    {
        Failed++;
        if (Failures.Count < 40)
        {
            Failures.Add($"line {line}: {command}: {reason}");
        }
    }
}
