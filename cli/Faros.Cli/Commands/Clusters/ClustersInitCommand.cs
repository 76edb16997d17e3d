using System.CommandLine;
using Faros.Api.Core;
using Faros.Api.Kubernetes;
using Faros.Cli.Commands.Agents;
using Faros.Cli.Infrastructure;
using Faros.Cli.Resources;
using k8s.Models;

namespace Faros.Cli.Commands.Clusters;

/// <summary>
/// `kubectl faros clusters init NAME`: creates (or reuses) the Cluster, waits for the operator to issue the cluster
/// agent's token, prints the manifest to apply on the target cluster, then waits until the agent reports in (Ready).
/// </summary>
public static class ClustersInitCommand
{
    private const string DefaultImage = "ghcr.io/faros-sh/faros-agent";

    // The CRD's default of spec.heartbeatTimeoutSeconds (the API server fills it in, so this is only a fallback).
    private const int DefaultHeartbeatTimeoutSeconds = 300;

    public static Command Create()
    {
        var name = NameArguments.Subdomain("cluster");
        var displayName = new Option<string?>("--display-name") { Description = "A human-readable name for the cluster." };
        var image = new Option<string>("--image")
        {
            Description = "The Faros agent image the target cluster runs.",
            DefaultValueFactory = _ => $"{DefaultImage}:{VersionCommand.ToolVersion}",
        };
        var clusterRole = new Option<string>("--cluster-role")
        {
            Description = "The ClusterRole the agent gets on the target cluster.",
            DefaultValueFactory = _ => "view",
        };
        var heartbeatTimeout = new Option<Duration?>("--heartbeat-timeout")
        {
            Description = "A new cluster turns Failed after this long without a heartbeat (at least 10s; the operator's default is 5m). The agent heartbeats three times within it.",
            HelpName = "duration",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
                if (Durations.TryParse(text, out var value) && value >= TimeSpan.FromSeconds(10))
                {
                    return new Duration(value);
                }

                result.AddError($"Heartbeat timeout '{text}' must be a duration of at least 10s, e.g. 30s or 5m.");
                return null;
            },
        };
        var hubServer = new Option<Uri?>("--hub-server")
        {
            Description = "The hub's API server URL as the target cluster reaches it (default: the server of the current context).",
            HelpName = "url",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
                {
                    return url;
                }

                result.AddError($"Hub server '{text}' is not an absolute http(s) URL, e.g. https://hub.example.com:6443.");
                return null;
            },
        };
        var ns = CommonOptions.Namespace();
        var noWait = new Option<bool>("--no-wait") { Description = "Print the manifest and return without waiting for the cluster to become Ready." };
        var timeout = CommonOptions.Timeout(TimeSpan.FromMinutes(5));
        var command = new Command("init", "Add a cluster: print the manifest to apply on it (stdout) and wait until its agent reports in.")
        {
            name, displayName, image, clusterRole, heartbeatTimeout, hubServer, ns, noWait, timeout,
        };
        command.SetFarosAction(async invocation =>
        {
            var clusterName = invocation.Get(name);
            var namespaceName = invocation.Namespace(ns);
            var client = invocation.Kube.Client;
            var clusters = new ResourceClient<Cluster>(client);
            var cancellationToken = invocation.CancellationToken;
            var existing = await clusters.FindAsync(namespaceName, clusterName, cancellationToken);
            if (existing is not null && invocation.Get(heartbeatTimeout) is { } asked && existing.Spec.HeartbeatTimeoutSeconds is { } kept && kept != (int)asked.Value.TotalSeconds)
            {
                await invocation.Error.WriteLineAsync($"Cluster {namespaceName}/{clusterName} exists; its heartbeat timeout stays {kept}s (--heartbeat-timeout applies to a new cluster).");
            }

            if (existing is null)
            {
                await clusters.CreateAsync(new Cluster
                {
                    Metadata = new V1ObjectMeta { Name = clusterName, NamespaceProperty = namespaceName },
                    Spec = new ClusterSpec
                    {
                        DisplayName = invocation.Get(displayName),
                        HeartbeatTimeoutSeconds = invocation.Get(heartbeatTimeout) is { } limit ? (int)limit.Value.TotalSeconds : null,
                    },
                }, cancellationToken);
                await invocation.Error.WriteLineAsync($"Created cluster {namespaceName}/{clusterName}.");
            }

            var timeLimit = invocation.Get(timeout);
            var waiter = new Waiter(invocation.Error, timeLimit);
            var hint = $"Is the Faros operator running on the hub? See `kubectl get clusters.core.faros.sh {clusterName} -n {namespaceName} -o yaml`.";
            var (initialized, token) = await waiter.UntilAsync(
                $"cluster {namespaceName}/{clusterName} to get its agent token",
                async lookToken =>
                {
                    var cluster = await clusters.FindAsync(namespaceName, clusterName, lookToken);
                    return (cluster, cluster?.Status.TokenSecretName is { } secret ? await ReadTokenAsync(client, namespaceName, cluster, secret, lookToken) : null);
                },
                state => JudgeToken(state.cluster, state.Item2),
                hint,
                cancellationToken);

            var session = invocation.Kube;
            var hubKubeconfig = DeviceKubeconfig.Create(initialized!.Status.AgentName ?? clusterName, namespaceName, invocation.Get(hubServer)?.AbsoluteUri.TrimEnd('/') ?? session.Server,
                session.CertificateAuthorityData, session.SkipTlsVerify, token!);
            var agentArguments = ClusterAgentManifest.AgentArguments(initialized.Status.AgentName ?? clusterName, namespaceName,
                ClusterAgentManifest.HeartbeatInterval(initialized.Spec.HeartbeatTimeoutSeconds ?? DefaultHeartbeatTimeoutSeconds));
            var manifest = ClusterAgentManifest.Create(clusterName, hubKubeconfig, invocation.Get(image), invocation.Get(clusterRole), agentArguments);
            if (invocation.Get(noWait))
            {
                await invocation.Out.WriteAsync(manifest);
                return ExitCodes.Success;
            }

            // Ends stdout so that `kubectl faros clusters init x | kubectl --context target apply -f -` applies now, while this waits.
            StandardOutput.WriteAndClose(manifest);
            await invocation.Error.WriteLineAsync($"Apply the manifest above on the cluster (e.g. pipe it into `kubectl --context TARGET apply -f -`).");
            await waiter.UntilAsync(
                $"cluster {namespaceName}/{clusterName} to be Ready",
                lookToken => clusters.FindAsync(namespaceName, clusterName, lookToken),
                JudgeReady,
                "Has the manifest been applied on the cluster, and can its agent reach the hub? See `kubectl faros clusters list`.",
                cancellationToken);
            await invocation.Error.WriteLineAsync($"Cluster {namespaceName}/{clusterName} is Ready.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The token Secret's key comes from the core Agent's tokenSecretRef when the operator created it; "token" otherwise.</summary>
    private static async Task<string?> ReadTokenAsync(k8s.IKubernetes client, string ns, Cluster cluster, string secretName, CancellationToken cancellationToken)
    {
        var key = "token";
        if (cluster.Status.AgentName is { } agentName && await new ResourceClient<CoreAgent>(client).FindAsync(ns, agentName, cancellationToken) is { } agent
            && agent.Spec.TokenSecretRef.Name == secretName && agent.Spec.TokenSecretRef.Key.Length > 0)
        {
            key = agent.Spec.TokenSecretRef.Key;
        }

        return await SecretValues.FindAsync(client, ns, secretName, key, cancellationToken);
    }

    private static WaitState JudgeToken(Cluster? cluster, string? token) => cluster switch
    {
        null => WaitState.Failed("deleted", "the Cluster was deleted while waiting.", ExitCodes.NotFound),
        { Status.Phase: ClusterPhases.Failed } => WaitState.Failed("phase Failed", FailureMessage(cluster)),
        _ when token is not null => WaitState.Finished($"phase {cluster.Status.Phase}, token issued"),
        _ => WaitState.Pending($"phase {cluster.Status.Phase ?? ClusterPhases.Pending}"),
    };

    private static WaitState JudgeReady(Cluster? cluster) => cluster switch
    {
        null => WaitState.Failed("deleted", "the Cluster was deleted while waiting.", ExitCodes.NotFound),
        { Status.Phase: ClusterPhases.Ready } => WaitState.Finished("phase Ready"),
        { Status.Phase: ClusterPhases.Failed } => WaitState.Failed("phase Failed", FailureMessage(cluster)),
        _ => WaitState.Pending($"phase {cluster.Status.Phase ?? ClusterPhases.Pending}"),
    };

    private static string FailureMessage(Cluster cluster) =>
        cluster.Status.Conditions.FirstOrDefault(condition => condition.Status != "True") is { } condition
            ? $"{Conditions.Describe(condition)}."
            : "the operator marked it Failed; see `kubectl get clusters.core.faros.sh -o yaml`.";
}
