using System.Diagnostics;
using Faros.Api.Crds;
using k8s;
using k8s.Models;

namespace Faros.Operator.Tests;

/// <summary>
/// One kube-apiserver (with every Faros CRD installed) for the whole test assembly; tests isolate themselves
/// by namespace (<see cref="CreateNamespaceAsync"/>).
/// </summary>
[SetUpFixture]
public sealed class OperatorTestEnvironment
{
    private static KubernetesApiServer? server;
    private static string? missing;

    /// <summary>The shared API server; ignores (or, under CI, fails) the calling test when it cannot run.</summary>
    public static KubernetesApiServer Server
    {
        get
        {
            if (server is not null)
            {
                return server;
            }

            if (MissingServiceException.RunningInCi)
            {
                Assert.Fail(missing ?? "The Kubernetes API server did not start.");
            }

            Assert.Ignore(missing ?? "The Kubernetes API server did not start.");
            throw new UnreachableException();
        }
    }

    /// <summary>A new admin client; dispose it.</summary>
    public static Kubernetes NewClient() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath));

    /// <summary>Creates a namespace of its own for one test.</summary>
    public static async Task<string> CreateNamespaceAsync(IKubernetes client, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>Runs kubectl as the admin against the shared server.</summary>
    public static Task<ProcessResult> KubectlAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("kubectl");
        startInfo.ArgumentList.Add("--kubeconfig");
        startInfo.ArgumentList.Add(Server.KubeconfigPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return ChildProcess.RunAsync(startInfo, TimeSpan.FromSeconds(60));
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        try
        {
            server = await KubernetesApiServer.StartAsync();
        }
        catch (MissingServiceException exception)
        {
            missing = exception.Message;
            return;
        }

        using var client = NewClient();
        await CustomResourceDefinitionInstaller.InstallFarosAsync(client);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (server is not null)
        {
            if (TestContext.CurrentContext.Result.FailCount > 0)
            {
                // The API server's own log explains most failures; keep its tail next to the test results.
                var log = server.Output.ToString();
                var crash = Math.Max(log.IndexOf("panic:", StringComparison.Ordinal), log.IndexOf("fatal error:", StringComparison.Ordinal));
                var excerpt = crash >= 0 ? log[Math.Max(0, crash - 4_000)..Math.Min(log.Length, crash + 8_000)] : log[Math.Max(0, log.Length - 20_000)..];
                await TestContext.Progress.WriteLineAsync("kube-apiserver/etcd output:" + System.Environment.NewLine + excerpt);
            }

            await server.DisposeAsync();
        }
    }
}
