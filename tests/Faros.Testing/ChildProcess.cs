using System.Diagnostics;

namespace Faros.Testing;

/// <summary>
/// Runs a command to completion with captured output and a hard timeout. On timeout the whole
/// process tree is killed, so a hung CLI fails one test instead of the whole run.
/// </summary>
public static class ChildProcess
{
    public static async Task<ProcessResult> RunAsync(
        ProcessStartInfo startInfo,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        startInfo.UseShellExecute = false;

        var output = new CapturedOutput();
        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => output.AppendStandardOutput(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendStandardError(e.Data);

        var commandLine = Describe(startInfo);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start: {commandLine}");
        }

        // Nothing here is interactive; a closed stdin makes any prompt fail fast instead of hanging.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // WaitForExitAsync returns after the redirected streams reach EOF, so the capture is complete.
        return new ProcessResult(commandLine, timedOut ? -1 : process.ExitCode, output.StandardOutput, output.StandardError, timedOut);
    }

    /// <summary>
    /// Starts a long-running process (a server) whose stdout and stderr go to <paramref name="output"/> line by line.
    /// Stop it with <see cref="StopAsync"/>.
    /// </summary>
    public static Process Start(ProcessStartInfo startInfo, CapturedOutput output)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => output.AppendStandardOutput(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendStandardError(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        KillOnExit(process);
        return process;
    }

    /// <summary>
    /// A server outlives a test run whose fixture never stopped it (a crash, a misplaced teardown) and then holds
    /// ports and CPU on a shared machine; the test host kills every server still running as it exits.
    /// </summary>
    private static void KillOnExit(Process process)
    {
        void Kill(object? sender, EventArgs e)
        {
            try
            {
                if (!process.HasExited)
                {
                    KillTree(process);
                }
            }
            catch (InvalidOperationException)
            {
                // Disposed by its fixture: already stopped.
            }
        }

        AppDomain.CurrentDomain.ProcessExit += Kill;
        process.Exited += (_, _) => AppDomain.CurrentDomain.ProcessExit -= Kill;
    }

    /// <summary>
    /// Kills the process tree, waits up to <paramref name="timeout"/> for it to exit, and disposes the process.
    /// Best effort: a process that does not exit in time is left to the OS, so whatever the caller removes next
    /// (its temp directory) must tolerate files still held for a moment.
    /// </summary>
    public static async Task StopAsync(Process process, TimeSpan timeout)
    {
        KillTree(process);
        using (var timeoutSource = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Killed; nothing else to wait for.
            }
        }

        process.Dispose();
    }

    public static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    public static string Describe(ProcessStartInfo startInfo) =>
        string.Join(' ', new[] { startInfo.FileName }.Concat(startInfo.ArgumentList.Select(Quote)));

    private static string Quote(string argument) =>
        argument.Length == 0 || argument.Any(char.IsWhiteSpace) ? $"\"{argument}\"" : argument;
}
