using Faros.Operator.Controllers;
using k8s;
using k8s.Models;

namespace Faros.Operator.Identity;

/// <summary>A ServiceAccount's permissions: a Role of the same name, kept at the wanted rules, and its RoleBinding.</summary>
public static class ServiceAccountRoles
{
    /// <summary>Creates the Role and its RoleBinding, and replaces the Role's rules when they differ (e.g. after an upgrade).</summary>
    public static async Task ApplyAsync(IKubernetes client, string ns, string serviceAccount, Dictionary<string, string> labels, List<V1PolicyRule> rules, CancellationToken cancellationToken)
    {
        await Conflicts.RetryAsync<object?>(async ct =>
        {
            V1Role? existing = null;
            try
            {
                existing = await client.RbacAuthorizationV1.ReadNamespacedRoleAsync(serviceAccount, ns, cancellationToken: ct);
            }
            catch (Exception missing) when (Conflicts.IsNotFound(missing))
            {
            }

            if (existing is null)
            {
                await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role { Metadata = new V1ObjectMeta { Name = serviceAccount, Labels = labels }, Rules = rules }, ns, cancellationToken: ct);
            }
            else if (KubernetesJson.Serialize(existing.Rules) != KubernetesJson.Serialize(rules))
            {
                existing.Rules = rules;
                await client.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(existing, serviceAccount, ns, cancellationToken: ct);
            }

            return null;
        }, cancellationToken);

        await KubernetesObjects.EnsureExistsAsync(
            () => client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(serviceAccount, ns, cancellationToken: cancellationToken),
            () => client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = serviceAccount, Labels = labels },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = serviceAccount },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = serviceAccount, NamespaceProperty = ns }],
            }, ns, cancellationToken: cancellationToken));
    }

    /// <summary>Deletes the RoleBinding and the Role, if present.</summary>
    public static async Task DeleteAsync(IKubernetes client, string ns, string serviceAccount, CancellationToken cancellationToken)
    {
        await KubernetesObjects.DeleteIfExistsAsync(() => client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(serviceAccount, ns, cancellationToken: cancellationToken));
        await KubernetesObjects.DeleteIfExistsAsync(() => client.RbacAuthorizationV1.DeleteNamespacedRoleAsync(serviceAccount, ns, cancellationToken: cancellationToken));
    }
}
