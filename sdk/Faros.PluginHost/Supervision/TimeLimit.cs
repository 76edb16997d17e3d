namespace Faros.PluginHost.Supervision;

/// <summary>
/// Runs plugin code on the thread pool with a time limit. The plugin's token is cancelled at the limit, but
/// a plugin that ignores it (or blocks a thread) is abandoned rather than awaited: the host moves on.
/// </summary>
internal static class TimeLimit
{
    public static async Task<T> RunAsync<T>(string what, Func<CancellationToken, ValueTask<T>> action, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        var task = Task.Run(async () => await action(timeout.Token).ConfigureAwait(false), CancellationToken.None);
        try
        {
            return await task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new PluginTimeoutException($"{what} did not finish within {limit.TotalSeconds:0.###} s.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new PluginTimeoutException($"{what} did not finish within {limit.TotalSeconds:0.###} s.");
        }
    }

    public static Task RunAsync(string what, Func<CancellationToken, ValueTask> action, TimeSpan limit, CancellationToken cancellationToken) =>
        RunAsync(what, async token =>
        {
            await action(token).ConfigureAwait(false);
            return true;
        }, limit, cancellationToken);
}
