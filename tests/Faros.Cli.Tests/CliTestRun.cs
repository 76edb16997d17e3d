using Faros.Cli.Tests.Environment;

namespace Faros.Cli.Tests;

/// <summary>
/// Stops the assembly's shared hub and registry after the last test. It lives in the tests' own namespace: NUnit
/// runs a [SetUpFixture] only around the tests of its namespace and below, and none live in Environment.
/// </summary>
[SetUpFixture]
public sealed class CliTestRun
{
    [OneTimeTearDown]
    public Task StopAsync() => SharedServices.StopAsync();
}
