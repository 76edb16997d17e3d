namespace Faros.Sdk.Tests.Reconciliation;

public sealed class ThermostatSpec
{
    public double TargetCelsius { get; set; }
}
