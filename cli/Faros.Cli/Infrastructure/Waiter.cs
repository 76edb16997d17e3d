using System.Diagnostics;

namespace Faros.Cli.Infrastructure;

/// <summary>What one look at a resource being waited on found.</summary>
/// <param name="Done">The wait is over (successfully).</param>
/// <param name="State">A short description of where things stand, shown as progress, e.g. "phase Initializing".</param>
/// <param name="Failure">Set when the resource reached a state that will not get better; the wait stops with this message.</param>
/// <param name="ExitCode">The exit code of a failure.</param>
public sealed record WaitState(bool Done, string State, string? Failure = null, int ExitCode = ExitCodes.Error)
{
    public static WaitState Finished(string state) => new(true, state);

    public static WaitState Pending(string state) => new(false, state);

    public static WaitState Failed(string state, string failure, int exitCode = ExitCodes.Error) => new(false, state, failure, exitCode);
}

/// <summary>
/// Polls until a resource reaches a state, showing progress on stderr (rewritten in place on a terminal, one line per
/// change otherwise) and failing with exit code 4 after the timeout.
/// </summary>
public sealed class Waiter(TextWriter progress, TimeSpan timeout, TimeSpan? interval = null)
{
    private readonly TimeSpan _interval = interval ?? TimeSpan.FromMilliseconds(500);

    public async Task<T> UntilAsync<T>(string what, Func<CancellationToken, Task<T>> look, Func<T, WaitState> judge, string timeoutHint, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var interactive = !Console.IsErrorRedirected;
        string? lastState = null;
        while (true)
        {
            var value = await look(cancellationToken);
            var state = judge(value);
            if (state.Done || state.Failure is not null)
            {
                Report(what, state.State, clock.Elapsed, interactive, ref lastState, final: true);
                return state.Failure is null ? value : throw new CliException(state.ExitCode, $"{what}: {state.Failure}");
            }

            Report(what, state.State, clock.Elapsed, interactive, ref lastState, final: false);
            if (clock.Elapsed >= timeout)
            {
                throw new CliException(ExitCodes.Timeout,
                    $"Timed out after {Durations.Format(timeout)} waiting for {what} (last seen: {state.State}). {timeoutHint}");
            }

            var remaining = timeout - clock.Elapsed;
            await Task.Delay(remaining < _interval ? remaining : _interval, cancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="find"/> no longer finds the resource.</summary>
    public Task<T?> UntilGoneAsync<T>(string what, Func<CancellationToken, Task<T?>> find, Func<T, string> describe, string timeoutHint, CancellationToken cancellationToken)
        where T : class =>
        UntilAsync($"{what} to be deleted", find, found => found is null ? WaitState.Finished("deleted") : WaitState.Pending(describe(found)), timeoutHint, cancellationToken);

    private void Report(string what, string state, TimeSpan elapsed, bool interactive, ref string? lastState, bool final)
    {
        if (interactive)
        {
            progress.Write($"\r\u001b[2KWaiting for {what}: {state} ({elapsed.TotalSeconds:0}s)");
            if (final)
            {
                progress.WriteLine();
            }
        }
        else if (state != lastState)
        {
            progress.WriteLine($"Waiting for {what}: {state} ({elapsed.TotalSeconds:0}s)");
        }

        lastState = state;
    }
}
