using System.Text.Json.Nodes;
using Faros.Cli.Commands.Agents;
using Faros.Cli.Output;

namespace Faros.Cli.Commands.Clusters;

/// <summary>
/// What `clusters init` prints for the target cluster: a faros-system namespace, a Secret with the hub kubeconfig
/// of the cluster's core agent, a ServiceAccount bound to a ClusterRole there, and the agent's Deployment.
/// </summary>
public static class ClusterAgentManifest
{
    public const string Namespace = "faros-system";
    private const string Name = "faros-cluster-agent";

    public static string Create(string clusterName, string hubKubeconfig, string image, string clusterRole)
    {
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
                ["apiVersion"] = "apps/v1",
                ["kind"] = "Deployment",
                ["metadata"] = Metadata(labels),
                ["spec"] = new JsonObject
                {
                    ["replicas"] = 1,
                    ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = Name } },
                    ["template"] = new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                        ["spec"] = new JsonObject
                        {
                            ["serviceAccountName"] = Name,
                            ["containers"] = new JsonArray(new JsonObject
                            {
                                ["name"] = "agent",
                                ["image"] = image,
                                ["args"] = new JsonArray("--mode", "cluster", "--cluster", clusterName, "--hub-kubeconfig", "/etc/faros/hub/kubeconfig"),
                                ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "hub", ["mountPath"] = "/etc/faros/hub", ["readOnly"] = true }),
                            }),
                            ["volumes"] = new JsonArray(new JsonObject { ["name"] = "hub", ["secret"] = new JsonObject { ["secretName"] = Name } }),
                        },
                    },
                },
            },
        };
        return string.Join("---\n", documents.Select(document => YamlConverter.ToYaml(document)));
    }

    private static JsonObject Metadata(JsonObject labels) => new() { ["name"] = Name, ["namespace"] = Namespace, ["labels"] = labels.DeepClone() };
}
