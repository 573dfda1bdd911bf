namespace SshMcp.Tests.Ssh.Config;

/// <summary>
/// A wrapper around the real ssh that notes each run in a file, to prove whether a resolution ran ssh. With
/// <c>failFirst</c>, its first run exits 255 as ssh does on a bad config, and later runs are the real ssh.
/// </summary>
internal sealed class CountingSsh
{
    private readonly string _runsFile;

    public CountingSsh(ConfigWorkspace workspace, bool failFirst = false)
    {
        var ssh = ConfigWorkspace.SshPath ?? throw new InvalidOperationException("These tests need the OpenSSH client (ssh) on PATH.");
        _runsFile = Path.Join(workspace.Root, "ssh-runs");
        Program = Path.Join(workspace.Root, "counting-ssh");
        var failure = failFirst ? $"[ -s '{_runsFile}' ] || {{ echo run >> '{_runsFile}'; echo 'made to fail' >&2; exit 255; }}\n" : "";
        File.WriteAllText(Program, $"#!/bin/sh\n{failure}echo run >> '{_runsFile}'\nexec '{ssh}' \"$@\"\n");
        File.SetUnixFileMode(Program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Program { get; }

    public int Runs => File.Exists(_runsFile) ? File.ReadAllLines(_runsFile).Length : 0;
}
