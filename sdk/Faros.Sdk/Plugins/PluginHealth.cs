namespace Faros.Sdk;

/// <summary>A plugin's answer to a health check.</summary>
/// <param name="State">Healthy, degraded or unhealthy.</param>
/// <param name="Description">Why, for people; empty when healthy.</param>
public sealed record PluginHealth(HealthState State, string Description)
{
    /// <summary>A healthy result.</summary>
    public static PluginHealth Healthy(string description = "") => new(HealthState.Healthy, description);

    /// <summary>A degraded result saying why.</summary>
    public static PluginHealth Degraded(string description) => new(HealthState.Degraded, description);

    /// <summary>An unhealthy result saying why.</summary>
    public static PluginHealth Unhealthy(string description) => new(HealthState.Unhealthy, description);
}
