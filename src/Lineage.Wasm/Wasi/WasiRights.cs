// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Wasm.Wasi;

/// <summary>The <c>rights</c> bit set of preview 1 and the sets each kind of descriptor may hold.</summary>
internal static class WasiRights
{
    public const long FdDatasync = 1L << 0;
    public const long FdRead = 1L << 1;
    public const long FdSeek = 1L << 2;
    public const long FdFdstatSetFlags = 1L << 3;
    public const long FdSync = 1L << 4;
    public const long FdTell = 1L << 5;
    public const long FdWrite = 1L << 6;
    public const long FdAdvise = 1L << 7;
    public const long FdAllocate = 1L << 8;
    public const long PathCreateDirectory = 1L << 9;
    public const long PathCreateFile = 1L << 10;
    public const long PathLinkSource = 1L << 11;
    public const long PathLinkTarget = 1L << 12;
    public const long PathOpen = 1L << 13;
    public const long FdReaddir = 1L << 14;
    public const long PathReadlink = 1L << 15;
    public const long PathRenameSource = 1L << 16;
    public const long PathRenameTarget = 1L << 17;
    public const long PathFilestatGet = 1L << 18;
    public const long PathFilestatSetSize = 1L << 19;
    public const long PathFilestatSetTimes = 1L << 20;
    public const long FdFilestatGet = 1L << 21;
    public const long FdFilestatSetSize = 1L << 22;
    public const long FdFilestatSetTimes = 1L << 23;
    public const long PathSymlink = 1L << 24;
    public const long PathRemoveDirectory = 1L << 25;
    public const long PathUnlinkFile = 1L << 26;
    public const long PollFdReadwrite = 1L << 27;
    public const long SockShutdown = 1L << 28;
    public const long SockAccept = 1L << 29;

    /// <summary>What an open regular file may do.</summary>
    public const long RegularFile = FdDatasync | FdRead | FdSeek | FdFdstatSetFlags | FdSync | FdTell | FdWrite
        | FdAdvise | FdAllocate | FdFilestatGet | FdFilestatSetSize | FdFilestatSetTimes | PollFdReadwrite;

    /// <summary>What an open directory may do (the file rights are what it hands down to files opened in it).</summary>
    public const long Directory = FdFdstatSetFlags | FdSync | FdAdvise | PathCreateDirectory | PathCreateFile
        | PathLinkSource | PathLinkTarget | PathOpen | FdReaddir | PathReadlink | PathRenameSource | PathRenameTarget
        | PathFilestatGet | PathFilestatSetSize | PathFilestatSetTimes | FdFilestatGet | FdFilestatSetTimes
        | PathSymlink | PathRemoveDirectory | PathUnlinkFile | PollFdReadwrite;

    /// <summary>The standard streams: character devices without seeking (so <c>isatty</c> sees a terminal).</summary>
    public const long Stdio = FdRead | FdWrite | FdFdstatSetFlags | FdFilestatGet | PollFdReadwrite | FdSync | FdDatasync;
}
