using k8s;
using k8s.Models;

namespace Faros.Operator.Identity;

/// <summary>The RoleBinding that gives a ServiceAccount the Role of the same name, in its namespace.</summary>
public static class RoleBindings
{
    public static Task EnsureForServiceAccountAsync(IKubernetes client, string ns, string serviceAccount, Dictionary<string, string> labels, CancellationToken cancellationToken) =>
        KubernetesObjects.EnsureExistsAsync(
            () => client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(serviceAccount, ns, cancellationToken: cancellationToken),
            () => client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = serviceAccount, Labels = labels },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = serviceAccount },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = serviceAccount, NamespaceProperty = ns }],
            }, ns, cancellationToken: cancellationToken));
}
