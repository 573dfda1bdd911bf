namespace SshMcp.Server.Principals;

/// <summary>
/// Who owns an SSH session: the local user (stdio, or HTTP without authentication), a named bearer token, or an
/// OAuth subject. Sessions are visible to, and usable by, their principal only. The kinds are prefixed so that a
/// token named like a user, or an OAuth subject named like a token, is still someone else.
/// </summary>
public readonly record struct Principal
{
    private Principal(string id) => Id = id;

    /// <summary><c>user:NAME</c>, <c>token:NAME</c> or <c>oauth:SUBJECT</c>.</summary>
    public string Id { get; }

    /// <summary>The account the server runs as: the one client of a stdio server, every client of an unauthenticated loopback one.</summary>
    public static Principal LocalUser { get; } = new("user:" + Environment.UserName);

    public static Principal Token(string name) => new("token:" + name);

    public static Principal Subject(string subject) => new("oauth:" + subject);

    /// <summary>Reads back an <see cref="Id"/> (from a claim); null when it is not one.</summary>
    public static Principal? Parse(string? id) =>
        id is not null && (id.StartsWith("user:", StringComparison.Ordinal) || id.StartsWith("token:", StringComparison.Ordinal) || id.StartsWith("oauth:", StringComparison.Ordinal))
            ? new Principal(id)
            : null;

    public override string ToString() => Id;
}
