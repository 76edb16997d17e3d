using Faros.Api;
using k8s.Models;

namespace Faros.Operator.Clusters;

/// <summary>
/// What a cluster's agent may do on the hub with its token: read its own core Agent and write that Agent's status
/// (the heartbeat the Cluster reconciler reads), and read its own token Secret (to pick up the token the operator
/// renews). Nothing else: it cannot create Agents, read other Secrets or see other clusters.
/// </summary>
public static class ClusterAgentAccess
{
    public static List<V1PolicyRule> Rules(string agentName, string tokenSecretName) =>
    [
        new() { ApiGroups = [ApiGroups.Core], Resources = ["agents"], ResourceNames = [agentName], Verbs = ["get", "list", "watch"] },
        new() { ApiGroups = [ApiGroups.Core], Resources = ["agents/status"], ResourceNames = [agentName], Verbs = ["get", "update", "patch"] },
        new() { ApiGroups = [""], Resources = ["secrets"], ResourceNames = [tokenSecretName], Verbs = ["get"] },
    ];
}
