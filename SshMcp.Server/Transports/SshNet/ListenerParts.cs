using System.Net.Sockets;
using System.Reflection;
using Renci.SshNet;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>
/// Stops a <see cref="ForwardedPortLocal"/>'s listener without its <c>StopPort</c>, which would also close the channels
/// it opened (see <see cref="ConnectOnlyForward"/>), and without disposing it. SSH.NET exposes neither, so this sets
/// its private status to stopped and disposes its private listening socket; false when this SSH.NET has no such
/// fields (the caller then disposes the port, as before).
/// </summary>
internal static class ListenerParts
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    private static readonly FieldInfo? Status = typeof(ForwardedPortLocal).GetField("_status", Private);
    private static readonly FieldInfo? Listener = typeof(ForwardedPortLocal).GetField("_listener", Private);
    private static readonly object? Stopped = Status?.FieldType.GetField("Stopped", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null);

    public static bool TryStop(ForwardedPortLocal port)
    {
        if (Status is null || Listener?.FieldType != typeof(Socket) || Stopped is null)
        {
            return false;
        }

        Status.SetValue(port, Stopped);
        (Listener.GetValue(port) as Socket)?.Dispose();
        return true;
    }
}
