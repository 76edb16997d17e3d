using k8s;

namespace Faros.Agent.Tests.Agent;

/// <summary>The hub (one kube-apiserver with the Faros CRDs) for the agent tests in this namespace; each test uses its own namespace.</summary>
[SetUpFixture]
public sealed class HubEnvironment
{
    private static readonly SharedHub Hub = new();

    /// <inheritdoc cref="SharedHub.Server"/>
    public static KubernetesApiServer Server => Hub.Server;

    /// <inheritdoc cref="SharedHub.NewClient"/>
    public static Kubernetes NewClient() => Hub.NewClient();

    /// <inheritdoc cref="SharedHub.CreateNamespaceAsync"/>
    public static Task<string> CreateNamespaceAsync(IKubernetes client) => Hub.CreateNamespaceAsync(client, "device");

    [OneTimeSetUp]
    public Task StartAsync() => Hub.StartAsync();

    [OneTimeTearDown]
    public Task StopAsync() => Hub.StopAsync(TestContext.CurrentContext.Result.FailCount > 0);
}
