namespace Faros.Testing;

/// <summary>What a finished (or timed-out) child process left behind.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Both streams, for asserting on messages that tools print to either.</summary>
    public string Output => StandardOutput + Environment.NewLine + StandardError;

    /// <summary>The last non-empty line of standard output (admin commands print their result there).</summary>
    public string LastOutputLine =>
        StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";

    /// <summary>A readable dump to attach to assertion messages.</summary>
    public override string ToString() =>
        $"$ {CommandLine}{Environment.NewLine}exit code: {(TimedOut ? "timed out" : ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}{Environment.NewLine}" +
        $"--- stdout ---{Environment.NewLine}{StandardOutput}{Environment.NewLine}--- stderr ---{Environment.NewLine}{StandardError}";
}
