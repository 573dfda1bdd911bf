using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.HostKeys;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The system OpenSSH client: the user's ssh_config, agent, ProxyJump, ProxyCommand and certificates apply because
/// ssh applies them. One master per session in a private directory, started explicitly (never ControlMaster=auto,
/// whose dead sockets hang), every ssh bounded by our deadline and killed with its children past it. What the call
/// adds (a password, a key, a passphrase, a pin) and the server's host key policy reach ssh without any secret in argv
/// or an environment, and only to the target, never to a jump host: see <see cref="CallCredentials"/>,
/// <see cref="HelperAnswers"/> and <see cref="HostKeyAnswers"/>.
/// </summary>
internal sealed class OpenSshTransport(
    OpenSshClient client,
    HostKeyTrust hostKeys,
    IOptions<SshMcpOptions> options,
    TimeProvider time,
    ILogger<OpenSshTransport> logger) : ISshTransport, IAutoSelectable
{
    public const string TransportName = "openssh";

    private int _swept;

    public string Name => TransportName;

    public bool IsAvailable => client.IsUsable;

    /// <summary>The first open of this server removes what killed servers left in the temp directory (in the background).</summary>
    private void SweepStaleOnce()
    {
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            _ = Task.Run(() =>
            {
                if (StaleSessionDirectories.Sweep(Path.GetTempPath()) is var removed and > 0)
                {
                    OpenSshLog.StaleDirectoriesRemoved(logger, removed);
                }
            });
        }
    }

    public async Task<SshConnectResult> ConnectAsync(OpenRequest request, CancellationToken deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sshPath = RequireClient();
        SweepStaleOnce();
        if (request.Route is { } route)
        {
            // Only the first hop is this machine's to resolve; the later ones are their jump hosts'.
            var first = route.Hops[0];
            try
            {
                await HopName.RequireKnownAsync(first, request.ConnectTimeout, deadline, cancellationToken);
            }
            catch (SshFailureException failure) when (!first.IsTarget)
            {
                // Said through the jump host, as sshnet says it.
                throw Failures.AtJumpHost(first.Label, $"'{route.Target.Alias}'", failure);
            }
        }

        var context = CredentialContext.FromOptions(options.Value, Environment.GetEnvironmentVariable, logger);
        // Nothing to log in with fails before anything starts, unless a person can be asked for a password.
        if (request.Prompter is null && CallCredentials.NoneAtAll(request, context, configRead: !string.Equals(options.Value.SshConfigPath, "none", StringComparison.OrdinalIgnoreCase)))
        {
            throw await LoginFailure.NoCredentialsAsync(request, context, cancellationToken);
        }

        // A target known by one key first tries without the helper's host key checks; a refused key goes the usual way.
        var known = KnownTargetKey.Find(hostKeys, request, globalFilesOff: options.Value.KnownHostsPath is not null);
        if (known is not null && await ConnectOnceAsync(request, known, sshPath, context, deadline, cancellationToken) is { } quick)
        {
            return quick;
        }

        return await ConnectOnceAsync(request, null, sshPath, context, deadline, cancellationToken)
            ?? throw new InvalidOperationException("Only the shortcut for a known key gives up to be tried again.");
    }

    /// <returns>Null when <paramref name="known"/> was used and ssh refused the host's key: try again without it.</returns>
    private async Task<SshConnectResult?> ConnectOnceAsync(OpenRequest request, KnownTargetKey? known, string sshPath, CredentialContext context, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var directory = SessionDirectory.Create();
        OpenSshMaster? master = null;
        HelperBroker? broker = null;
        CallCredentials? credentials = null;
        var connected = false;
        try
        {
            credentials = CallCredentials.Create(request, directory, context.Environment);
            var prompts = new LoginPrompts(request.Password, request.Passphrase, credentials.KeySources);
            var keys = new HostKeyAnswers(hostKeys, request.Host, request.HostKeyFingerprint, request.Route);
            HelperScript.WriteInto(directory);
            if (known is not null)
            {
                directory.WriteFile(directory.KnownHosts, Encoding.UTF8.GetBytes(known.Line + "\n"));
            }

            directory.WriteFile(directory.ConfigFile, Encoding.UTF8.GetBytes(OpenSshConfigFile.Render(directory, options.Value, request.Route, known)));
            var person = new PersonPrompts(request.Prompter, request.Target.User, request.Target.HostName, request.Target.Port);
            var answers = new HelperAnswers(request, prompts, person, keys, logger, cancellationToken);
            broker = HelperBroker.Start(directory, answers.AnswerAsync, logger);
            var launch = new OpenSshLaunch(sshPath, request.Host, ChildVariables(directory));
            // The master runs the session's shell itself (the connection hands it to the first start of that command).
            master = OpenSshMaster.Start(sshPath, OpenSshCommandLine.Master(directory, request, credentials, known), launch.Environment, directory.ControlSocket);
            answers.MasterStarted(master.Id);

            using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
            try
            {
                await Task.WhenAny(master.Ready, master.Exited).WaitAsync(either.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw keys.FirstRefusal is { } refused
                    ? LoginFailure.Refusal(request, refused)
                    : Failures.ConnectTimeout(request.Target.HostName, request.Target.Port, request.ConnectTimeout);
            }

            if (!master.Ready.IsCompleted)
            {
                await master.Exited;
                var messages = await master.ReadMessagesAsync();
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    OpenSshLog.MasterFailed(logger, request.Target.HostName, request.Target.Port, master.ExitCode, messages);
                }

                if (known is not null && person.Failure is null && messages.Contains(KnownTargetKey.RefusedMessage, StringComparison.Ordinal))
                {
                    OpenSshLog.KnownKeyRefused(logger, request.Target.HostName, request.Target.Port);
                    return null;
                }

                throw person.Failure ?? await LoginFailure.FromMessagesAsync(request, messages, prompts, keys, context, time, cancellationToken);
            }

            keys.LoginSucceeded();
            var target = known?.Target ?? keys.Target ?? throw Failures.NoHostKey(request.Target.HostName, request.Target.Port);
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            OpenSshLog.MasterReady(logger, request.Target.HostName, request.Target.Port, master.Id, elapsedMs);
            connected = true;
            return new SshConnectResult(new OpenSshConnection(master, directory, launch, logger), target.Decision.Fingerprint, target.Decision.Status);
        }
        finally
        {
            if (broker is not null)
            {
                await broker.DisposeAsync();
            }

            credentials?.Forget();
            if (!connected)
            {
                master?.Dispose();
                directory.Dispose();
            }
        }
    }

    private string RequireClient()
    {
        if (client.Path is not { } path)
        {
            throw Failures.OpenSshMissing();
        }

        return client.IsUsable ? path : throw Failures.OpenSshTooOld(path, client.Version, OpenSshClient.MinimumVersion);
    }

    /// <summary>ssh's environment besides the server's (secrets removed): the helper as its only way to ask anything.</summary>
    private Dictionary<string, string?> ChildVariables(SessionDirectory directory)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SSH_ASKPASS"] = directory.Helper,
            ["SSH_ASKPASS_REQUIRE"] = "force",
        };
        if (string.Equals(options.Value.AgentSocket?.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            variables[Ssh.Agent.AgentLocation.AuthSocketVariable] = null;
        }

        return variables;
    }
}
