using System.Diagnostics;
using Faros.Api.Crds;
using k8s;
using k8s.Models;

namespace Faros.Agent.Tests.Agent;

/// <summary>One kube-apiserver with the Faros CRDs for the agent tests (this namespace only); each test uses its own namespace.</summary>
[SetUpFixture]
public sealed class HubEnvironment
{
    private static KubernetesApiServer? _server;
    private static string? _missing;

    public static KubernetesApiServer Server
    {
        get
        {
            if (_server is not null)
            {
                return _server;
            }

            if (MissingServiceException.RunningInCi)
            {
                Assert.Fail(_missing ?? "The Kubernetes API server did not start.");
            }

            Assert.Ignore(_missing ?? "The Kubernetes API server did not start.");
            throw new UnreachableException();
        }
    }

    public static Kubernetes NewClient() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath));

    public static async Task<string> CreateNamespaceAsync(IKubernetes client)
    {
        var name = $"device-{Guid.NewGuid().ToString("N")[..8]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        try
        {
            _server = await KubernetesApiServer.StartAsync();
        }
        catch (MissingServiceException exception)
        {
            _missing = exception.Message;
            return;
        }

        using var client = NewClient();
        await CustomResourceDefinitionInstaller.InstallFarosAsync(client);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
