using Faros.Api;
using Faros.Operator.Controllers;
using Faros.Operator.Identity;
using k8s;
using k8s.Models;

namespace Faros.Operator.TrustPolicies;

/// <summary>
/// Lets devices read the cluster trust policy: one shared ClusterRole (get, list, watch on the one TrustPolicy
/// named in the settings) and a ClusterRoleBinding per Registration for its ServiceAccount. A namespaced
/// Registration cannot own a cluster-scoped binding, so the Registration's finalizer deletes it explicitly.
/// </summary>
public sealed class TrustPolicyReaders
{
    private const string ClusterRolePrefix = "faros-device-trust-policy-reader";

    private readonly IKubernetes _client;
    private readonly string _policyName;

    public TrustPolicyReaders(IKubernetes client, ClusterTrustPolicySettings settings)
    {
        _client = client;
        _policyName = settings.ResourceName;
        ClusterRoleName = $"{ClusterRolePrefix}:{_policyName}";
    }

    /// <summary>The ClusterRole all devices share; named after the policy, as its rule names that one resource.</summary>
    public string ClusterRoleName { get; }

    /// <summary>The binding of one device's ServiceAccount; unique per namespace and account (colons are allowed in RBAC names).</summary>
    public static string BindingName(string ns, string serviceAccount) => $"faros-device:{ns}:{serviceAccount}";

    /// <summary>Makes sure the ClusterRole allows reading the policy and <paramref name="serviceAccount"/> is bound to it.</summary>
    public async Task GrantAsync(string ns, string serviceAccount, IDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        await EnsureClusterRoleAsync(cancellationToken);
        await KubernetesObjects.EnsureExistsAsync(
            () => _client.RbacAuthorizationV1.ReadClusterRoleBindingAsync(BindingName(ns, serviceAccount), cancellationToken: cancellationToken),
            () => _client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
            {
                Metadata = new V1ObjectMeta { Name = BindingName(ns, serviceAccount), Labels = labels },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = ClusterRoleName },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = serviceAccount, NamespaceProperty = ns }],
            }, cancellationToken: cancellationToken));
    }

    /// <summary>Deletes the device's binding; absent is fine. The shared ClusterRole stays.</summary>
    public Task RevokeAsync(string ns, string serviceAccount, CancellationToken cancellationToken) =>
        KubernetesObjects.DeleteIfExistsAsync(() => _client.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(BindingName(ns, serviceAccount), cancellationToken: cancellationToken));

    private async Task EnsureClusterRoleAsync(CancellationToken cancellationToken)
    {
        // resourceNames covers get, and list/watch with fieldSelector metadata.name=NAME (what the agent sends).
        List<V1PolicyRule> rules =
        [
            new V1PolicyRule { ApiGroups = [ApiGroups.Plugins], Resources = ["trustpolicies"], ResourceNames = [_policyName], Verbs = ["get", "list", "watch"] },
        ];
        V1ClusterRole? existing = null;
        try
        {
            existing = await _client.RbacAuthorizationV1.ReadClusterRoleAsync(ClusterRoleName, cancellationToken: cancellationToken);
        }
        catch (Exception missing) when (Conflicts.IsNotFound(missing))
        {
        }

        if (existing is null)
        {
            try
            {
                await _client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
                {
                    Metadata = new V1ObjectMeta { Name = ClusterRoleName, Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "faros-operator" } },
                    Rules = rules,
                }, cancellationToken: cancellationToken);
            }
            catch (Exception raced) when (Conflicts.IsConflict(raced))
            {
                // Another reconcile created it meanwhile.
            }
        }
        else if (KubernetesJson.Serialize(existing.Rules) != KubernetesJson.Serialize(rules))
        {
            existing.Rules = rules;
            await _client.RbacAuthorizationV1.ReplaceClusterRoleAsync(existing, ClusterRoleName, cancellationToken: cancellationToken);
        }
    }
}
