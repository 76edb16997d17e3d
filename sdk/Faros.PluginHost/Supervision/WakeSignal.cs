namespace Faros.PluginHost.Supervision;

/// <summary>An auto-reset wake-up: many signals before a wait count as one.</summary>
internal sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <returns>True when woken, false when <paramref name="timeout"/> passed first.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout) => _semaphore.WaitAsync(timeout);

    public void Dispose() => _semaphore.Dispose();
}
