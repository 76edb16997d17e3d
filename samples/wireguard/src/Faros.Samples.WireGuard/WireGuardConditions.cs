namespace Faros.Samples.WireGuard;

/// <summary>Condition types on a wireguard Network.</summary>
public static class WireGuardConditions
{
    /// <summary>The spec was valid and the wg-quick config is rendered on disk.</summary>
    public const string Configured = "Configured";

    /// <summary>The rendered config is in effect on the interface.</summary>
    public const string Applied = "Applied";
}
