namespace Faros.Cli.Infrastructure;

/// <summary>
/// A secret passed on the command line, where '-' means "read it from stdin" so that it stays out of the shell
/// history and the process list.
/// </summary>
public static class SecretArgument
{
    public const string FromStandardInput = "-";

    /// <param name="value">The option's value.</param>
    /// <param name="option">The option's name, for the error, e.g. "--api-key".</param>
    /// <param name="pipeExample">How to pipe it in, e.g. "cat key.txt | kubectl faros plugins publish ... --api-key -".</param>
    public static async Task<string> ReadAsync(string value, string option, string pipeExample, CancellationToken cancellationToken)
    {
        var secret = (value == FromStandardInput ? await Console.In.ReadToEndAsync(cancellationToken) : value).Trim();
        return secret.Length > 0
            ? secret
            : throw CliException.Usage(value == FromStandardInput ? $"{option} - read nothing from stdin; pipe it in, e.g. `{pipeExample}`." : $"{option} is empty.");
    }
}
