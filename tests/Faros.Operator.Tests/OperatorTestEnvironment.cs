using k8s;

namespace Faros.Operator.Tests;

/// <summary>The hub (one kube-apiserver with every Faros CRD) for the whole test assembly; tests isolate themselves by namespace.</summary>
[SetUpFixture]
public sealed class OperatorTestEnvironment
{
    private static readonly SharedHub Hub = new();

    /// <inheritdoc cref="SharedHub.Server"/>
    public static KubernetesApiServer Server => Hub.Server;

    /// <inheritdoc cref="SharedHub.NewClient"/>
    public static Kubernetes NewClient() => Hub.NewClient();

    /// <inheritdoc cref="SharedHub.CreateNamespaceAsync"/>
    public static Task<string> CreateNamespaceAsync(IKubernetes client, string prefix) => Hub.CreateNamespaceAsync(client, prefix);

    /// <inheritdoc cref="SharedHub.KubectlAsync"/>
    public static Task<ProcessResult> KubectlAsync(params string[] arguments) => Hub.KubectlAsync(arguments);

    [OneTimeSetUp]
    public Task StartAsync() => Hub.StartAsync();

    [OneTimeTearDown]
    public Task StopAsync() => Hub.StopAsync(TestContext.CurrentContext.Result.FailCount > 0);
}
