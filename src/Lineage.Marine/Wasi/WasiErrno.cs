// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.Wasi;

/// <summary>WASI preview 1 error numbers used by the Marine WASI subset.</summary>
internal static class WasiErrno
{
    public const int Success = 0;
    public const int Access = 2;
    public const int BadDescriptor = 8;
    public const int Exists = 20;
    public const int Fault = 21;
    public const int Invalid = 28;
    public const int Io = 29;
    public const int IsDirectory = 31;
    public const int NameTooLong = 37;
    public const int NoEntry = 44;
    public const int NotImplemented = 52;
    public const int NotDirectory = 54;
    public const int NotEmpty = 55;
    public const int Permission = 63;
    public const int SeekOnPipe = 70;
    public const int NotCapable = 76;
}
