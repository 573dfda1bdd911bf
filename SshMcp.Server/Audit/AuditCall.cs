namespace SshMcp.Server.Audit;

/// <summary>
/// What the tool edge learns about the call being audited that its result does not say: the kind of failure. The
/// audit filter begins one around each call; <c>ToolGuard</c> notes the failure; nothing is shared between calls
/// (the scope flows with the call's async context only).
/// </summary>
internal sealed class AuditCall : IDisposable
{
    private static readonly AsyncLocal<AuditCall?> Current = new();
    private readonly AuditCall? _outer;

    private AuditCall()
    {
        _outer = Current.Value;
        Current.Value = this;
    }

    /// <summary>The first failure noted during the call (<c>authentication_failed</c>, <c>invalid_argument</c>…).</summary>
    public string? ErrorKind { get; private set; }

    public static AuditCall Begin() => new();

    /// <summary>Notes why the current call failed; a no-op outside an audited call.</summary>
    public static void Failed(string kind)
    {
        if (Current.Value is { } call)
        {
            call.ErrorKind ??= kind;
        }
    }

    public void Dispose() => Current.Value = _outer;
}
