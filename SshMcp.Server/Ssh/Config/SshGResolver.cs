using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// Resolves with the OpenSSH client itself: runs <c>ssh -G [-F file] [-l user] [-p port] -- alias</c> (argv only,
/// no shell, no secret, a scrubbed environment, a deadline) and reads what it prints. ssh reads the config of the
/// account's home in the password database and /etc/ssh/ssh_config, or only <c>-F</c>'s file. With a
/// <see cref="SshGOutputCache"/>, a command line asked again while those files are unchanged runs no ssh.
/// </summary>
internal sealed class SshGResolver : ISshConfigResolver
{
    private const int MaxOutputChars = 256 * 1024;

    private readonly string _sshPath;
    private readonly string? _configPath;
    private readonly LocalAccount _account;
    private readonly TimeSpan _timeout;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly ILogger _logger;
    private readonly SshGOutputCache? _cache;

    /// <param name="sshPath">The ssh program (tests pass a wrapper that runs it as another user).</param>
    /// <param name="configPath">Passed as <c>-F</c>; null or empty for ssh's own files, <c>none</c> for no file.</param>
    /// <param name="account">The account ssh runs as, for the tokens ssh expands only when it connects.</param>
    /// <param name="cache">Keeps ssh's output while its inputs stay the same; null runs ssh every time.</param>
    public SshGResolver(string sshPath, string? configPath, LocalAccount account, TimeSpan timeout, Func<string, string?>? getEnvironmentVariable = null, ILogger? logger = null, SshGOutputCache? cache = null)
    {
        _sshPath = sshPath;
        _configPath = string.IsNullOrEmpty(configPath) ? null : configPath;
        _account = account;
        _timeout = timeout;
        _getEnvironmentVariable = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        _logger = logger ?? NullLogger.Instance;
        _cache = cache;
    }

    public string Name => "ssh";

    public async Task<ResolvedTarget> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var arguments = Arguments(request);
        var startInfo = StartInfo(arguments);
        var output = _cache is null
            ? await RunAsync(startInfo, request.Alias, cancellationToken)
            : await _cache.GetOrRunAsync(
                string.Join('\0', [_sshPath, .. arguments]),
                ConfigSnapshot.Take(_sshPath, _configPath, _account, BuiltinConfigResolver.DefaultSystemConfigPath, startInfo.Environment),
                request.Alias,
                () => RunAsync(startInfo, request.Alias, cancellationToken));
        return TargetBuilder.Build(SshGOutputParser.Parse(output), request, _account, _getEnvironmentVariable);
    }

    internal List<string> Arguments(ResolveRequest request)
    {
        // -T: no "Pseudo-terminal will not be allocated" line on stderr. "--": the alias is never an option.
        var arguments = new List<string> { "-G", "-T" };
        if (_configPath is not null)
        {
            arguments.AddRange(["-F", _configPath]);
        }

        if (request.User is not null)
        {
            arguments.AddRange(["-l", request.User]);
        }

        if (request.Port is { } port)
        {
            arguments.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture)]);
        }

        if (request.IgnoreProxy)
        {
            // Set first, so the config's ProxyCommand and ProxyJump both lose, as for the later hops of ssh's own ProxyJump.
            arguments.AddRange(["-o", "ProxyCommand=none"]);
        }

        arguments.AddRange(["--", request.Alias]);
        return arguments;
    }

    private ProcessStartInfo StartInfo(List<string> arguments)
    {
        var startInfo = new ProcessStartInfo(_sshPath, arguments)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        ChildEnvironment.RemoveSecrets(startInfo.Environment);
        if (_account.HomeVariable is { } home)
        {
            startInfo.Environment["HOME"] = home; // where ssh's glob looks for ~ in Include
        }

        return startInfo;
    }

    private async Task<string> RunAsync(ProcessStartInfo startInfo, string alias, CancellationToken cancellationToken)
    {
        using var process = Start(startInfo);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            process.StandardInput.Close();
            var stderr = ReadBoundedAsync(process.StandardError, deadline.Token);
            var output = await ReadBoundedAsync(process.StandardOutput, deadline.Token)
                ?? throw SshConfigErrors.SshFailed(alias, $"it printed more than {MaxOutputChars / 1024} KiB");
            await process.WaitForExitAsync(deadline.Token);
            var error = await stderr;
            if (process.ExitCode == 0)
            {
                return output;
            }

            ConfigLog.SshFailed(_logger, alias, process.ExitCode, error ?? "");
            throw SshConfigErrors.SshFailed(alias, FirstLine(error) ?? $"exit code {process.ExitCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw SshConfigErrors.SshTimedOut(alias, _timeout);
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    private Process Start(ProcessStartInfo startInfo)
    {
        try
        {
            return Process.Start(startInfo) ?? throw SshConfigErrors.SshCannotStart(_sshPath, "no process");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw SshConfigErrors.SshCannotStart(_sshPath, e.Message);
        }
    }

    /// <summary>Reads a stream to its end, or returns null once it passes the bound (ssh -G prints a few KiB).</summary>
    private static async Task<string?> ReadBoundedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (text.Length + read > MaxOutputChars)
            {
                return null;
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    private static string? FirstLine(string? text) =>
        text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in between.
        }
    }
}
