using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SshMcp.Server.Targets;

/// <summary>
/// Reads the allow lists from configuration. A list is a string of entries separated by <c>;</c> or white space
/// (<c>SshMcp__AllowedTargets="db-*.example.com:22; 10.0.0.0/8"</c>) or an array (<c>"AllowedTargets": [ … ]</c> in
/// JSON). Under <c>AllowedTargetsByPrincipal</c> the key is the principal, whose <c>:</c> is the configuration
/// separator, so <c>token:alice</c> and <c>oauth:auth0|42</c> are nested keys; a bare name means a token.
/// </summary>
internal sealed class TargetAllowListSetup(IConfiguration configuration) : IConfigureOptions<TargetAllowListOptions>
{
    private static readonly char[] Separators = [';', ' ', '\t', '\r', '\n'];

    public void Configure(TargetAllowListOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Global = ReadList(configuration.GetSection(TargetAllowList.GlobalSetting));
        var byPrincipal = configuration.GetSection(TargetAllowList.PerPrincipalSetting);
        Collect(byPrincipal, byPrincipal.Path.Length + 1, options);
    }

    private static void Collect(IConfigurationSection section, int prefixLength, TargetAllowListOptions options)
    {
        foreach (var child in section.GetChildren())
        {
            if (ReadList(child) is { } list)
            {
                options.ByPrincipal[TargetAllowListOptions.PrincipalId(child.Path[prefixLength..])] = list;
            }
            else
            {
                Collect(child, prefixLength, options);
            }
        }
    }

    /// <summary>The entries of a string or an array section; null when the section is neither (absent, empty, or nested further).</summary>
    private static List<string>? ReadList(IConfigurationSection section)
    {
        if (section.Value is { } value)
        {
            var entries = value.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            return entries.Length == 0 ? null : [.. entries];
        }

        var children = section.GetChildren().ToList();
        return children.Count > 0 && children.All(c => int.TryParse(c.Key, out _) && c.Value is not null)
            ? [.. children.Select(c => c.Value!.Trim()).Where(v => v.Length > 0)]
            : null;
    }
}
