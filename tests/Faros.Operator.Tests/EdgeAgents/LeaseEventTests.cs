using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;
using Reasons = Faros.Api.Edge.EdgeAgentConditions.Reasons;

namespace Faros.Operator.Tests.EdgeAgents;

/// <summary>With polling effectively off, Connected follows the Lease through the Lease watch alone.</summary>
[TestFixture]
public sealed class LeaseEventTests
{
    [Test]
    public async Task Lease_creation_expiry_and_renewal_reach_the_agent_without_polling()
    {
        using var client = OperatorTestEnvironment.NewClient();
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, "lease-events");
        // The agent references no plugins, so no registry is asked.
        await using var operatorHost = await OperatorUnderTest.StartAsync(ns, new Uri("http://127.0.0.1:9/v3/index.json"), null,
            "--Operator:DisconnectedPollSeconds", "600", "--Operator:ReResolveIntervalSeconds", "600");
        var agents = new ResourceClient<EdgeAgent>(client);
        await agents.CreateAsync(new EdgeAgent { Metadata = new V1ObjectMeta { Name = "device-7", NamespaceProperty = ns } });
        await ConnectedAsync(agents, ns, ConditionStatus.Unknown, Reasons.NoLease);

        await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "device-7" },
            Spec = new V1LeaseSpec { HolderIdentity = "device-7", LeaseDurationSeconds = 2, RenewTime = DateTime.UtcNow },
        }, ns);
        await ConnectedAsync(agents, ns, ConditionStatus.True, Reasons.LeaseRenewed);
        await ConnectedAsync(agents, ns, ConditionStatus.False, Reasons.LeaseExpired);

        var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("device-7", ns);
        lease.Spec.RenewTime = DateTime.UtcNow;
        await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "device-7", ns);
        await ConnectedAsync(agents, ns, ConditionStatus.True, Reasons.LeaseRenewed);
    }

    private static Task<EdgeAgent> ConnectedAsync(ResourceClient<EdgeAgent> agents, string ns, string status, string reason) =>
        Eventually.GetAsync(() => agents.GetAsync(ns, "device-7"),
            a => a.Status.FindCondition(EdgeAgentConditions.Connected) is { } c && c.Status == status && c.Reason == reason,
            TimeSpan.FromSeconds(10), $"Connected {status} ({reason}) with polling at 600 s");
}
