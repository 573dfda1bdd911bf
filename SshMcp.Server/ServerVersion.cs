namespace SshMcp.Server;

/// <summary>
/// The server's version, <c>$(Version)</c> of the project, as a constant the build writes (ServerVersion.g.cs in obj).
/// Not read from the assembly's attributes: that makes the runtime resolve every assembly-level attribute's type,
/// Orleans' code-generation markers included, and so load Orleans in servers that never use it.
/// </summary>
internal static partial class ServerVersion
{
    public static string Current => Value;
}
