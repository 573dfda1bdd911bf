namespace SshMcp.Tests.Infrastructure;

/// <summary>The SSH clients a behaviour test runs on, passed as ssh_open's <c>transport</c>: <c>[MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]</c>.</summary>
public static class TransportNames
{
    public const string SshNet = "sshnet";
    public const string OpenSsh = "openssh";

    public static TheoryData<string> Both => new() { SshNet, OpenSsh };

    /// <summary>Each value with each transport: rows of (value, transport).</summary>
    public static TheoryData<string, string> Each(params string[] values)
    {
        var data = new TheoryData<string, string>();
        foreach (var value in values)
        {
            data.Add(value, SshNet);
            data.Add(value, OpenSsh);
        }

        return data;
    }
}
