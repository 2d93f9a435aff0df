// SPDX-License-Identifier: Apache-2.0

using Lineage.Wasm.Runtime;

namespace Lineage.Wasm.Wasi;

public sealed partial class WasiContext
{
    /// <summary>
    /// Every preview 1 function but <c>proc_exit</c>: its parameters (<c>i</c> = i32, <c>l</c> = i64; the result
    /// is always the errno) and its body. Null for names preview 1 does not have.
    /// </summary>
    private (string Parameters, Func<ReadOnlySpan<WasmValue>, WasiErrno> Body)? Lookup(string name) => name switch
    {
        "args_get" => ("ii", a => StringsGet(_arguments, a[0].I32, a[1].I32)),
        "args_sizes_get" => ("ii", a => SizesGet(_arguments, a[0].I32, a[1].I32)),
        "environ_get" => ("ii", a => StringsGet(_environment, a[0].I32, a[1].I32)),
        "environ_sizes_get" => ("ii", a => SizesGet(_environment, a[0].I32, a[1].I32)),
        "clock_res_get" => ("ii", a => ClockResGet(a[0].I32, a[1].I32)),
        "clock_time_get" => ("ili", a => ClockTimeGet(a[0].I32, a[2].I32)),
        "random_get" => ("ii", a => RandomGet(a[0].I32, a[1].I32)),
        "sched_yield" => ("", _ => SchedYield()),
        "poll_oneoff" => ("iiii", a => PollOneoff(a[0].I32, a[1].I32, a[2].I32, a[3].I32)),
        "proc_raise" => ("i", _ => WasiErrno.NoSys),
        "fd_advise" => ("illi", a => FdAdvise(a[0].I32, a[3].I32)),
        "fd_allocate" => ("ill", a => FdAllocate(a[0].I32, a[1].I64, a[2].I64)),
        "fd_close" => ("i", a => FdClose(a[0].I32)),
        "fd_datasync" => ("i", a => FdSync(a[0].I32, WasiRights.FdDatasync)),
        "fd_sync" => ("i", a => FdSync(a[0].I32, WasiRights.FdSync)),
        "fd_fdstat_get" => ("ii", a => FdFdstatGet(a[0].I32, a[1].I32)),
        "fd_fdstat_set_flags" => ("ii", a => FdFdstatSetFlags(a[0].I32, a[1].I32)),
        "fd_fdstat_set_rights" => ("ill", a => FdFdstatSetRights(a[0].I32, a[1].I64, a[2].I64)),
        "fd_filestat_get" => ("ii", a => FdFilestatGet(a[0].I32, a[1].I32)),
        "fd_filestat_set_size" => ("il", a => FdFilestatSetSize(a[0].I32, a[1].I64)),
        "fd_filestat_set_times" => ("illi", a => FdFilestatSetTimes(a[0].I32, a[1].I64, a[2].I64, a[3].I32)),
        "fd_pread" => ("iiili", a => FdPread(a[0].I32, a[1].I32, a[2].I32, a[3].I64, a[4].I32)),
        "fd_prestat_get" => ("ii", a => FdPrestatGet(a[0].I32, a[1].I32)),
        "fd_prestat_dir_name" => ("iii", a => FdPrestatDirName(a[0].I32, a[1].I32, a[2].I32)),
        "fd_pwrite" => ("iiili", a => FdPwrite(a[0].I32, a[1].I32, a[2].I32, a[3].I64, a[4].I32)),
        "fd_read" => ("iiii", a => FdRead(a[0].I32, a[1].I32, a[2].I32, a[3].I32)),
        "fd_readdir" => ("iiili", a => FdReaddir(a[0].I32, a[1].I32, a[2].I32, a[3].I64, a[4].I32)),
        "fd_renumber" => ("ii", a => FdRenumber(a[0].I32, a[1].I32)),
        "fd_seek" => ("ilii", a => FdSeek(a[0].I32, a[1].I64, a[2].I32, a[3].I32)),
        "fd_tell" => ("ii", a => FdTell(a[0].I32, a[1].I32)),
        "fd_write" => ("iiii", a => FdWrite(a[0].I32, a[1].I32, a[2].I32, a[3].I32)),
        "path_create_directory" => ("iii", a => PathCreateDirectory(a[0].I32, a[1].I32, a[2].I32)),
        "path_filestat_get" => ("iiiii", a => PathFilestatGet(a[0].I32, a[1].I32, a[2].I32, a[3].I32, a[4].I32)),
        "path_filestat_set_times" => ("iiiilli", a => PathFilestatSetTimes(a[0].I32, a[1].I32, a[2].I32, a[3].I32, a[4].I64, a[5].I64, a[6].I32)),
        "path_link" => ("iiiiiii", _ => WasiErrno.NotSup),
        "path_open" => ("iiiiillii", a => PathOpen(a[0].I32, a[1].I32, a[2].I32, a[3].I32, a[4].I32, a[5].I64, a[6].I64, a[7].I32, a[8].I32)),
        "path_readlink" => ("iiiiii", a => PathReadlink(a[0].I32, a[1].I32, a[2].I32, a[3].I32, a[4].I32, a[5].I32)),
        "path_remove_directory" => ("iii", a => PathRemoveDirectory(a[0].I32, a[1].I32, a[2].I32)),
        "path_rename" => ("iiiiii", a => PathRename(a[0].I32, a[1].I32, a[2].I32, a[3].I32, a[4].I32, a[5].I32)),
        "path_symlink" => ("iiiii", a => PathSymlink(a[0].I32, a[1].I32, a[2].I32, a[3].I32, a[4].I32)),
        "path_unlink_file" => ("iii", a => PathUnlinkFile(a[0].I32, a[1].I32, a[2].I32)),

        // No network: a WASI host hands out sockets only through preopened socket descriptors, and there are none.
        "sock_accept" => ("iii", _ => WasiErrno.NotSup),
        "sock_recv" => ("iiiiii", _ => WasiErrno.NotSup),
        "sock_send" => ("iiiii", _ => WasiErrno.NotSup),
        "sock_shutdown" => ("ii", _ => WasiErrno.NotSup),
        _ => null,
    };
}
