using System.Security.Cryptography;
using System.Text;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

/// <summary>
/// The host's side of file transfers for hosts without SFTP, and the write guard, under every shell and with GNU and
/// busybox tools: what they print, and that an unconfirmed write is undone.
/// </summary>
public sealed class FileScriptsTests(BusyboxBin busybox) : IClassFixture<BusyboxBin>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sshmcp-file-scripts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Write_OverStdinAndCommitted_RenamesWithTheMode(string shell, Userland userland)
    {
        var (temp, target) = (Path.Combine(_directory, ".t.tmp"), Path.Combine(_directory, "t"));
        var data = Encoding.UTF8.GetBytes("hello\nwörld");
        await using var run = await StartAsync(shell, userland, ShellScripts.FileWrite, "stdin", "replace", temp, data.Length.ToString(), "0", target);

        await run.WriteAsync(data);
        var check = await run.ReadLineAsync();
        await run.SendLineAsync("commit 640 -");
        var rest = await run.EndAsync();

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(data));
        Assert.Equal($"ok {data.Length} {sha256} {sha256}", check);
        Assert.StartsWith("done", rest, StringComparison.Ordinal);
        Assert.Equal(data, await File.ReadAllBytesAsync(target));
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), File.GetUnixFileMode(target));
        Assert.False(File.Exists(temp));
    }

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Write_OverStdinWithoutVerdict_RemovesTheTempFile(string shell, Userland userland)
    {
        var (temp, target) = (Path.Combine(_directory, ".t.tmp"), Path.Combine(_directory, "t"));
        await File.WriteAllTextAsync(target, "old");
        await using var run = await StartAsync(shell, userland, ShellScripts.FileWrite, "stdin", "replace", temp, "3", "0", target);

        await run.WriteAsync("new"u8.ToArray());
        var check = await run.ReadLineAsync();
        var rest = await run.EndAsync();

        Assert.StartsWith("ok 3 ", check, StringComparison.Ordinal);
        Assert.StartsWith("undone", rest, StringComparison.Ordinal);
        Assert.False(File.Exists(temp));
        Assert.Equal("old", await File.ReadAllTextAsync(target));
    }

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Write_TooFewBytesBeforeStdinEnds_SaysSizeAndRemovesTheTempFile(string shell, Userland userland)
    {
        var (temp, target) = (Path.Combine(_directory, ".t.tmp"), Path.Combine(_directory, "t"));
        await using var run = await StartAsync(shell, userland, ShellScripts.FileWrite, "stdin", "replace", temp, "10", "0", target);

        await run.WriteAsync("abc"u8.ToArray());
        var rest = await run.EndAsync();

        Assert.StartsWith("error size 3", rest, StringComparison.Ordinal);
        Assert.False(File.Exists(temp));
        Assert.False(File.Exists(target));
    }

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Write_AppendOverSftpUnconfirmed_CutsTheFileBack(string shell, Userland userland)
    {
        var file = Path.Combine(_directory, "log");
        await File.WriteAllTextAsync(file, "ab");
        await using var run = await StartAsync(shell, userland, ShellScripts.FileWrite, "sftp", "append", file, "2", "2", file);

        await File.AppendAllTextAsync(file, "cd"); // what SFTP would have written
        await run.SendLineAsync("check");
        var check = await run.ReadLineAsync();
        var rest = await run.EndAsync();

        Assert.Equal($"ok 4 {Sha256("cd")} {Sha256("abcd")}", check);
        Assert.StartsWith("undone", rest, StringComparison.Ordinal);
        Assert.Equal("ab", await File.ReadAllTextAsync(file));
    }

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Write_OverSftpCommitted_LeavesTheFileAlone(string shell, Userland userland)
    {
        var temp = Path.Combine(_directory, ".t.tmp");
        await File.WriteAllTextAsync(temp, "data");
        await using var run = await StartAsync(shell, userland, ShellScripts.FileWrite, "sftp", "replace", temp, "4", "0", Path.Combine(_directory, "t"));

        await run.SendLineAsync("check");
        var check = await run.ReadLineAsync();
        await run.SendLineAsync("commit");
        var rest = await run.EndAsync();

        Assert.Equal($"ok 4 {Sha256("data")} {Sha256("data")}", check);
        Assert.StartsWith("done", rest, StringComparison.Ordinal);
        Assert.True(File.Exists(temp));
    }

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Stat_EachKindOfPath_SaysWhatItIsAndWhereItLeads(string shell, Userland userland)
    {
        Directory.CreateDirectory(Path.Combine(_directory, "real"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "real", "f"), "12345");
        File.SetUnixFileMode(Path.Combine(_directory, "real", "f"), (UnixFileMode)Convert.ToInt32("640", 8));
        File.CreateSymbolicLink(Path.Combine(_directory, "link"), "real/f");

        var file = await StatAsync(shell, userland, Path.Combine(_directory, "link"));
        var directory = await StatAsync(shell, userland, Path.Combine(_directory, "real"));
        var missing = await StatAsync(shell, userland, Path.Combine(_directory, "real", "nope"));
        var noParent = await StatAsync(shell, userland, Path.Combine(_directory, "nope", "nope"));

        Assert.Matches($"^file 5 640 [0-9]+ 0 0 r w\n{_directory}/real/f\n$", file);
        Assert.StartsWith("dir ", directory, StringComparison.Ordinal);
        Assert.Equal($"missing 0 0 0 0 0 - w\n{_directory}/real/nope\n", missing);
        Assert.StartsWith("noparent\n", noParent, StringComparison.Ordinal);
    }

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Read_Range_PrintsExactlyThoseBytes(string shell, Userland userland)
    {
        var file = Path.Combine(_directory, "r");
        await File.WriteAllTextAsync(file, "0123456789");
        await using var run = await StartAsync(shell, userland, ShellScripts.FileRead, "4", "5", file);

        Assert.Equal("34567", await run.EndAsync());
    }

    private async Task<string> StatAsync(string shell, Userland userland, string path)
    {
        await using var run = await StartAsync(shell, userland, ShellScripts.FileStat, path);
        return await run.EndAsync();
    }

    private Task<FileScriptRun> StartAsync(string shell, Userland userland, string script, params string[] arguments) =>
        FileScriptRun.StartAsync(LocalShells.PathOf(shell, busybox), busybox, userland, script, arguments);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
