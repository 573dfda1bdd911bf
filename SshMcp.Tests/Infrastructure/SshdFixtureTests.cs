using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Renci.SshNet.Common;

namespace SshMcp.Tests.Infrastructure;

[Collection(SshdCollection.Name)]
public sealed class SshdFixtureTests(SshdFixture sshd)
{
    private static readonly TimeSpan Bound = SshTestClient.Bound;
    private static readonly TimeSpan LifecycleBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Banner_OnConnect_StartsWithSsh2()
    {
        var banner = await SshBanner.ReadAsync(sshd.Host, sshd.Port, Bound, CancellationToken.None);

        Assert.StartsWith("SSH-2.0-OpenSSH_", banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordLogin_RunIdUn_PrintsTestUser()
    {
        using var client = await SshTestClient.ConnectWithPasswordAsync(sshd);

        Assert.Equal(sshd.Username, (await SshTestClient.RunAsync(client, "id -un")).Trim());
    }

    [Fact]
    public async Task KeyLogin_WithPrivateKeyText_PrintsTestUser()
    {
        using var client = await SshTestClient.ConnectWithKeyTextAsync(sshd);

        Assert.Equal(sshd.Username, (await SshTestClient.RunAsync(client, "id -un")).Trim());
    }

    [Fact]
    public async Task HostKeyFingerprintSha256_ComparedWithSshKeygen_IsIdentical()
    {
        var keygen = (await LocalCommand.RunAsync(
            "ssh-keygen", ["-l", "-f", "-"], CancellationToken.None, sshd.HostPublicKeyLine + "\n").WaitAsync(Bound))
            .ThrowUnlessExitCodeIn();

        Assert.Equal(sshd.HostKeyFingerprintSha256, keygen.StandardOutput.Split(' ')[1]);
        Assert.Equal($"[127.0.0.1]:{sshd.Port} ssh-ed25519 {sshd.HostPublicKeyLine.Split(' ')[1]}", sshd.KnownHostsLine);
    }

    [Fact]
    public async Task ListUserProcesses_WhileSleepRunsOverSsh_ListsItUntilCancelled()
    {
        var commandText = UniqueSleep();
        using var client = await SshTestClient.ConnectWithPasswordAsync(sshd);
        using var command = client.CreateCommand(commandText);
        using var cancel = new CancellationTokenSource();
        var running = command.ExecuteAsync(cancel.Token);

        var sleep = await sshd.WaitForProcessAsync(p => p.Args == commandText, Bound, CancellationToken.None);
        Assert.NotNull(sleep);
        Assert.Equal(sleep.Pid, sleep.Pgid); // sshd runs a command without a PTY in a session of its own.

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Bound));
        Assert.True(await sshd.WaitForNoProcessAsync(p => p.Pid == sleep.Pid, Bound, CancellationToken.None));
    }

    [Fact]
    public async Task KillConnectionProcesses_WhileCommandRuns_DropsConnection()
    {
        var commandText = UniqueSleep();
        using var client = await SshTestClient.ConnectWithPasswordAsync(sshd);
        using var command = client.CreateCommand(commandText);
        var running = command.ExecuteAsync(CancellationToken.None);
        var sleep = await sshd.WaitForProcessAsync(p => p.Args == commandText, Bound, CancellationToken.None);
        Assert.NotNull(sleep);

        var killed = await sshd.KillConnectionProcessesAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.True(killed > 0, "No connection process was found on the fixture's port.");
        await Assert.ThrowsAsync<SshConnectionException>(() => running.WaitAsync(Bound));
        // Like a real network failure, a dropped connection leaves the command running on the host.
        Assert.Contains(await sshd.ListUserProcessesAsync(CancellationToken.None), p => p.Pid == sleep.Pid);
        using (var orphan = Process.GetProcessById(sleep.Pid))
        {
            orphan.Kill();
        }

        Assert.True(await sshd.WaitForNoProcessAsync(p => p.Pid == sleep.Pid, Bound, CancellationToken.None));
    }

    [Fact]
    public async Task RestartWithNewHostKey_AfterRestart_ServesNewKeyOnSamePort()
    {
        var own = new SshdFixture();
        await own.InitializeAsync().WaitAsync(LifecycleBound);
        try
        {
            var (port, fingerprint) = (own.Port, own.HostKeyFingerprintSha256);

            await own.RestartWithNewHostKeyAsync(CancellationToken.None).WaitAsync(Bound);

            Assert.Equal(port, own.Port);
            Assert.NotEqual(fingerprint, own.HostKeyFingerprintSha256);
            // The client trusts only the fingerprint the fixture now reports.
            using var client = await SshTestClient.ConnectWithPasswordAsync(own);
            Assert.Equal(own.Username, (await SshTestClient.RunAsync(client, "id -un")).Trim());
        }
        finally
        {
            await own.DisposeAsync().WaitAsync(LifecycleBound);
        }
    }

    [Fact]
    public async Task DisposeAsync_WithOpenConnection_StopsSshdAndDeletesTempDirectory()
    {
        var own = new SshdFixture();
        await own.InitializeAsync().WaitAsync(LifecycleBound);
        using var client = await SshTestClient.ConnectWithPasswordAsync(own);

        await own.DisposeAsync().WaitAsync(LifecycleBound);

        Assert.False(Directory.Exists(own.TempDirectory));
        Assert.Empty(SocketOwners.WithEstablishedLocalPort(own.Port));
        await Assert.ThrowsAnyAsync<SocketException>(() => SshBanner.ReadAsync(own.Host, own.Port, Bound, CancellationToken.None));
    }

    // A fractional duration no other test uses, so the process list can be searched for it.
    private static string UniqueSleep() => $"sleep 600.{RandomNumberGenerator.GetInt32(1_000_000):D6}";
}
