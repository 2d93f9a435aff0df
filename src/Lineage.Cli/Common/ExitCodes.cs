// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Cli.Common;

/// <summary>Process exit codes shared by the node, key, tx and metadata commands.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command failed (node unreachable, RPC error, I/O error, failed transaction).</summary>
    public const int Failure = 1;

    /// <summary>Invalid arguments or configuration.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C) before completing.</summary>
    public const int Interrupted = 130;
}
