// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.SpecTests.Text;

/// <summary>
/// Finds the text of a <c>(module …)</c> s-expression in a <c>.wast</c> script: the first <c>(module</c> at or after
/// the start of a given line (wast2json's JSON gives each command's line), up to its matching parenthesis. Strings
/// and comments are skipped while matching.
/// </summary>
public static class WastModuleExtractor
{
    /// <summary>The module starting at or after line <paramref name="line"/> (1-based), or null.</summary>
    public static string? ModuleAt(string script, int line)
    {
        var position = 0;
        for (var l = 1; l < line && position >= 0; l++)
        {
            position = script.IndexOf('\n', position) + 1;
            if (position == 0)
            {
                return null;
            }
        }

        // The command's own parenthesis (e.g. "(assert_invalid") is on this line; its module follows.
        var start = FindModuleKeyword(script, position);
        if (start < 0)
        {
            // A script without any "(module" is one module written as its fields only.
            return FindModuleKeyword(script, 0) < 0 ? script : null;
        }

        var end = MatchingParenthesis(script, start);
        return end < 0 ? null : script[start..(end + 1)];
    }

    private static int FindModuleKeyword(string script, int position)
    {
        var i = position;
        while (i < script.Length)
        {
            i = SkipTrivia(script, i);
            if (i >= script.Length)
            {
                return -1;
            }

            if (script[i] == '(')
            {
                var k = SkipTrivia(script, i + 1);
                if (string.CompareOrdinal(script, k, "module", 0, 6) == 0 && k + 6 < script.Length && !IsIdChar(script[k + 6]))
                {
                    return i;
                }

                i++;
            }
            else if (script[i] == '"')
            {
                i = SkipString(script, i);
            }
            else
            {
                i++;
            }
        }

        return -1;
    }

    private static int MatchingParenthesis(string script, int open)
    {
        var depth = 0;
        var i = open;
        while (i < script.Length)
        {
            i = SkipTrivia(script, i);
            if (i >= script.Length)
            {
                break;
            }

            switch (script[i])
            {
                case '(':
                    depth++;
                    i++;
                    break;
                case ')':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    i++;
                    break;
                case '"':
                    i = SkipString(script, i);
                    break;
                default:
                    i++;
                    break;
            }
        }

        return -1;
    }

    private static int SkipTrivia(string script, int i)
    {
        while (i < script.Length)
        {
            if (script[i] == ';' && i + 1 < script.Length && script[i + 1] == ';')
            {
                var newline = script.IndexOf('\n', i);
                i = newline < 0 ? script.Length : newline + 1;
            }
            else if (script[i] == '(' && i + 1 < script.Length && script[i + 1] == ';')
            {
                var depth = 0;
                while (i < script.Length)
                {
                    if (script[i] == '(' && i + 1 < script.Length && script[i + 1] == ';')
                    {
                        depth++;
                        i += 2;
                    }
                    else if (script[i] == ';' && i + 1 < script.Length && script[i + 1] == ')')
                    {
                        depth--;
                        i += 2;
                        if (depth == 0)
                        {
                            break;
                        }
                    }
                    else
                    {
                        i++;
                    }
                }
            }
            else
            {
                return i;
            }
        }

        return i;
    }

    private static int SkipString(string script, int i)
    {
        i++;
        while (i < script.Length && script[i] != '"')
        {
            i += script[i] == '\\' ? 2 : 1;
        }

        return i + 1;
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-./:<=>?@\\^_`|~".Contains(c, StringComparison.Ordinal);
}
