using Faros.Sdk.Reconciliation;

namespace Faros.Agent;

/// <summary>The agent's settings (configuration section <c>Agent</c>, or <c>Agent__X</c> environment variables).</summary>
public sealed class AgentOptions
{
    /// <summary>Edge (a device's plugins) or Cluster (the agent of a managed cluster, see Cluster/ClusterAgent).</summary>
    public AgentMode Mode { get; set; } = AgentMode.Edge;

    /// <summary>Cluster mode: a kubeconfig of the cluster the agent reports on; the in-cluster config when unset.</summary>
    public string? TargetKubeconfig { get; set; }

    /// <summary>Cluster mode: namespace/name of the Secret in that cluster holding the hub kubeconfig, kept current with renewed tokens.</summary>
    public string? HubKubeconfigSecret { get; set; }

    /// <summary>The kubeconfig a Registration produced for this device.</summary>
    public string Kubeconfig { get; set; } = "";

    /// <summary>The Agent object's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The Agent object's namespace.</summary>
    public string Namespace { get; set; } = "";

    /// <summary>The registry's service index, for plugins resolved without a download URL.</summary>
    public Uri? Registry { get; set; }

    /// <summary>Verified plugin packages; survives restarts so the device can start offline.</summary>
    public string CacheDirectory { get; set; } = "/var/lib/faros/plugins";

    /// <summary>Parent of each plugin's state directory.</summary>
    public string StateDirectory { get; set; } = "/var/lib/faros/state";

    /// <summary>The Faros trust policy file (YAML or JSON, sdk/Faros.Signing); every plugin must pass it.</summary>
    public string? TrustPolicy { get; set; }

    /// <summary>A Sigstore trusted root (JSON) for keyless signatures under <see cref="TrustPolicy"/>.</summary>
    public string? TrustedRoot { get; set; }

    /// <summary>Without a trust policy: package id patterns the device trusts unsigned (e.g. <c>Acme.*</c>).</summary>
    public IList<string> TrustedPlugins { get; set; } = [];

    /// <summary>
    /// The hub's cluster TrustPolicy to enforce (read with the device's token, cached for offline starts). Defaults
    /// to <c>default</c> when neither <see cref="TrustPolicy"/> nor <see cref="TrustedPlugins"/> is set.
    /// </summary>
    public string? TrustPolicyResource { get; set; }

    /// <summary>The cluster TrustPolicy this agent enforces, or null when a file or an allow list decides.</summary>
    public string? ClusterTrustPolicyName => TrustPolicyResource ?? (TrustPolicy is null && TrustedPlugins.Count == 0 ? "default" : null);

    /// <summary>
    /// The safety-net resync: the agent watches its Agent object and syncs on every change; it also reads it this
    /// often in case a watch event was lost.
    /// </summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one watch request may stay open before the server ends it and the agent resumes it.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the Lease and status.lastHeartbeat are renewed.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Backoff of hub calls that fail (the hub unreachable): plugins keep running meanwhile.</summary>
    public ExponentialBackoff HubBackoff { get; set; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    /// <summary>Throws naming every missing or bad setting and how to fix it.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Kubeconfig) || !File.Exists(Kubeconfig))
        {
            problems.Add($"Agent:Kubeconfig must name the kubeconfig file from the device's Registration (was '{Kubeconfig}').");
        }

        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Namespace))
        {
            problems.Add("Agent:Name and Agent:Namespace must name the device's Agent object.");
        }

        if (TrustPolicy is not null && !File.Exists(TrustPolicy))
        {
            problems.Add($"Agent:TrustPolicy names no file ('{TrustPolicy}').");
        }
        else if (TrustPolicy is not null && TrustPolicyResource is not null)
        {
            problems.Add("Agent:TrustPolicy (a file) and Agent:TrustPolicyResource (the hub's TrustPolicy) are both set; choose one.");
        }

        if (SyncInterval <= TimeSpan.Zero || HeartbeatInterval <= TimeSpan.Zero || WatchTimeout < TimeSpan.FromSeconds(1))
        {
            problems.Add("Agent:SyncInterval and Agent:HeartbeatInterval must be positive, Agent:WatchTimeout at least 1 s.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid agent settings: " + string.Join(" ", problems));
        }
    }
}
