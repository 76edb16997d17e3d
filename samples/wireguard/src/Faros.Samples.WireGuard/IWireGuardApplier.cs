namespace Faros.Samples.WireGuard;

/// <summary>Brings a rendered wg-quick config into effect on the host.</summary>
public interface IWireGuardApplier
{
    /// <summary>Applies the config at <paramref name="configPath"/> to <paramref name="interfaceName"/>.</summary>
    Task<ApplyOutcome> ApplyAsync(string interfaceName, string configPath, CancellationToken cancellationToken);
}
