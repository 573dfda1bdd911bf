using Renci.SshNet;
using SshMcp.TestKit;

namespace SshMcp.Bench.Floors;

/// <summary>The floors that need only SSH.NET: connecting and starting a shell, and a one-off command's output.</summary>
internal static class RawSsh
{
    /// <summary>The bare shell of the latency floors: no profile, no rc file.</summary>
    public const string BareShell = "exec bash --noprofile --norc -s";

    /// <summary>What the server starts too: the user's login shell, profile included.</summary>
    public const string LoginShell = "exec \"$SHELL\" -l";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>Connect, authenticate with the password, start a login shell and see it answer: the floor of ssh_open.</summary>
    public static async Task<(SshClient Client, RawShell Shell)> OpenLoginShellAsync(TestSshd sshd)
    {
        var client = await SshTestClient.ConnectWithPasswordAsync(sshd);
        try
        {
            return (client, await RawShell.StartAsync(client, LoginShell));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Runs a one-off command and counts its stdout bytes as they stream in.</summary>
    public static async Task<(long Bytes, int? ExitStatus)> CountOutputAsync(SshClient client, string commandText)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var command = client.CreateCommand(commandText);
        var exec = command.ExecuteAsync(CancellationToken.None);
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        int read;
        using var deadline = new CancellationTokenSource(Bound);
        while ((read = await command.OutputStream.ReadAsync(buffer, deadline.Token)) > 0)
        {
            bytes += read;
        }

        await exec.WaitAsync(Bound);
        return (bytes, command.ExitStatus);
    }
}
