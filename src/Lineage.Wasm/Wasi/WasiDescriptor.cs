// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Wasi;

/// <summary>
/// One entry of a module's descriptor table: a standard stream, a directory (a preopen or one opened under it) or
/// a regular file. Files keep their own position and use positional I/O, so <c>fd_pread</c>/<c>fd_pwrite</c> and
/// <c>fd_read</c>/<c>fd_write</c> never disturb each other.
/// </summary>
internal sealed class WasiDescriptor
{
    /// <summary>The file type reported by <c>fd_fdstat_get</c>/<c>fd_filestat_get</c>.</summary>
    public required WasiFileType Type { get; init; }

    /// <summary>The host path of a directory or file ("" for standard streams).</summary>
    public string HostPath { get; init; } = "";

    /// <summary>The real path of the preopen this descriptor lives under: nothing outside it is reachable.</summary>
    public string SandboxRoot { get; init; } = "";

    /// <summary>For preopens, the guest path (what <c>fd_prestat_dir_name</c> returns); null otherwise.</summary>
    public string? PreopenName { get; init; }

    /// <summary>A standard stream (descriptors 0–2), or null for files and directories.</summary>
    public Stream? Stream { get; init; }

    /// <summary>The open file (unbuffered; its handle is used positionally), or null.</summary>
    public FileStream? File { get; init; }

    /// <summary>The file position for <c>fd_read</c>, <c>fd_write</c> and <c>fd_seek</c>.</summary>
    public long Position { get; set; }

    /// <summary>The <c>fdflags</c> (append, dsync, nonblock, rsync, sync).</summary>
    public ushort Flags { get; set; }

    public long RightsBase { get; set; }

    public long RightsInheriting { get; set; }

    /// <summary>The directory listing <c>fd_readdir</c> pages through (taken again when the cookie is 0).</summary>
    public List<WasiDirectoryEntry>? Listing { get; set; }

    public bool IsDirectory => Type == WasiFileType.Directory;
}
