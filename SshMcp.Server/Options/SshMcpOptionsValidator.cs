using Microsoft.Extensions.Options;
using SshMcp.Server.Ssh.Config;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Options;

/// <summary>Checks the settings at start and names the one to fix.</summary>
internal sealed class SshMcpOptionsValidator : IValidateOptions<SshMcpOptions>
{
    public ValidateOptionsResult Validate(string? name, SshMcpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, options.DefaultTimeoutMs, nameof(options.DefaultTimeoutMs));
        Positive(failures, options.MaxTimeoutMs, nameof(options.MaxTimeoutMs));
        Positive(failures, options.ConnectTimeoutMs, nameof(options.ConnectTimeoutMs));
        Positive(failures, options.IdleTimeoutMinutes, nameof(options.IdleTimeoutMinutes));
        Positive(failures, options.StopTimeoutMs, nameof(options.StopTimeoutMs));
        Positive(failures, options.MaxSessions, nameof(options.MaxSessions));
        Positive(failures, options.MaxSessionsPerPrincipal, nameof(options.MaxSessionsPerPrincipal));
        Positive(failures, options.LivenessCheckSeconds, nameof(options.LivenessCheckSeconds));
        Positive(failures, options.MaxCommandBytes, nameof(options.MaxCommandBytes));
        Positive(failures, options.AgentTimeoutMs, nameof(options.AgentTimeoutMs));
        if (options.MaxOutputBytes < 1024)
        {
            failures.Add($"Set {SshMcpOptions.SectionName}:{nameof(options.MaxOutputBytes)} to at least 1024 (now {options.MaxOutputBytes}).");
        }

        if (options.MaxOutputBytesLimit < options.MaxOutputBytes)
        {
            failures.Add($"{SshMcpOptions.SectionName}:{nameof(options.MaxOutputBytesLimit)} ({options.MaxOutputBytesLimit}) must be at least {nameof(options.MaxOutputBytes)} ({options.MaxOutputBytes}).");
        }

        if (options.Output.SpoolBytesPerSession is > 0 and < OutputOptions.MinimumSpoolBytes)
        {
            failures.Add($"Set {SshMcpOptions.SectionName}:Output:{nameof(options.Output.SpoolBytesPerSession)} to 0 (no spool) or at least {OutputOptions.MinimumSpoolBytes} (now {options.Output.SpoolBytesPerSession}).");
        }

        if (options.Output.SpoolBytesPerSession < 0)
        {
            failures.Add($"Set {SshMcpOptions.SectionName}:Output:{nameof(options.Output.SpoolBytesPerSession)} to 0 (no spool) or more bytes (now {options.Output.SpoolBytesPerSession}).");
        }

        if (options.Runs.RetentionHours is < 1 or > RunsOptions.MaxRetentionHours)
        {
            failures.Add($"Set {SshMcpOptions.SectionName}:Runs:{nameof(options.Runs.RetentionHours)} between 1 and {RunsOptions.MaxRetentionHours} (now {options.Runs.RetentionHours}).");
        }

        if (options.DefaultTimeoutMs > options.MaxTimeoutMs)
        {
            failures.Add($"{SshMcpOptions.SectionName}:{nameof(options.DefaultTimeoutMs)} ({options.DefaultTimeoutMs}) must not exceed {nameof(options.MaxTimeoutMs)} ({options.MaxTimeoutMs}).");
        }

        if (!HostKeyPolicyParser.TryParse(options.HostKeyPolicy, out _))
        {
            failures.Add($"Set {SshMcpOptions.SectionName}:{nameof(options.HostKeyPolicy)} to one of {HostKeyPolicyParser.AllowedValues} (now '{options.HostKeyPolicy}').");
        }

        if (!SshConfigResolverFactory.Modes.Contains(options.SshConfigResolver))
        {
            failures.Add($"Set {SshMcpOptions.SectionName}:{nameof(options.SshConfigResolver)} to one of {string.Join(", ", SshConfigResolverFactory.Modes)} (now '{options.SshConfigResolver}').");
        }

        if (options.KeepAliveSeconds < 0)
        {
            failures.Add($"Set {SshMcpOptions.SectionName}:{nameof(options.KeepAliveSeconds)} to 0 (off) or more seconds.");
        }

        if (options.Files.MaxInlineBytes < options.MaxOutputBytes)
        {
            failures.Add($"Set {SshMcpOptions.SectionName}:Files:{nameof(FilesOptions.MaxInlineBytes)} to at least MaxOutputBytes ({options.MaxOutputBytes}; now {options.Files.MaxInlineBytes}).");
        }

        if (options.Files.Sftp is not ("auto" or "exec"))
        {
            failures.Add($"Set {SshMcpOptions.SectionName}:Files:{nameof(FilesOptions.Sftp)} to auto or exec (now '{options.Files.Sftp}').");
        }

        Positive(failures, options.Files.RequestTimeoutMs, "Files:" + nameof(FilesOptions.RequestTimeoutMs));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, int value, string setting)
    {
        if (value <= 0)
        {
            failures.Add($"Set {SshMcpOptions.SectionName}:{setting} to a positive number (now {value}).");
        }
    }
}
