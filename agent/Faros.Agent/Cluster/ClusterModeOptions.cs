namespace Faros.Agent.Cluster;

/// <summary>The settings cluster mode needs: no plugins run, so no trust policy or cache is asked for.</summary>
public static class ClusterModeOptions
{
    /// <summary>Throws naming every missing or bad setting and how to fix it.</summary>
    public static void Validate(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Kubeconfig) || !File.Exists(options.Kubeconfig))
        {
            problems.Add($"--hub-kubeconfig must name the hub kubeconfig from the `kubectl faros clusters init` manifest's Secret (was '{options.Kubeconfig}').");
        }

        if (string.IsNullOrWhiteSpace(options.Name) || string.IsNullOrWhiteSpace(options.Namespace))
        {
            problems.Add("--name and --namespace must name the cluster's core.faros.sh Agent on the hub (the Cluster's name and namespace).");
        }

        if (options.TargetKubeconfig is { } target && !File.Exists(target))
        {
            problems.Add($"--target-kubeconfig names no file ('{target}'); leave it out inside a pod to use the in-cluster config.");
        }

        if (options.HubKubeconfigSecret is { } secret && secret.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            problems.Add($"--hub-kubeconfig-secret must be namespace/name of the Secret holding the hub kubeconfig in this cluster (was '{secret}').");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            problems.Add("--heartbeat-interval must be positive (e.g. 00:00:20), and well under the Cluster's spec.heartbeatTimeoutSeconds.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid cluster agent settings: " + string.Join(" ", problems));
        }
    }

    /// <summary>("namespace", "name") of a validated --hub-kubeconfig-secret.</summary>
    public static (string Namespace, string Name) SplitSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var slash = secret.IndexOf('/', StringComparison.Ordinal);
        return (secret[..slash], secret[(slash + 1)..]);
    }
}
