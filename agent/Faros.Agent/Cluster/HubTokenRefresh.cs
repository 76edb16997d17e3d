using System.Text;
using Faros.Api.Core;
using k8s;
using Microsoft.Extensions.Logging;

namespace Faros.Agent.Cluster;

/// <summary>
/// Keeps the agent's hub token current. The operator renews the token in the Cluster's token Secret on the hub before
/// it expires; the agent may read that one Secret. When its token differs from the one in use, the agent switches to
/// it and stores the hub kubeconfig carrying it in the target cluster's Secret (--hub-kubeconfig-secret), so that a
/// restarted pod starts with a token that is still valid.
/// </summary>
public sealed class HubTokenRefresh(HubConnection hub, TargetCluster target, AgentOptions options, ILogger<HubTokenRefresh> logger)
{
    /// <summary>How often the Secret is read: the operator renews a token when a fifth of its lifetime (days) is left.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private bool _checked;

    /// <summary>Reads the token Secret <paramref name="agent"/> names and switches to its token if it is new; true when it did.</summary>
    public async Task<bool> RefreshAsync(CoreAgent agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var reference = agent.Spec.TokenSecretRef;
        var secret = await hub.Client.CoreV1.ReadNamespacedSecretAsync(reference.Name, agent.Metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (secret.Data?.TryGetValue(reference.Key, out var value) != true || value is not { Length: > 0 })
        {
            logger.LogWarning("The hub token Secret {Secret} has no key {Key} yet; keeping the current token", reference.Name, reference.Key);
            return false;
        }

        var token = Encoding.UTF8.GetString(value);
        if (token == hub.Token)
        {
            logger.Log(_checked ? LogLevel.Debug : LogLevel.Information, "The hub token in use is the current one of Secret {Namespace}/{Secret}", agent.Metadata.NamespaceProperty, reference.Name);
            _checked = true;
            return false;
        }

        var kubeconfig = hub.UseToken(token);
        logger.LogInformation("Switched to the renewed hub token from Secret {Namespace}/{Secret}", agent.Metadata.NamespaceProperty, reference.Name);
        if (options.HubKubeconfigSecret is { } stored)
        {
            await target.StoreAsync(stored, "kubeconfig", kubeconfig, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Stored the renewed hub kubeconfig in Secret {Secret} of this cluster", stored);
        }

        return true;
    }
}
