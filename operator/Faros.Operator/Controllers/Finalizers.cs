using Faros.Api.Kubernetes;
using k8s;
using k8s.Models;

namespace Faros.Operator.Controllers;

/// <summary>
/// Adds and removes finalizers. Adding is persisted before the caller does anything outside the object, so a
/// delete can never skip the cleanup of an effect.
/// </summary>
public static class Finalizers
{
    /// <summary>Makes sure <paramref name="resource"/> carries <paramref name="finalizer"/> on the server; updates its metadata in place.</summary>
    public static Task EnsureAsync<T>(this ResourceClient<T> resources, T resource, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        resource.Metadata.Finalizers?.Contains(finalizer) == true
            ? Task.CompletedTask
            : UpdateAsync(resources, resource, finalizers => finalizers.Add(finalizer), finalizers => finalizers.Contains(finalizer), cancellationToken);

    /// <summary>Removes <paramref name="finalizer"/> from <paramref name="resource"/> on the server; absent or already deleted is fine.</summary>
    public static Task RemoveAsync<T>(this ResourceClient<T> resources, T resource, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        resource.Metadata.Finalizers?.Contains(finalizer) != true
            ? Task.CompletedTask
            : UpdateAsync(resources, resource, finalizers => finalizers.Remove(finalizer), finalizers => !finalizers.Contains(finalizer), cancellationToken);

    private static async Task UpdateAsync<T>(ResourceClient<T> resources, T resource, Action<IList<string>> change, Func<IList<string>, bool> done, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var current = resource;
        var updated = await Conflicts.RetryAsync(async ct =>
        {
            current.Metadata.Finalizers ??= [];
            if (done(current.Metadata.Finalizers))
            {
                return current;
            }

            change(current.Metadata.Finalizers);
            try
            {
                return await resources.ReplaceAsync(current, ct);
            }
            catch (Exception conflict) when (Conflicts.IsConflict(conflict))
            {
                current = await resources.GetAsync(resource.Metadata.NamespaceProperty, resource.Metadata.Name, ct);
                throw;
            }
        }, cancellationToken);

        resource.Metadata.Finalizers = updated.Metadata.Finalizers;
        resource.Metadata.ResourceVersion = updated.Metadata.ResourceVersion;
    }
}
