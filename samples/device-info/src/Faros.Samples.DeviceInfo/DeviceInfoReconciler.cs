using Faros.Sdk.Reconciliation;

namespace Faros.Samples.DeviceInfo;

/// <summary>Collects host facts into the DeviceInfo's status, then asks to run again after the interval.</summary>
public sealed class DeviceInfoReconciler(HostFactsReader reader, DeviceInfoOptions options, TimeProvider time) : Reconciler<DeviceInfo>
{
    /// <summary>Condition set once facts were collected.</summary>
    public const string CollectedCondition = "Collected";

    /// <summary>Shortest interval accepted, so a typo cannot turn collection into a busy loop.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override Task<ReconcileResult> ReconcileCoreAsync(DeviceInfo resource, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var generation = resource.Metadata?.Generation;
        try
        {
            resource.Status.Host = reader.Read();
            resource.Status.CollectedAt = now;
            resource.Status.SetCondition(CollectedCondition, true, "FactsCollected", "Host facts collected.", generation, now);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            resource.Status.SetCondition(CollectedCondition, false, "ReadFailed", ex.Message, generation, now);
            return Task.FromResult(ReconcileResult.Retry(ex.Message));
        }

        return Task.FromResult(ReconcileResult.Requeue(IntervalFor(resource)));
    }

    /// <summary>The spec's interval, else the configured default, never below <see cref="MinimumInterval"/>.</summary>
    public TimeSpan IntervalFor(DeviceInfo resource)
    {
        var seconds = resource.Spec.IntervalSeconds ?? options.DefaultIntervalSeconds;
        var interval = TimeSpan.FromSeconds(seconds);
        return interval < MinimumInterval ? MinimumInterval : interval;
    }
}
