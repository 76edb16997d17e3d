using System.Text.Json;
using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Faros.PluginHost.Reconciling;

/// <summary>
/// A running plugin instance's reconcilers, one <see cref="ReconcileRunner"/> per kind. Resources cross the
/// boundary as JSON and are bound to the plugin's own types with serializer options that belong to this
/// instance alone: a shared (static) serializer cache would hold the plugin's types and keep its context
/// from being collected after unload.
/// </summary>
internal sealed class PluginReconcilers
{
    private readonly Dictionary<ResourceKind, (IReconciler Reconciler, ReconcileRunner Runner)> _byKind;
    private readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public PluginReconcilers(IReadOnlyList<IReconciler> reconcilers, ExponentialBackoff backoff, ILogger logger)
    {
        _byKind = reconcilers.ToDictionary(r => r.Kind, r => (r, new ReconcileRunner(r, backoff, logger)));
        Kinds = [.. _byKind.Keys];
    }

    public IReadOnlyList<ResourceKind> Kinds { get; }

    public bool Owns(ResourceKind kind) => _byKind.ContainsKey(kind);

    public async Task<ReconcilePass> RunAsync(ResourceKind kind, string resourceJson, CancellationToken cancellationToken)
    {
        var (reconciler, runner) = _byKind[kind];
        IKubernetesObject<V1ObjectMeta> resource;
        try
        {
            resource = JsonSerializer.Deserialize(resourceJson, reconciler.ResourceType, _json) as IKubernetesObject<V1ObjectMeta>
                ?? throw new JsonException("The document is null.");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The {kind} resource is not valid JSON for {reconciler.ResourceType.Name}: {ex.Message}", nameof(resourceJson), ex);
        }

        var outcome = await runner.RunAsync(resource, cancellationToken).ConfigureAwait(false);
        return new ReconcilePass(outcome, JsonSerializer.Serialize(resource, reconciler.ResourceType, _json));
    }
}
