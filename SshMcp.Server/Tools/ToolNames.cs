namespace SshMcp.Server.Tools;

public static class ToolNames
{
    public const string Open = "ssh_open";
    public const string Exec = "ssh_exec";
    public const string Close = "ssh_close";
    public const string List = "ssh_list";
    public const string ReadFile = "ssh_read_file";
    public const string WriteFile = "ssh_write_file";
    public const string Output = "ssh_output";
    public const string Stop = "ssh_stop";

    /// <summary>Every tool the server offers.</summary>
    public static IReadOnlyList<string> All { get; } = [Open, Exec, Close, List, ReadFile, WriteFile, Output, Stop];
}
