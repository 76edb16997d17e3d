using System.Net;
using System.Text;
using Faros.Api.Core;
using k8s;
using k8s.Autorest;
using k8s.Models;
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
    private string? _unstored;

    /// <summary>Reads the token Secret <paramref name="agent"/> names and switches to its token if it is new; true when it did.</summary>
    public async Task<bool> RefreshAsync(CoreAgent agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var reference = agent.Spec.TokenSecretRef;
        var ns = agent.Metadata.NamespaceProperty;
        V1Secret secret;
        try
        {
            secret = await hub.Client.CoreV1.ReadNamespacedSecretAsync(reference.Name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException refused) when (refused.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException(refused.Response.StatusCode == HttpStatusCode.NotFound
                ? $"the hub has no token Secret {ns}/{reference.Name} (the operator creates it with the Cluster)"
                : $"the hub forbids reading the token Secret {ns}/{reference.Name}: the operator's Role for this cluster predates this agent; update the operator", refused);
        }

        if (secret.Data?.TryGetValue(reference.Key, out var value) != true || value is not { Length: > 0 })
        {
            logger.LogWarning("The hub token Secret {Secret} has no key {Key} yet; keeping the current token", reference.Name, reference.Key);
            return false;
        }

        var token = Encoding.UTF8.GetString(value);
        var switched = token != hub.Token;
        if (switched)
        {
            _unstored = hub.UseToken(token);
            logger.LogInformation("Switched to the renewed hub token from Secret {Namespace}/{Secret}", ns, reference.Name);
        }
        else
        {
            logger.Log(_checked ? LogLevel.Debug : LogLevel.Information, "The hub token in use is the current one of Secret {Namespace}/{Secret}", ns, reference.Name);
        }

        _checked = true;
        // Kept until stored: a failed store is retried at the next check even though the token is already in use.
        if (options.HubKubeconfigSecret is { } stored && _unstored is { } kubeconfig)
        {
            try
            {
                await target.StoreAsync(stored, "kubeconfig", kubeconfig, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException refused)
            {
                throw new InvalidOperationException(
                    $"storing the renewed hub kubeconfig in Secret {stored} of this cluster failed (HTTP {(int)refused.Response.StatusCode}); does it exist, and may the agent patch it (the manifest's Role)?", refused);
            }
            logger.LogInformation("Stored the renewed hub kubeconfig in Secret {Secret} of this cluster", stored);
        }

        _unstored = null;
        return switched;
    }
}
