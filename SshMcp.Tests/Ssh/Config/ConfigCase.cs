using SshMcp.Server.Ssh.Config;

namespace SshMcp.Tests.Ssh.Config;

/// <summary>A config, extra files, a request and what the resolved target must show.</summary>
internal sealed record ConfigCase(string Name, string Config, ResolveRequest Request, Action<ResolvedTarget, ConfigWorkspace> Expect)
{
    public IReadOnlyList<(string Path, string Text)> Files { get; init; } = [];

    public ConfigWorkspace Write(ConfigWorkspace workspace)
    {
        workspace.WithConfig(Config);
        foreach (var (path, text) in Files)
        {
            workspace.WithFile(path, text);
        }

        return workspace;
    }

    public override string ToString() => Name;
}
