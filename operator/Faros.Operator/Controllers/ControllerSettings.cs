using Faros.Api.Kubernetes;
using Faros.Sdk.Reconciliation;

namespace Faros.Operator.Controllers;

/// <summary>How a <see cref="Controller{T}"/> runs.</summary>
/// <param name="Workers">Keys reconciled in parallel; one key is never reconciled by two workers at once.</param>
/// <param name="Watch">How the kind is listed and watched.</param>
/// <param name="Backoff">Delay before retrying a key whose reconcile failed, growing per consecutive failure.</param>
public sealed record ControllerSettings(int Workers, WatchSettings Watch, ExponentialBackoff Backoff)
{
    public static ControllerSettings Default { get; } = new(4, WatchSettings.Default, ExponentialBackoff.Default);
}
