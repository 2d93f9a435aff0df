// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Node.Hosting;

/// <summary>One address the node listens on, e.g. <c>http</c> → <c>http://127.0.0.1:8080</c>.</summary>
/// <param name="Kind">Short name printed before <c>=</c> (<c>http</c>, later <c>tcp</c>, <c>ws</c>).</param>
/// <param name="Address">The address as a client would use it.</param>
public sealed record ListenerAddress(string Kind, string Address)
{
    /// <summary>
    /// The single readiness line printed to stdout once every listener is up:
    /// <c>listening http=http://HOST:PORT [tcp=… ws=…]</c>. Scripts wait for it, so it is built in one place.
    /// </summary>
    public static string FormatListeningLine(IEnumerable<ListenerAddress> listeners) =>
        "listening " + string.Join(' ', listeners.Select(l => $"{l.Kind}={l.Address}"));
}
