using Renci.SshNet;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>
/// An authenticated SSH.NET client (the last of <paramref name="clients"/>): each command gets an exec channel of its
/// own on it. The clients before it are the jump hosts it is reached through, in connect order; the connection owns
/// them all and disposes them from the target back to the first jump host.
/// </summary>
internal sealed class SshNetConnection(IReadOnlyList<SshClient> clients, string name) : ISshConnection
{
    private static readonly TimeSpan DisconnectBound = TimeSpan.FromSeconds(3);
    private const int MaxResultChars = 64 * 1024;

    private readonly SshClient _client = clients[^1];
    private int _disposed;

    public string Transport => SshNetTransport.TransportName;

    public bool IsConnected => Volatile.Read(ref _disposed) == 0 && clients.All(c => c.IsConnected);

    public async Task<IRemoteProcess> StartAsync(string commandLine, IRemoteOutput output, CancellationToken cancellationToken) =>
        await SshNetProcess.StartAsync(_client, commandLine, output, name, cancellationToken);

    /// <summary>SSH.NET exposes no subsystem request, so this runs the host's sftp-server program (see the script).</summary>
    public async Task<IRemoteProcess> StartSftpAsync(IRemoteOutput output, CancellationToken cancellationToken) =>
        await SshNetProcess.StartAsync(_client, Shell.ShellScripts.SftpServer, output, name, cancellationToken);

    public async Task<RemoteResult> RunAsync(string commandLine, ReadOnlyMemory<byte> input, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var command = _client.CreateCommand(commandLine);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(bound);
        try
        {
            var exec = await SshNetChannels.ExecuteAsync(command, deadline.Token);
            using (var stdin = command.CreateInputStream())
            {
                stdin.Write(input.Span);
            }

            await exec.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the command did not finish within {bound.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (SshNetErrors.TranslateChannel(ex) is { } failure)
        {
            throw failure;
        }

        return new RemoteResult(command.ExitStatus, Bounded(command.Result), Bounded(command.Error));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await DisposeClientsAsync(clients);
    }

    /// <summary>Disposes <paramref name="clients"/> from the last to the first, each bounded (a disconnect waits for the transport to wind down).</summary>
    public static async Task DisposeClientsAsync(IReadOnlyList<SshClient> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        for (var i = clients.Count - 1; i >= 0; i--)
        {
            try
            {
                await Task.Run(clients[i].Dispose).WaitAsync(DisconnectBound);
            }
            catch (TimeoutException)
            {
                // Left to finish on its own: the socket is being torn down either way.
            }
        }
    }

    private static string Bounded(string text) => text.Length <= MaxResultChars ? text : text[..MaxResultChars];
}
