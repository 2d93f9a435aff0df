// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Wasi;

/// <summary>An open WASI descriptor: a preopened or opened directory (host path + its guest root) or a file.</summary>
internal sealed class WasiDescriptor(string hostPath, string guestName, FileStream? file, bool isPreopen)
{
    /// <summary>The host path this descriptor refers to.</summary>
    public string HostPath { get; } = hostPath;

    /// <summary>For preopens, the guest path (e.g. <c>/storage</c>); otherwise the path it was opened by.</summary>
    public string GuestName { get; } = guestName;

    public FileStream? File { get; } = file;

    public bool IsPreopen { get; } = isPreopen;

    public bool IsDirectory => File is null;

    /// <summary>The real path of the preopen this descriptor lives under (the sandbox root).</summary>
    public string SandboxRoot { get; init; } = hostPath;
}
