// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Wasi;

/// <summary>One name of a directory listing, as <c>fd_readdir</c> reports it.</summary>
internal sealed record WasiDirectoryEntry(byte[] Name, WasiFileType Type, ulong Inode);
