using k8s;
using Microsoft.Extensions.Configuration;

namespace Faros.Operator.Hosting;

/// <summary>
/// Where the API server is: --kubeconfig (or Kubeconfig in configuration), else $KUBECONFIG, else the pod's
/// service account when running in a cluster, else ~/.kube/config.
/// </summary>
public static class KubernetesConnection
{
    public static KubernetesClientConfiguration Resolve(IConfiguration configuration)
    {
        if (configuration["kubeconfig"] is { Length: > 0 } path)
        {
            return File.Exists(path)
                ? KubernetesClientConfiguration.BuildConfigFromConfigFile(path)
                : throw new InvalidOperationException($"--kubeconfig {path} does not exist; pass the path of a kubeconfig file.");
        }

        if (Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } fromEnvironment)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(fromEnvironment.Split(Path.PathSeparator)[0]);
        }

        return KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildDefaultConfig();
    }
}
