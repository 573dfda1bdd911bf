using Microsoft.Extensions.Options;

namespace SshMcp.Server.Audit;

/// <summary>Checks the audit settings at start and names the one to fix.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public const long MinBytes = 64 * 1024;

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = AuditOptions.SectionName;
        var failures = new List<string>();
        if (!AuditCommandMode.IsValid(options.Commands))
        {
            failures.Add($"Set {Section}:Commands to record, hash or none (now '{options.Commands}').");
        }

        if (options.MaxBytes < MinBytes)
        {
            failures.Add($"Set {Section}:MaxBytes to at least {MinBytes} (now {options.MaxBytes}).");
        }

        if (options.MaxFiles < 1)
        {
            failures.Add($"Set {Section}:MaxFiles to 1 or more rotated files to keep (now {options.MaxFiles}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
