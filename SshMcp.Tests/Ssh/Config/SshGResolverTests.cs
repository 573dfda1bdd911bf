using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Config;

namespace SshMcp.Tests.Ssh.Config;

/// <summary>How the ssh -G resolver runs ssh: its argv, its environment, its deadline.</summary>
public sealed class SshGResolverTests
{
    private const string SecretVariable = "SSHMCP_CONFIG_TEST_PASSWORD";

    static SshGResolverTests() => Environment.SetEnvironmentVariable(SecretVariable, "not-for-children");

    [Fact]
    public void Arguments_FullRequest_AreArgvWithTheAliasAfterDoubleDash()
    {
        var resolver = new SshGResolver("/usr/bin/ssh", "/etc/cfg", LocalAccount.Current(), TimeSpan.FromSeconds(1));

        var arguments = resolver.Arguments(new ResolveRequest("web", "deploy", 2200, IgnoreProxy: true));

        Assert.Equal(["-G", "-T", "-F", "/etc/cfg", "-l", "deploy", "-p", "2200", "-o", "ProxyCommand=none", "--", "web"], arguments);
    }

    [Fact]
    public async Task Resolve_Always_GivesSshNoSecretVariableAndThePrivateHome()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Host web\n  User deploy\n");
        var wrapper = Path.Join(workspace.Root, "ssh-wrapper");
        File.WriteAllText(wrapper, $"#!/bin/sh\nenv > '{workspace.Root}/env.txt'\nexec '{ConfigWorkspace.SshPath}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var target = await workspace.Ssh(sshPath: wrapper).ResolveAsync(new("web"), CancellationToken.None);

        var environment = File.ReadAllLines(Path.Join(workspace.Root, "env.txt"));
        Assert.Equal("deploy", target.User);
        Assert.DoesNotContain(environment, line => line.StartsWith(SecretVariable + "=", StringComparison.Ordinal));
        Assert.Contains($"HOME={workspace.Home}", environment);
    }

    [Fact]
    public async Task Resolve_SshHangs_FailsAtTheDeadlineAndKillsIt()
    {
        const string Marker = "31.4159";
        using var workspace = new ConfigWorkspace().WithConfig($"Match exec \"sleep {Marker}\"\n  User x\n");

        var failure = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Ssh(timeout: TimeSpan.FromMilliseconds(500)).ResolveAsync(new("web"), CancellationToken.None));

        Assert.Equal(SshFailureKind.Timeout, failure.Kind);
        Assert.Contains("did not finish within 0.5 s", failure.Message, StringComparison.Ordinal);
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(!ProcessesWithArgument(Marker).Any()), TimeSpan.FromSeconds(10), CancellationToken.None), "ssh -G or its Match exec command outlived the deadline");
    }

    [Fact]
    public async Task Resolve_CallerCancels_PropagatesCancellationNotTimeout()
    {
        const string Marker = "27.1828";
        using var workspace = new ConfigWorkspace().WithConfig($"Match exec \"sleep {Marker}\"\n  User x\n");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => workspace.Ssh().ResolveAsync(new("web"), cancellation.Token));
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(!ProcessesWithArgument(Marker).Any()), TimeSpan.FromSeconds(10), CancellationToken.None), "ssh -G outlived the cancellation");
    }

    private static IEnumerable<int> ProcessesWithArgument(string argument)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Join(directory, "cmdline"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (commandLine.Split('\0').Contains(argument) && int.TryParse(Path.GetFileName(directory), out var pid))
            {
                yield return pid;
            }
        }
    }
}
