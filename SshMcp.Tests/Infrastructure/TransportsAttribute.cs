using System.Reflection;
using SshMcp.Server.Transports;
using Xunit.Sdk;

namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// Theory data: the name of every SSH transport the server has (each <see cref="ISshTransport"/> declares its
/// <c>TransportName</c>), so a behaviour test runs on SSH.NET and on the OpenSSH client alike, and on any transport
/// added later without touching the test.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TransportsAttribute : DataAttribute
{
    public static IReadOnlyList<string> Names { get; } =
    [
        .. typeof(ISshTransport).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISshTransport).IsAssignableFrom(t))
            .Select(t => t.GetField("TransportName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string)
            .OfType<string>()
            .Order(StringComparer.Ordinal),
    ];

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => Names.Select(name => new object[] { name });
}
