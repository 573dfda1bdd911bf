using System.Text;
using Renci.SshNet;

namespace SshMcp.TestKit;

/// <summary>Opens SSH.NET connections to a <see cref="TestSshd"/>, pinned to its host key, with a bound on every wait.</summary>
public static class SshTestClient
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    public static Task<SshClient> ConnectWithPasswordAsync(TestSshd sshd) =>
        ConnectAsync(sshd, new PasswordAuthenticationMethod(sshd.Username, sshd.Password));

    public static Task<SshClient> ConnectWithKeyTextAsync(TestSshd sshd) =>
        ConnectAsync(sshd, new PrivateKeyAuthenticationMethod(
            sshd.Username, new PrivateKeyFile(new MemoryStream(Encoding.UTF8.GetBytes(sshd.PrivateKeyText)))));

    /// <summary>Connects and authenticates; only the fixture's current host key is trusted.</summary>
    public static async Task<SshClient> ConnectAsync(TestSshd sshd, AuthenticationMethod method)
    {
        // ConnectionInfo.Timeout bounds each step of the handshake; WaitAsync bounds the whole of it.
        var connectionInfo = new ConnectionInfo(sshd.Host, sshd.Port, sshd.Username, method) { Timeout = Bound };
        var client = new SshClient(connectionInfo);
        client.HostKeyReceived += (_, e) => e.CanTrust = $"SHA256:{e.FingerPrintSHA256}" == sshd.HostKeyFingerprintSha256;
        try
        {
            await client.ConnectAsync(CancellationToken.None).WaitAsync(Bound);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command to completion and returns its stdout.</summary>
    public static async Task<string> RunAsync(SshClient client, string commandText)
    {
        using var command = client.CreateCommand(commandText);
        await command.ExecuteAsync(CancellationToken.None).WaitAsync(Bound);
        return command.Result;
    }
}
