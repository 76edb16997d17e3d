using System.Globalization;
using System.Text.Json.Nodes;
using Faros.Cli.Output;

namespace Faros.Cli.Commands.Clusters;

/// <summary>
/// What `clusters init` prints for the target cluster: a faros-system namespace, a Secret with the hub kubeconfig
/// of the cluster's core agent, a ServiceAccount bound to a ClusterRole there and allowed to update that Secret (with a
/// renewed token), and the agent's Deployment: one
/// replica (one agent speaks for the cluster; Recreate, so two never heartbeat at once) running the agent image in
/// cluster mode.
/// </summary>
public static class ClusterAgentManifest
{
    public const string Namespace = "faros-system";

    /// <summary>Where the Deployment mounts the Secret (keys <c>kubeconfig</c> and <c>cluster</c>).</summary>
    public const string HubMountPath = "/etc/faros/hub";

    private const string Name = "faros-cluster-agent";

    /// <summary>The agent's heartbeat: three beats within the Cluster's timeout, at most every 20 s.</summary>
    public static TimeSpan HeartbeatInterval(int heartbeatTimeoutSeconds) =>
        TimeSpan.FromSeconds(Math.Clamp(heartbeatTimeoutSeconds / 3, 1, 20));

    /// <summary>The container's args: exactly the switches the agent's command line accepts (agent/Faros.Agent/AgentCommandLine.cs).</summary>
    public static IReadOnlyList<string> AgentArguments(string agentName, string hubNamespace, TimeSpan heartbeatInterval) =>
    [
        "--mode", "cluster",
        "--hub-kubeconfig", HubMountPath + "/kubeconfig",
        "--name", agentName,
        "--namespace", hubNamespace,
        "--heartbeat-interval", heartbeatInterval.ToString("c", CultureInfo.InvariantCulture),
        "--hub-kubeconfig-secret", $"{Namespace}/{Name}",
    ];

    public static string Create(string clusterName, string hubKubeconfig, string image, string clusterRole, IReadOnlyList<string> agentArguments)
    {
        ArgumentNullException.ThrowIfNull(agentArguments);
        var labels = new JsonObject { ["app.kubernetes.io/name"] = Name, ["app.kubernetes.io/part-of"] = "faros" };
        var documents = new JsonObject[]
        {
            new()
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = Namespace, ["labels"] = labels.DeepClone() },
            },
            new()
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Secret",
                ["metadata"] = Metadata(labels),
                ["type"] = "Opaque",
                ["stringData"] = new JsonObject { ["cluster"] = clusterName, ["kubeconfig"] = hubKubeconfig },
            },
            new()
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = Metadata(labels),
            },
            new()
            {
                ["apiVersion"] = "rbac.authorization.k8s.io/v1",
                ["kind"] = "ClusterRoleBinding",
                ["metadata"] = new JsonObject { ["name"] = Name, ["labels"] = labels.DeepClone() },
                ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = clusterRole },
                ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = Name, ["namespace"] = Namespace }),
            },
            new()
            {
                // The agent writes a renewed hub token back into its Secret, so that a restarted pod starts with it.
                ["apiVersion"] = "rbac.authorization.k8s.io/v1",
                ["kind"] = "Role",
                ["metadata"] = Metadata(labels),
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["apiGroups"] = new JsonArray(""),
                    ["resources"] = new JsonArray("secrets"),
                    ["resourceNames"] = new JsonArray(Name),
                    ["verbs"] = new JsonArray("get", "patch"),
                }),
            },
            new()
            {
                ["apiVersion"] = "rbac.authorization.k8s.io/v1",
                ["kind"] = "RoleBinding",
                ["metadata"] = Metadata(labels),
                ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Role", ["name"] = Name },
                ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = Name, ["namespace"] = Namespace }),
            },
            new()
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "Deployment",
                ["metadata"] = Metadata(labels),
                ["spec"] = new JsonObject
                {
                    ["replicas"] = 1,
                    ["strategy"] = new JsonObject { ["type"] = "Recreate" },
                    ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = Name } },
                    ["template"] = new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                        ["spec"] = new JsonObject
                        {
                            ["serviceAccountName"] = Name,
                            ["securityContext"] = new JsonObject { ["runAsNonRoot"] = true },
                            ["containers"] = new JsonArray(new JsonObject
                            {
                                ["name"] = "agent",
                                ["image"] = image,
                                ["args"] = new JsonArray(agentArguments.Select(argument => (JsonNode?)JsonValue.Create(argument)).ToArray()),
                                ["resources"] = new JsonObject
                                {
                                    ["requests"] = new JsonObject { ["cpu"] = "10m", ["memory"] = "48Mi" },
                                    ["limits"] = new JsonObject { ["memory"] = "256Mi" },
                                },
                                ["securityContext"] = new JsonObject
                                {
                                    ["allowPrivilegeEscalation"] = false,
                                    ["readOnlyRootFilesystem"] = true,
                                    ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
                                },
                                ["volumeMounts"] = new JsonArray(
                                    new JsonObject { ["name"] = "hub", ["mountPath"] = HubMountPath, ["readOnly"] = true },
                                    // The root filesystem is read-only; the .NET runtime still wants a writable /tmp.
                                    new JsonObject { ["name"] = "tmp", ["mountPath"] = "/tmp" }),
                            }),
                            ["volumes"] = new JsonArray(
                                new JsonObject { ["name"] = "hub", ["secret"] = new JsonObject { ["secretName"] = Name } },
                                new JsonObject { ["name"] = "tmp", ["emptyDir"] = new JsonObject() }),
                        },
                    },
                },
            },
        };
        return string.Join("---\n", documents.Select(document => YamlConverter.ToYaml(document)));
    }

    private static JsonObject Metadata(JsonObject labels) => new() { ["name"] = Name, ["namespace"] = Namespace, ["labels"] = labels.DeepClone() };
}
