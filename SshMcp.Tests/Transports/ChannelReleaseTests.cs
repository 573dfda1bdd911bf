using System.Text;
using SshMcp.Server.Transports;
using SshMcp.Tests.Infrastructure;
using SshMcp.Tests.Ssh.Agent;

namespace SshMcp.Tests.Transports;

/// <summary>
/// A channel released just as the host closes it (a file write's guard, once it answered "done") leaves the connection
/// and its other channels working. On sshnet, releasing it used to send EOF through the input stream, which SSH.NET
/// checks outside the channel's lock: the EOF could follow the CLOSE that SSH.NET had just sent back, and sshd then
/// ends the whole connection for a message to a channel it freed. File tests lost their session this way about once
/// in twenty runs; this test lost it within a second every time.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class ChannelReleaseTests(SshdFixture sshd)
{
    private const int Releases = 100;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Theory]
    [Transports]
    public async Task Release_AsTheHostClosesTheChannel_KeepsTheConnectionAndItsShell(string transport)
    {
        await using var server = await McpServerHarness.StartAsync();
        using var deadline = new CancellationTokenSource(Bound);
        await using var connection = await DirectConnect.WithPasswordAsync(server, sshd, transport, deadline.Token);
        // A channel that stays open through the releases, as a session's shell does.
        var shellOutput = new Sink();
        using var shell = await connection.StartAsync("cat", shellOutput, deadline.Token);

        for (var i = 0; i < Releases; i++)
        {
            // Released as its answer arrives, as a file write's guard is once it said "done": the host is closing the
            // channel at that very moment, and the server has written to its stdin.
            var ending = new Sink();
            var process = await connection.StartAsync("read line; echo \"$line\"", ending, deadline.Token);
            await process.WriteAsync(Encoding.ASCII.GetBytes("done\n"), deadline.Token);
            await ending.FirstData.WaitAsync(deadline.Token);
            process.Dispose();
        }

        await shell.WriteAsync(Encoding.ASCII.GetBytes("still here\n"), deadline.Token);
        var echoed = await shellOutput.FirstData.WaitAsync(deadline.Token);
        var answer = await connection.RunAsync("echo answered", ReadOnlyMemory<byte>.Empty, Bound, deadline.Token);

        Assert.True(connection.IsConnected, "the connection ended");
        Assert.Equal("still here\n", echoed);
        Assert.Equal((0, "answered\n"), (answer.ExitStatus, answer.Stdout));
    }

    private sealed class Sink : IRemoteOutput
    {
        private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> FirstData => _first.Task;

        public void OnData(RemoteStream stream, ReadOnlySpan<byte> data)
        {
            if (stream == RemoteStream.Stdout)
            {
                _first.TrySetResult(Encoding.ASCII.GetString(data));
            }
        }

        public void OnClosed(RemoteStream stream)
        {
            if (stream == RemoteStream.Stdout)
            {
                _first.TrySetException(new IOException("stdout closed before any data"));
            }
        }
    }
}
