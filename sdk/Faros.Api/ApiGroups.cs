namespace Faros.Api;

/// <summary>The API groups of the Faros custom resources.</summary>
public static class ApiGroups
{
    /// <summary>Edge devices: their agents, plugins and registrations.</summary>
    public const string Edge = "edge.faros.sh";

    /// <summary>Resources that plugins reconcile (Network, ContainerRuntime, and those plugin packages ship).</summary>
    public const string Plugins = "plugins.faros.sh";

    /// <summary>Managed clusters and their in-cluster agents.</summary>
    public const string Core = "core.faros.sh";

    /// <summary>AI agents that operate clusters.</summary>
    public const string Intelligence = "intelligence.faros.sh";

    /// <summary>The one version every Faros group serves so far.</summary>
    public const string V1Alpha1 = "v1alpha1";
}
