using Faros.Api.Core;
using Faros.Api.Kubernetes;
using k8s;

namespace Faros.Agent.Cluster;

/// <summary>
/// The hub as the cluster agent reaches it: a client built from the hub kubeconfig file, rebuilt when that file
/// changes. A pod's Secret volume is updated in place when the manifest is applied again (e.g. with a renewed
/// token), so the agent picks up new credentials without a restart.
/// </summary>
public sealed class HubConnection : IDisposable
{
    private readonly string _kubeconfig;
    private string _loaded;
    private Kubernetes _client;

    public HubConnection(string kubeconfig)
    {
        _kubeconfig = kubeconfig;
        _loaded = File.ReadAllText(kubeconfig);
        _client = Connect(kubeconfig);
        Agents = new ResourceClient<CoreAgent>(_client);
    }

    /// <summary>The core Agents, through the current credentials.</summary>
    public ResourceClient<CoreAgent> Agents { get; private set; }

    /// <summary>Rebuilds the client when the kubeconfig file changed since it was read; true when it did.</summary>
    public bool ReloadIfChanged()
    {
        var current = File.ReadAllText(_kubeconfig);
        if (current == _loaded)
        {
            return false;
        }

        var previous = _client;
        _client = Connect(_kubeconfig);
        Agents = new ResourceClient<CoreAgent>(_client);
        _loaded = current;
        previous.Dispose();
        return true;
    }

    private static Kubernetes Connect(string kubeconfig) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));

    public void Dispose() => _client.Dispose();
}
