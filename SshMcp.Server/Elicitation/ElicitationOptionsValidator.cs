using Microsoft.Extensions.Options;

namespace SshMcp.Server.Elicitation;

/// <summary>Checks <see cref="ElicitationOptions"/> at start and names the setting to fix.</summary>
internal sealed class ElicitationOptionsValidator : IValidateOptions<ElicitationOptions>
{
    public ValidateOptionsResult Validate(string? name, ElicitationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = ElicitationOptions.SectionName;
        if (options.TimeoutSeconds is < 10 or > 3600)
        {
            failures.Add($"Set {Section}:{nameof(options.TimeoutSeconds)} to between 10 and 3600 seconds (now {options.TimeoutSeconds}).");
        }

        if (options.IdleSeconds is < 1 or > 3600)
        {
            failures.Add($"Set {Section}:{nameof(options.IdleSeconds)} to between 1 and 3600 seconds (now {options.IdleSeconds}).");
        }

        if (options.ListenerPort is < 0 or > 65535)
        {
            failures.Add($"Set {Section}:{nameof(options.ListenerPort)} to a TCP port, or 0 for a free one (now {options.ListenerPort}).");
        }

        if (!string.IsNullOrEmpty(options.PublicUrl)
            && (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment)))
        {
            failures.Add($"Set {Section}:{nameof(options.PublicUrl)} to an http or https URL without query or fragment, as a browser reaches this server (now '{options.PublicUrl}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
