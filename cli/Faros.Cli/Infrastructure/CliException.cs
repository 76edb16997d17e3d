namespace Faros.Cli.Infrastructure;

/// <summary>
/// A failure the user can act on: the message says what went wrong and what to do, and the exit code lets
/// scripts tell the cases apart. Thrown anywhere in a command; the command runner prints it and exits.
/// </summary>
public sealed class CliException(int exitCode, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException NotFound(string message) => new(ExitCodes.NotFound, message);
}
