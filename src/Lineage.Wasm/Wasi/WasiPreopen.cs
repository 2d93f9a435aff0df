// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Wasi;

/// <summary>
/// A host directory the module may use, under the guest path it sees (e.g. <c>/sandbox</c> or <c>.</c>). Preopens
/// are the module's only file system: paths that leave them (<c>..</c>, absolute paths, symlinks) are refused.
/// </summary>
/// <param name="GuestPath">The name the module sees (what <c>fd_prestat_dir_name</c> returns).</param>
/// <param name="HostPath">An existing host directory.</param>
public sealed record WasiPreopen(string GuestPath, string HostPath);
