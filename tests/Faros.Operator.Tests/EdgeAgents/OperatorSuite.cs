using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using k8s;
using k8s.Models;

namespace Faros.Operator.Tests.EdgeAgents;

/// <summary>
/// What the suites that drive edge Agents through the operator share: a namespace of their own on the shared hub, a
/// real registry process that the suite fills before the operator starts, and the operator watching that namespace.
/// </summary>
public abstract class OperatorSuite
{
    protected Kubernetes Client { get; private set; } = null!;

    protected string Ns { get; private set; } = null!;

    protected ResourceClient<EdgeAgent> Agents { get; private set; } = null!;

    protected RegistryProcess Registry { get; private set; } = null!;

    protected OperatorUnderTest OperatorHost { get; private set; } = null!;

    /// <summary>A directory of the suite's own (e.g. for the operator's hub plugin cache), deleted after the operator stopped.</summary>
    protected TempDirectory Files { get; private set; } = null!;

    /// <summary>Prefix of the suite's namespace.</summary>
    protected abstract string NamespacePrefix { get; }

    /// <summary>Arguments for the operator beyond the test defaults of <see cref="OperatorUnderTest"/>.</summary>
    protected virtual string[] OperatorArguments => [];

    /// <summary>Fills the registry (and prepares anything else the operator needs) before the operator starts.</summary>
    protected abstract Task PrepareAsync();

    [OneTimeSetUp]
    public async Task StartOperatorAsync()
    {
        Files = new TempDirectory(NamespacePrefix);
        Client = OperatorTestEnvironment.NewClient();
        Ns = await OperatorTestEnvironment.CreateNamespaceAsync(Client, NamespacePrefix);
        Agents = new ResourceClient<EdgeAgent>(Client);
        Registry = await RegistryProcess.StartAsync();
        await PrepareAsync();
        OperatorHost = await OperatorUnderTest.StartAsync(Ns, Registry.ServiceIndex, services: null, OperatorArguments);
    }

    [OneTimeTearDown]
    public async Task StopOperatorAsync()
    {
        if (OperatorHost is not null)
        {
            await OperatorHost.DisposeAsync();
        }

        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }

        Files?.Dispose();
        Client?.Dispose();
    }

    protected EdgeAgent Agent(string name, params PluginReference[] plugins) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns }, Spec = new EdgeAgentSpec { Plugins = [.. plugins] } };

    protected static PluginReference Plugin(string name, string? package, string? version) => new() { Name = name, Package = package, Version = version };
}
