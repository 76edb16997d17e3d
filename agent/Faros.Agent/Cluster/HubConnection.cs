using Faros.Api.Core;
using Faros.Api.Kubernetes;
using k8s;
using k8s.KubeConfigModels;

namespace Faros.Agent.Cluster;

/// <summary>
/// The hub as the cluster agent reaches it: a client built from the hub kubeconfig file. It is rebuilt when that file
/// changes (a pod's Secret volume is updated in place when the manifest is applied again) and when the agent switches
/// to a renewed token (<see cref="HubTokenRefresh"/>).
/// </summary>
public sealed class HubConnection : IDisposable
{
    private readonly string _kubeconfig;
    private string _loaded = "";
    private K8SConfiguration _config = new();
    private Kubernetes _client = null!;

    public HubConnection(string kubeconfig)
    {
        _kubeconfig = kubeconfig;
        Load(File.ReadAllText(kubeconfig));
    }

    /// <summary>The hub's API, through the current credentials.</summary>
    public IKubernetes Client => _client;

    /// <summary>The core Agents, through the current credentials.</summary>
    public ResourceClient<CoreAgent> Agents { get; private set; } = null!;

    /// <summary>The bearer token of the current context's user, if it has one.</summary>
    public string? Token => CurrentUser()?.UserCredentials?.Token;

    /// <summary>Rebuilds the client when the kubeconfig file changed since it was read; true when it did.</summary>
    public bool ReloadIfChanged()
    {
        var current = File.ReadAllText(_kubeconfig);
        if (current == _loaded)
        {
            return false;
        }

        Load(current);
        return true;
    }

    /// <summary>Switches to <paramref name="token"/>; returns the kubeconfig that carries it, to be stored for restarts.</summary>
    public string UseToken(string token)
    {
        var user = CurrentUser() ?? throw new InvalidOperationException($"The hub kubeconfig {_kubeconfig} has no user for its current context '{_config.CurrentContext}'.");
        user.UserCredentials ??= new UserCredentials();
        user.UserCredentials.Token = token;
        var kubeconfig = KubernetesYaml.Serialize(_config);
        Connect();
        return kubeconfig;
    }

    private void Load(string kubeconfig)
    {
        _config = KubernetesYaml.Deserialize<K8SConfiguration>(kubeconfig);
        _loaded = kubeconfig;
        Connect();
    }

    private void Connect()
    {
        var previous = _client;
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(_config));
        Agents = new ResourceClient<CoreAgent>(_client);
        previous?.Dispose();
    }

    private User? CurrentUser()
    {
        var context = _config.Contexts?.FirstOrDefault(c => c.Name == _config.CurrentContext);
        return _config.Users?.FirstOrDefault(u => u.Name == context?.ContextDetails?.User);
    }

    public void Dispose() => _client.Dispose();
}
