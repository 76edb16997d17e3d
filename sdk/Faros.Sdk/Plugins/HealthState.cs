namespace Faros.Sdk;

/// <summary>Coarse health of a plugin.</summary>
public enum HealthState
{
    /// <summary>Doing its job.</summary>
    Healthy = 0,

    /// <summary>Working with reduced function, e.g. a host tool is missing.</summary>
    Degraded = 1,

    /// <summary>Not able to do its job.</summary>
    Unhealthy = 2,
}
