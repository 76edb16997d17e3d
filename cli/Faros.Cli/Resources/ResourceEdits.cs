using System.Net;
using Faros.Api.Kubernetes;
using Faros.Cli.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Faros.Cli.Resources;

/// <summary>Read-modify-write of a resource's spec, read again and retried when someone else wrote in between (409).</summary>
public static class ResourceEdits
{
    private const int Attempts = 5;

    public static async Task<T> EditAsync<T>(this ResourceClient<T> resources, string ns, string name, Action<T> edit, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        for (var attempt = 1; ; attempt++)
        {
            var resource = await resources.FindAsync(ns, name, cancellationToken)
                ?? throw CliException.NotFound($"{resources.Kind.Kind} '{name}' does not exist in namespace '{ns}'.");
            edit(resource);
            try
            {
                return await resources.ReplaceAsync(resource, cancellationToken);
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Changed since we read it (the operator writes status, others edit too); read again.
            }
        }
    }
}
