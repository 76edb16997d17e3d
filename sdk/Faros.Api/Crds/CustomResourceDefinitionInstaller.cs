using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Faros.Api.Crds;

/// <summary>Creates or updates CRDs and waits until the API server serves them (condition Established).</summary>
public static class CustomResourceDefinitionInstaller
{
    /// <summary>Installs every Faros CRD.</summary>
    public static Task InstallFarosAsync(IKubernetes client, CancellationToken cancellationToken = default) =>
        InstallAsync(client, FarosCustomResourceDefinitions.All, TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>Creates each CRD, or replaces it when it exists, then waits until all are Established.</summary>
    /// <exception cref="TimeoutException">A CRD did not become Established within <paramref name="timeout"/>.</exception>
    public static async Task InstallAsync(IKubernetes client, IEnumerable<V1CustomResourceDefinition> definitions, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var names = new List<string>();
        foreach (var definition in definitions)
        {
            await CreateOrReplaceAsync(client, definition, cancellationToken);
            names.Add(definition.Metadata.Name);
        }

        var deadline = Stopwatch.StartNew();
        foreach (var name in names)
        {
            while (!IsEstablished(await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken)))
            {
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"CRD {name} was not Established within {timeout.TotalSeconds:0} s; see its status conditions.");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static async Task CreateOrReplaceAsync(IKubernetes client, V1CustomResourceDefinition definition, CancellationToken cancellationToken)
    {
        // Serialized through JSON so that the caller's object is never mutated with a resourceVersion.
        var copy = KubernetesJson.Deserialize<V1CustomResourceDefinition>(KubernetesJson.Serialize(definition));
        try
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(copy, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException created) when (created.Response.StatusCode == HttpStatusCode.Conflict)
        {
            for (var attempt = 0; ; attempt++)
            {
                var existing = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(copy.Metadata.Name, cancellationToken: cancellationToken);
                copy.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                try
                {
                    await client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(copy, copy.Metadata.Name, cancellationToken: cancellationToken);
                    return;
                }
                catch (HttpOperationException replaced) when (replaced.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
                {
                    // Someone else updated it in between; read again.
                }
            }
        }
    }

    private static bool IsEstablished(V1CustomResourceDefinition definition) =>
        definition.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
}
