using SshMcp.Server.Principals;

namespace SshMcp.Server.Targets;

/// <summary>
/// The allow list as configured (see <see cref="TargetAllowListSetup"/>): <c>SshMcp:AllowedTargets</c> and
/// <c>SshMcp:AllowedTargetsByPrincipal:&lt;principal&gt;</c>, each a list of entries (<see cref="TargetPattern"/>).
/// </summary>
public sealed class TargetAllowListOptions
{
    /// <summary>Entries for every principal without a list of its own; null when not configured.</summary>
    public IList<string>? Global { get; set; }

    /// <summary>Entries by principal id (<c>token:alice</c>, <c>oauth:&lt;sub&gt;</c>, <c>user:&lt;name&gt;</c>).</summary>
    public IDictionary<string, IList<string>> ByPrincipal { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);

    public bool IsConfigured => Global is not null || ByPrincipal.Count > 0;

    /// <summary>The parsed list; entries that do not parse are left out (the validator has refused to start with them).</summary>
    internal TargetAllowList Build() =>
        new(Global is null ? null : Parse(Global), ByPrincipal.ToDictionary(p => p.Key, p => (IReadOnlyList<TargetPattern>)Parse(p.Value), StringComparer.Ordinal));

    /// <summary>A principal as the settings name it: <c>token:alice</c>, <c>oauth:sub</c> or <c>user:name</c>; a bare name is a token's.</summary>
    internal static string PrincipalId(string configured) =>
        Principal.Parse(configured) is { } principal ? principal.Id : Principal.Token(configured).Id;

    private static List<TargetPattern> Parse(IEnumerable<string> entries) =>
        [.. entries.Select(e => TargetPattern.TryParse(e, out var pattern, out _) ? pattern : null).OfType<TargetPattern>()];
}
