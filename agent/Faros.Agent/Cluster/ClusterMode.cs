using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Faros.Agent.Cluster;

/// <summary>Wires the agent's cluster mode: the hub connection from --hub-kubeconfig, the target cluster and the heartbeat.</summary>
public static class ClusterMode
{
    public static void Register(IServiceCollection services, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(_ => new HubConnection(options.Kubeconfig));
        services.AddSingleton(provider => new TargetCluster(options.TargetKubeconfig, provider.GetRequiredService<ILogger<TargetCluster>>()));
        services.AddSingleton<HubTokenRefresh>();
        services.AddHostedService<ClusterAgent>();
    }
}
