using System.Text.Json.Nodes;
using Faros.Cli.Output;

namespace Faros.Cli.Commands.Agents;

/// <summary>The kubeconfig a device's agent uses to reach the hub as its own ServiceAccount.</summary>
public static class DeviceKubeconfig
{
    private const string ClusterName = "faros-hub";

    public static string Create(string agentName, string ns, string server, string? certificateAuthorityData, bool insecureSkipTlsVerify, string token)
    {
        var cluster = new JsonObject { ["server"] = server };
        if (certificateAuthorityData is not null)
        {
            cluster["certificate-authority-data"] = certificateAuthorityData;
        }
        else if (insecureSkipTlsVerify)
        {
            cluster["insecure-skip-tls-verify"] = true;
        }

        return YamlConverter.ToYaml(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new JsonArray(new JsonObject { ["name"] = ClusterName, ["cluster"] = cluster }),
            ["users"] = new JsonArray(new JsonObject { ["name"] = agentName, ["user"] = new JsonObject { ["token"] = token } }),
            ["contexts"] = new JsonArray(new JsonObject
            {
                ["name"] = agentName,
                ["context"] = new JsonObject { ["cluster"] = ClusterName, ["user"] = agentName, ["namespace"] = ns },
            }),
            ["current-context"] = agentName,
        });
    }
}
