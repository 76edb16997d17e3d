using k8s;
using k8s.Models;

namespace Faros.Cli.Tests.Environment;

/// <summary>
/// Fixtures whose tests run against the real operator (<see cref="RealOperator"/>), which watches one namespace of the
/// shared hub made for the fixture; every test works in that namespace.
/// </summary>
public abstract class RealOperatorTestBase : FarosApiTestBase
{
    private RealOperator? realOperator;
    private string fixtureNamespace = "";

    /// <summary>The shared registry the operator resolves against.</summary>
    protected RegistryProcess registry = null!;

    /// <summary>Prefix of the fixture's namespace.</summary>
    protected abstract string NamespacePrefix { get; }

    /// <summary>Runs before the operator starts, e.g. to push the packages it resolves.</summary>
    protected virtual Task PrepareRegistryAsync() => Task.CompletedTask;

    [OneTimeSetUp]
    public async Task StartOperatorAsync()
    {
        registry = await SharedServices.RegistryAsync();
        fixtureNamespace = NewName(NamespacePrefix);
        await admin.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = fixtureNamespace } });
        await PrepareRegistryAsync();
        realOperator = await RealOperator.StartAsync(admin, fixtureNamespace, registry);
    }

    [OneTimeTearDown]
    public async Task StopOperatorAsync()
    {
        if (realOperator is not null)
        {
            await realOperator.DisposeAsync();
        }
    }

    /// <summary>Every test works in the one namespace the operator watches.</summary>
    protected override Task PrepareSandboxAsync()
    {
        ns = fixtureNamespace;
        return Task.CompletedTask;
    }
}
