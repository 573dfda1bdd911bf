using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>The two POSIX calls .NET does not offer: making a FIFO, and growing a pipe (Linux).</summary>
internal static partial class Native
{
    private const int SetPipeSize = 1031; // F_SETPIPE_SZ, Linux 2.6.35+

    public static bool MakeFifo(string path, UnixFileMode mode) => MakeFifoCore(path, (uint)mode) == 0;

    /// <summary>
    /// Asks Linux for a pipe of <paramref name="bytes"/> (rounded up to pages, at most /proc/sys/fs/pipe-max-size): a
    /// command's big output then crosses in fewer, larger reads, each costing a wake-up of both ends. Pages are only
    /// taken while data waits in the pipe. Elsewhere, or when refused, the pipe keeps its size.
    /// </summary>
    public static void TryGrowPipe(SafePipeHandle pipe, int bytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var added = false;
        try
        {
            pipe.DangerousAddRef(ref added);
            _ = Fcntl(pipe.DangerousGetHandle().ToInt32(), SetPipeSize, bytes);
        }
        finally
        {
            if (added)
            {
                pipe.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifoCore(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
