using Faros.Sdk.Reconciliation;

namespace Faros.PluginHost.Reconciling;

/// <summary>How a <see cref="PluginResourceDriver"/> watches and retries.</summary>
/// <param name="WatchTimeout">How long one watch request stays open before it is resumed.</param>
/// <param name="Backoff">Delay before retrying a resource whose status write failed, and between watch reconnects.</param>
/// <param name="Workers">Resources reconciled in parallel; one resource is never reconciled twice at once.</param>
public sealed record PluginResourceDriverSettings(TimeSpan WatchTimeout, ExponentialBackoff Backoff, int Workers = 2)
{
    /// <summary>Throws naming the bad setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Backoff);
        if (WatchTimeout < TimeSpan.FromSeconds(1) || Workers < 1)
        {
            throw new ArgumentException($"Plugin resource driving needs a watch timeout of at least 1 s (was {WatchTimeout}) and at least one worker (was {Workers}).");
        }
    }
}
