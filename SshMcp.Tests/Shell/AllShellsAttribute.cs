using System.Reflection;
using Xunit.Sdk;

namespace SshMcp.Tests.Shell;

/// <summary>Theory data: every name in <see cref="LocalShells.Names"/>, crossed with each <see cref="Userland"/> when asked.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllShellsAttribute : DataAttribute
{
    public bool WithUserlands { get; set; }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        WithUserlands
            ? LocalShells.Names.SelectMany(shell => Enum.GetValues<Userland>().Select(userland => new object[] { shell, userland }))
            : LocalShells.Names.Select(shell => new object[] { shell });
}
