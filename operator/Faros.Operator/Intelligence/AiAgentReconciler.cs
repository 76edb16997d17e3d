using Faros.Api.Core;
using Faros.Api.Intelligence;
using Faros.Api.Kubernetes;
using Faros.Operator.Controllers;
using Faros.Sdk.Reconciliation;
using k8s;
using Microsoft.Extensions.Logging;
using Reasons = Faros.Api.Intelligence.AiAgentConditions.Reasons;

namespace Faros.Operator.Intelligence;

/// <summary>
/// Checks an AI agent's backend: the base URL, that secretRef exists and holds its key, and that the backend's
/// model list, asked with that key, has the model; then lists the Clusters its selector picks. Ready (with a
/// heartbeat) while all holds, Failed with the reason otherwise; checked again every probe interval.
/// </summary>
public sealed class AiAgentReconciler : Reconciler<AiAgent>
{
    /// <summary>Used when spec.baseUrl is unset.</summary>
    public static readonly Uri OpenAiBaseUrl = new("https://api.openai.com/v1");

    private readonly IKubernetes _client;
    private readonly ResourceClient<Cluster> _clusters;
    private readonly ModelProbe _probe;
    private readonly TimeSpan _probeInterval;
    private readonly ILogger<AiAgentReconciler> _logger;

    public AiAgentReconciler(IKubernetes client, ModelProbe probe, TimeSpan probeInterval, ILogger<AiAgentReconciler> logger)
    {
        _client = client;
        _clusters = new ResourceClient<Cluster>(client);
        _probe = probe;
        _probeInterval = probeInterval;
        _logger = logger;
    }

    protected override async Task<ReconcileResult> ReconcileCoreAsync(AiAgent agent, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var status = agent.Status;
        if (status.Phase is null)
        {
            status.Phase = ClusterPhases.Pending;
            status.Conditions.SetCondition(AiAgentConditions.Ready, ConditionStatus.False, Reasons.Pending, "the agent was accepted; its backend is checked next.", agent.Metadata.Generation, now);
            return ReconcileResult.Requeue(TimeSpan.Zero);
        }

        if (status.Phase == ClusterPhases.Pending)
        {
            status.Phase = ClusterPhases.Initializing;
        }

        var ns = agent.Metadata.NamespaceProperty;
        status.Clusters = (await _clusters.ListAsync(ns, LabelSelectors.ToQuery(agent.Spec.ClusterSelector), cancellationToken)).Items
            .Select(c => c.Metadata.Name).Order(StringComparer.Ordinal).ToList();

        var problem = await CheckBackendAsync(agent, cancellationToken);
        if (problem is { } failed)
        {
            if (status.Phase != ClusterPhases.Failed)
            {
                _logger.LogWarning("AI agent {Namespace}/{Name} is not usable: {Reason}", ns, agent.Metadata.Name, failed.Reason);
            }

            status.Phase = ClusterPhases.Failed;
            status.Conditions.SetCondition(AiAgentConditions.Ready, ConditionStatus.False, failed.Reason, failed.Message, agent.Metadata.Generation, now);
            return failed.Reason is Reasons.BackendUnavailable ? ReconcileResult.Retry(failed.Message) : ReconcileResult.Requeue(_probeInterval);
        }

        status.Phase = ClusterPhases.Ready;
        status.LastHeartbeat = now.UtcDateTime.AddTicks(-(now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond));
        status.Conditions.SetCondition(AiAgentConditions.Ready, ConditionStatus.True, Reasons.BackendReady,
            $"model {agent.Spec.Model} is available; {status.Clusters.Count} cluster(s) selected.", agent.Metadata.Generation, now);
        return ReconcileResult.Requeue(_probeInterval);
    }

    private async Task<(string Reason, string Message)?> CheckBackendAsync(AiAgent agent, CancellationToken cancellationToken)
    {
        var spec = agent.Spec;
        if (spec.Backend != "openai")
        {
            return (Reasons.InvalidBackend, $"backend '{spec.Backend}' is not supported; use openai (any OpenAI-compatible API, with baseUrl).");
        }

        var baseUrl = OpenAiBaseUrl;
        if (spec.BaseUrl is { Length: > 0 } configured && (!Uri.TryCreate(configured, UriKind.Absolute, out baseUrl!) || baseUrl.Scheme is not ("http" or "https")))
        {
            return (Reasons.InvalidBackend, $"baseUrl '{configured}' is not an absolute http(s) URL, e.g. https://api.openai.com/v1.");
        }

        k8s.Models.V1Secret secret;
        try
        {
            secret = await _client.CoreV1.ReadNamespacedSecretAsync(spec.SecretRef.Name, agent.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (Exception missing) when (Conflicts.IsNotFound(missing))
        {
            return (Reasons.SecretNotFound, $"Secret {spec.SecretRef.Name} does not exist in namespace {agent.Metadata.NamespaceProperty}; create it with the API key under key {spec.SecretRef.Key}.");
        }

        if (secret.Data is null || !secret.Data.TryGetValue(spec.SecretRef.Key, out var key) || key.Length == 0)
        {
            return (Reasons.SecretKeyMissing, $"Secret {spec.SecretRef.Name} has no key {spec.SecretRef.Key}; it has: {string.Join(", ", secret.Data?.Keys ?? [])}.");
        }

        return await _probe.CheckAsync(baseUrl, System.Text.Encoding.UTF8.GetString(key).Trim(), spec.Model, cancellationToken);
    }
}
