namespace SshMcp.TestKit;

public sealed record LocalCommandResult(string FileName, int ExitCode, string StandardOutput, string StandardError)
{
    public LocalCommandResult ThrowUnlessExitCodeIn(params int[] acceptedExitCodes)
    {
        var accepted = acceptedExitCodes.Length == 0 ? [0] : acceptedExitCodes;
        if (!accepted.Contains(ExitCode))
        {
            throw new InvalidOperationException(
                $"{FileName} exited with code {ExitCode}: {StandardError.Trim()} {StandardOutput.Trim()}".TrimEnd());
        }

        return this;
    }
}
