namespace Faros.Registry.Tests;

/// <summary>Stops the shared PostgreSQL and Azurite after every fixture in the assembly has run.</summary>
[SetUpFixture]
public sealed class ScaleServicesTeardown
{
    [OneTimeTearDown]
    public Task StopSharedServicesAsync() => Scale.ScaleServices.StopAsync();
}
