using Faros.Api;
using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Operator.Registrations;

/// <summary>
/// The names and the Role of one device's identity. The device may read and update its own Agent (and its
/// status), create its Agent and its Lease (create cannot be limited by name in RBAC), manage its own Lease, and
/// read (and report status on) the plugin resources its Agent's plugins reference.
/// </summary>
public static class DeviceAccess
{
    public static string ServiceAccountName(string agentName) => $"faros-agent-{agentName}";

    public static string TokenSecretName(string agentName) => $"faros-agent-{agentName}-token";

    /// <summary>The Role's rules for <paramref name="agentName"/>, reading plugin resources given as (group, plural, name).</summary>
    public static List<V1PolicyRule> Rules(string agentName, IEnumerable<(string Group, string Plural, string Name)> pluginResources)
    {
        var rules = new List<V1PolicyRule>
        {
            new() { ApiGroups = [ApiGroups.Edge], Resources = ["agents"], ResourceNames = [agentName], Verbs = ["get", "list", "watch", "update", "patch"] },
            new() { ApiGroups = [ApiGroups.Edge], Resources = ["agents"], Verbs = ["create"] },
            new() { ApiGroups = [ApiGroups.Edge], Resources = ["agents/status"], ResourceNames = [agentName], Verbs = ["get", "update", "patch"] },
            new() { ApiGroups = ["coordination.k8s.io"], Resources = ["leases"], ResourceNames = [agentName], Verbs = ["get", "list", "watch", "update", "patch"] },
            new() { ApiGroups = ["coordination.k8s.io"], Resources = ["leases"], Verbs = ["create"] },
        };

        foreach (var group in pluginResources.Distinct().GroupBy(r => (r.Group, r.Plural)).OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Plural, StringComparer.Ordinal))
        {
            var names = group.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
            rules.Add(new V1PolicyRule { ApiGroups = [group.Key.Group], Resources = [group.Key.Plural], ResourceNames = names, Verbs = ["get", "list", "watch"] });
            rules.Add(new V1PolicyRule { ApiGroups = [group.Key.Group], Resources = [group.Key.Plural + "/status"], ResourceNames = names, Verbs = ["get", "update", "patch"] });
        }

        return rules;
    }

    /// <summary>Every served (group, version, kind, plural) the CRDs define: what a configRef is resolved against on the hub.</summary>
    public static IEnumerable<ResourceKind> KindsDefinedBy(IEnumerable<V1CustomResourceDefinition> definitions) =>
        definitions.SelectMany(d => d.Spec.Versions.Where(v => v.Served).Select(v => new ResourceKind(d.Spec.Group, v.Name, d.Spec.Names.Kind, d.Spec.Names.Plural)));
}
