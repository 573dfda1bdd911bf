namespace SshMcp.Server.Transports;

/// <summary>A transport that <c>auto</c> prefers whenever it can run on this machine.</summary>
internal interface IAutoSelectable
{
    bool IsAvailable { get; }
}
