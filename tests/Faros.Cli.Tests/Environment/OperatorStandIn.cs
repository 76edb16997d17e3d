using System.Diagnostics;
using System.Text;
using Faros.Api.Core;
using Faros.Api.Edge;
using Faros.Api.Intelligence;
using Faros.Api.Kubernetes;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;

namespace Faros.Cli.Tests.Environment;

/// <summary>
/// Plays the Faros operator's part for CLI tests: it writes what the operator would (Secrets, ServiceAccounts, and
/// status through the status subresource) so that the CLI's waits can be tested against the real API server
/// in cases the real operator does not produce on demand (a pin with --config, a Failed cluster). The CLI's waits on the
/// real operator are tested in <see cref="Tests.WithRealOperatorTests"/>.
/// </summary>
public sealed class OperatorStandIn(HubAdmin admin)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private IKubernetes Client => admin.Client;

    /// <summary>The edge Agent reconciler resolving one plugin reference (or failing to).</summary>
    public async Task ResolvePluginAsync(string ns, string agentName, string pluginName, PluginStatus result, string reason)
    {
        var agents = new ResourceClient<EdgeAgent>(Client);
        var agent = await EventuallyAsync(async () =>
        {
            var current = await agents.FindAsync(ns, agentName);
            return current?.Spec.Plugins.Any(plugin => plugin.Name == pluginName) == true ? current : null;
        }, $"plugin {pluginName} on agent {ns}/{agentName}");
        result.Name = pluginName;
        agent.Status.Plugins = [.. agent.Status.Plugins.Where(plugin => plugin.Name != pluginName), result];
        agent.Status.ObservedGeneration = agent.Metadata.Generation;
        agent.Status.SetCondition(EdgeAgentConditions.PluginsResolved, reason == EdgeAgentConditions.Reasons.Resolved, reason, result.Message ?? "Every plugin resolved.", agent.Metadata.Generation, DateTimeOffset.UtcNow);
        await agents.ReplaceStatusAsync(agent);
    }

    /// <summary>
    /// The Cluster reconciler's Initializing step: the core Agent and its token Secret, named as the real operator names
    /// them; the key is "jwt" rather than its "token" so that the CLI is seen to take the key from the Agent's tokenSecretRef.
    /// </summary>
    public async Task InitializeClusterAsync(string ns, string name, string token)
    {
        var clusters = new ResourceClient<Cluster>(Client);
        var cluster = await EventuallyAsync(() => clusters.FindAsync(ns, name), $"cluster {ns}/{name}");
        await CreateTokenSecretAsync(ns, $"faros-cluster-{name}-token", "jwt", token);
        await new ResourceClient<CoreAgent>(Client).CreateAsync(new CoreAgent
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new CoreAgentSpec { ClusterName = name, TokenSecretRef = new Api.SecretKeyReference { Name = $"faros-cluster-{name}-token", Key = "jwt" } },
        });
        cluster.Status.Phase = ClusterPhases.Initializing;
        cluster.Status.AgentName = name;
        cluster.Status.TokenSecretName = $"faros-cluster-{name}-token";
        cluster.Status.ObservedGeneration = cluster.Metadata.Generation;
        await clusters.ReplaceStatusAsync(cluster);
    }

    /// <summary>The Cluster reconciler seeing a fresh heartbeat.</summary>
    public async Task MarkClusterReadyAsync(string ns, string name)
    {
        var clusters = new ResourceClient<Cluster>(Client);
        var cluster = await clusters.GetAsync(ns, name);
        cluster.Status.Phase = ClusterPhases.Ready;
        cluster.Status.LastHeartbeat = DateTime.UtcNow;
        cluster.Status.SetCondition("Ready", true, "HeartbeatFresh", "The agent reported in.", cluster.Metadata.Generation, DateTimeOffset.UtcNow);
        await clusters.ReplaceStatusAsync(cluster);
    }

    /// <summary>The AI Agent reconciler's verdict.</summary>
    public async Task SetAiAgentPhaseAsync(string ns, string name, string phase)
    {
        var agents = new ResourceClient<AiAgent>(Client);
        var agent = await EventuallyAsync(() => agents.FindAsync(ns, name), $"AI agent {ns}/{name}");
        agent.Status.Phase = phase;
        agent.Status.ObservedGeneration = agent.Metadata.Generation;
        await agents.ReplaceStatusAsync(agent);
    }

    private async Task CreateTokenSecretAsync(string ns, string name, string key, string token) =>
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name },
            Data = new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(token) },
        }, ns);

    /// <summary>Polls until the CLI has created what the operator reacts to.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> look, string what)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (await look() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{what} did not appear within {Patience.TotalSeconds:0} s.");
    }
}
