using System.CommandLine;

namespace Faros.Cli.Infrastructure;

/// <summary>
/// Runs a command's work and turns any failure into one "error: ..." line on stderr and a documented exit code.
/// FAROS_DEBUG=1 adds the stack trace.
/// </summary>
public static class FarosAction
{
    public static void SetFarosAction(this Command command, Func<Invocation, Task<int>> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var invocation = new Invocation(parseResult, cancellationToken);
            try
            {
                return await action(invocation);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await invocation.Error.WriteLineAsync("Interrupted.");
                return ExitCodes.Interrupted;
            }
            catch (Exception exception)
            {
                var failure = FailureTranslator.Translate(exception, invocation.Hub);
                await invocation.Error.WriteLineAsync($"error: {failure.Message}");
                if (Environment.GetEnvironmentVariable("FAROS_DEBUG") is "1" or "true")
                {
                    await invocation.Error.WriteLineAsync(exception.ToString());
                }

                return failure.ExitCode;
            }
        });
}
