using k8s;
using k8s.Models;

namespace Faros.Api.Kubernetes;

/// <summary>namespace/name of a namespaced object: the unit of work of a controller.</summary>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> resource) =>
        new(resource.Metadata.NamespaceProperty ?? "", resource.Metadata.Name);

    public override string ToString() => $"{Namespace}/{Name}";
}
