using System.Globalization;
using System.Security.Cryptography;

namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// An sshd whose keyboard-interactive login asks two questions through PAM, as a bastion with a second factor does:
/// the account's password (pam_unix), then a one-time code (pam_stress prompts for it after pam_echo's instruction;
/// pam_exec checks it against <see cref="OneTimeCode"/>). sshd names its PAM service after the program it runs as, so
/// the fixture runs sshd through a link with a name of its own and writes that service to /etc/pam.d for its lifetime.
/// On OpenSSH 9.8 and later authentication moved to sshd-session, which would need the same link (SshdSessionPath).
/// </summary>
public sealed class OtpSshdFixture() : SshdFixture(new SshdOptions { Variant = SshdVariant.KeyboardInteractiveOnly })
{
    /// <summary>What the second question says (pam_echo's line, then pam_stress's prompt).</summary>
    public const string CodeInstruction = "Enter the one-time code from your authenticator.";

    private const string PamDirectory = "/etc/pam.d";
    private const string ServicePrefix = "sshmcp-otp-";

    private readonly string _service = ServicePrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + RandomNumberGenerator.GetHexString(6, lowercase: true);

    /// <summary>The code the second question wants, fresh for each fixture.</summary>
    public string OneTimeCode { get; } = RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);

    protected override string SshdProgram => Path.Combine(TempDirectory, _service);

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        RemoveServicesOfDeadRuns();
        var code = Path.Combine(TempDirectory, "otp");
        await File.WriteAllTextAsync(code, OneTimeCode, cancellationToken);
        File.SetUnixFileMode(code, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var instruction = Path.Combine(TempDirectory, "otp-instruction");
        await File.WriteAllTextAsync(instruction, CodeInstruction + "\n", cancellationToken);

        // pam_exec hands the answer (PAM_AUTHTOK, which pam_stress set) to the check on stdin, NUL-terminated.
        var check = Path.Combine(TempDirectory, "check-otp");
        await File.WriteAllTextAsync(check, $"#!/bin/sh\nIFS= read -r answer || true\nanswer=$(printf '%s' \"$answer\" | tr -d '\\000')\n[ \"$answer\" = \"$(cat {code})\" ]\n", cancellationToken);
        File.SetUnixFileMode(check, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        await File.WriteAllTextAsync(Path.Combine(PamDirectory, _service), $"""
            auth requisite pam_unix.so
            auth optional pam_echo.so file={instruction}
            auth requisite pam_stress.so
            auth required pam_exec.so quiet expose_authtok {check}
            account required pam_permit.so
            session required pam_permit.so

            """, cancellationToken);
        File.CreateSymbolicLink(SshdProgram, SshdProcess.SshdPath);
    }

    protected override void Cleanup() => File.Delete(Path.Combine(PamDirectory, _service));

    /// <summary>A run that was killed could not remove its service: remove those whose process is gone.</summary>
    private static void RemoveServicesOfDeadRuns()
    {
        foreach (var path in Directory.EnumerateFiles(PamDirectory, ServicePrefix + "*"))
        {
            var pid = Path.GetFileName(path)[ServicePrefix.Length..].Split('-')[0];
            if (int.TryParse(pid, CultureInfo.InvariantCulture, out var id) && !Directory.Exists($"/proc/{id}"))
            {
                File.Delete(path);
            }
        }
    }
}
