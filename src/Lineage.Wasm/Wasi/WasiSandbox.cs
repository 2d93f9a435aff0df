// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Wasi;

/// <summary>
/// Resolves guest paths to host paths without ever leaving a preopen. The walk is done component by component
/// on our side: <c>..</c> can only pop what the path itself entered, symlinks are read and their (relative)
/// targets spliced into the walk, and anything that would step above the preopen, an absolute path, or a symlink
/// with an absolute target is refused with <c>ENOTCAPABLE</c>. The host kernel only ever sees paths under the root.
/// </summary>
internal static class WasiSandbox
{
    private const int MaxSymlinkHops = 40;

    /// <summary>
    /// The host path for <paramref name="path"/> taken relative to <paramref name="directory"/>. The last component
    /// is followed when it is a symlink only if <paramref name="followLast"/> (or the path ends with <c>/</c>).
    /// </summary>
    public static string Resolve(WasiDescriptor directory, string path, bool followLast, out bool trailingSlash)
    {
        if (path.Length == 0)
        {
            throw new WasiErrnoException(WasiErrno.NoEnt);
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new WasiErrnoException(WasiErrno.Inval);
        }

        if (path[0] == '/')
        {
            throw new WasiErrnoException(WasiErrno.NotCapable);
        }

        trailingSlash = path[^1] == '/';
        followLast |= trailingSlash;
        string root = directory.SandboxRoot;
        string start = Path.GetRelativePath(root, directory.HostPath);
        var resolved = new List<string>(start == "." ? [] : start.Split('/'));
        var pending = new Stack<string>();
        Push(pending, path);
        int hops = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count == 0)
                {
                    throw new WasiErrnoException(WasiErrno.NotCapable);
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            bool last = pending.All(p => p is "" or ".");
            string candidate = Join(root, resolved, part);
            string? target = (last && !followLast) ? null : new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved.Add(part);
                continue;
            }

            if (++hops > MaxSymlinkHops)
            {
                throw new WasiErrnoException(WasiErrno.Loop);
            }

            if (target.StartsWith('/'))
            {
                throw new WasiErrnoException(WasiErrno.NotCapable);
            }

            Push(pending, target);
        }

        return Join(root, resolved, null);
    }

    /// <summary>
    /// Checks the contents of a new symlink at <paramref name="linkHostPath"/>: absolute targets are not permitted
    /// (<c>EPERM</c>), relative ones must stay inside the preopen when read from the link's directory.
    /// </summary>
    public static void CheckSymlinkTarget(string root, string linkHostPath, string target)
    {
        if (target.Length == 0 || target.Contains('\0', StringComparison.Ordinal))
        {
            throw new WasiErrnoException(target.Length == 0 ? WasiErrno.NoEnt : WasiErrno.Inval);
        }

        if (target.StartsWith('/'))
        {
            throw new WasiErrnoException(WasiErrno.Perm);
        }

        string linkDirectory = Path.GetRelativePath(root, Path.GetDirectoryName(linkHostPath)!);
        int depth = linkDirectory == "." ? 0 : linkDirectory.Split('/').Length;
        foreach (string part in target.Split('/'))
        {
            depth += part switch
            {
                "" or "." => 0,
                ".." => -1,
                _ => 1,
            };
            if (depth < 0)
            {
                throw new WasiErrnoException(WasiErrno.NotCapable);
            }
        }
    }

    private static void Push(Stack<string> pending, string path)
    {
        string[] parts = path.Split('/');
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static string Join(string root, List<string> parts, string? extra)
    {
        if (parts.Count == 0 && extra is null)
        {
            return root;
        }

        return extra is null ? root + "/" + string.Join('/', parts) : Path.Join(root, string.Join('/', [.. parts, extra]));
    }
}
