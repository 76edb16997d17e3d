using Faros.Sdk.Reconciliation;
using Reasons = Faros.Api.Edge.EdgeAgentConditions.Reasons;

namespace Faros.Operator.EdgeAgents;

/// <summary>What the device's Lease says about it.</summary>
/// <param name="RecheckIn">When the verdict may change without any event (the Lease going stale).</param>
public sealed record AgentConnection(string Status, string Reason, string Message, DateTime? LastHeartbeat, TimeSpan RecheckIn)
{
    /// <summary>
    /// Judges the coordination.k8s.io Lease named after the agent in its namespace, which the device renews: it
    /// is connected while renewTime is within leaseDurationSeconds.
    /// </summary>
    public static AgentConnection Of(k8s.Models.V1Lease? lease, string ns, string name, TimeSpan pollWhileDown, DateTimeOffset now)
    {
        if (lease is null)
        {
            return new(ConditionStatus.Unknown, Reasons.NoLease, $"the device has not connected yet (no Lease {ns}/{name}).", null, pollWhileDown);
        }

        if (lease.Spec?.RenewTime is not { } renewed)
        {
            return new(ConditionStatus.Unknown, Reasons.NoLease, $"Lease {ns}/{name} was never renewed.", null, pollWhileDown);
        }

        var renewedUtc = DateTime.SpecifyKind(renewed, DateTimeKind.Utc);
        var duration = TimeSpan.FromSeconds(Math.Max(1, lease.Spec.LeaseDurationSeconds ?? 40));
        var age = now.UtcDateTime - renewedUtc;
        var heartbeat = renewedUtc.AddTicks(-(renewedUtc.Ticks % TimeSpan.TicksPerSecond));
        return age <= duration
            ? new(ConditionStatus.True, Reasons.LeaseRenewed, $"Lease renewed {Seconds(age)} ago (duration {Seconds(duration)}).", heartbeat, duration - age + TimeSpan.FromMilliseconds(100))
            : new(ConditionStatus.False, Reasons.LeaseExpired, $"Lease last renewed {Seconds(age)} ago, past its duration of {Seconds(duration)}.", heartbeat, pollWhileDown);
    }

    private static string Seconds(TimeSpan span) => $"{Math.Max(0, (int)span.TotalSeconds)}s";
}
