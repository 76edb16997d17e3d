using System.Diagnostics;
using Faros.Api.Crds;
using k8s;
using k8s.Models;

namespace Faros.Testing;

/// <summary>
/// The hub a test assembly shares: one kube-apiserver with every Faros CRD installed, started by the assembly's
/// [SetUpFixture] and stopped after its last test. Tests isolate themselves by namespace
/// (<see cref="CreateNamespaceAsync"/>). A missing binary ignores the tests locally and fails them under CI.
/// </summary>
public sealed class SharedHub
{
    private KubernetesApiServer? _server;
    private string? _missing;

    /// <summary>The running API server; ignores (or, under CI, fails) the calling test when it could not start.</summary>
    public KubernetesApiServer Server => _server ?? throw RequiredService.Missing(_missing ?? "The Kubernetes API server did not start.");

    /// <summary>A new admin client; dispose it.</summary>
    public Kubernetes NewClient() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath));

    /// <summary>Creates a namespace of its own for one test.</summary>
    public async Task<string> CreateNamespaceAsync(IKubernetes client, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>Runs kubectl as the admin against the hub.</summary>
    public Task<ProcessResult> KubectlAsync(params string[] arguments)
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

    /// <param name="testsFailed">Whether to print the API server's own log, which explains most failures.</param>
    public async Task StopAsync(bool testsFailed)
    {
        if (_server is null)
        {
            return;
        }

        if (testsFailed)
        {
            var log = _server.Output.ToString();
            var crash = Math.Max(log.IndexOf("panic:", StringComparison.Ordinal), log.IndexOf("fatal error:", StringComparison.Ordinal));
            var excerpt = crash >= 0 ? log[Math.Max(0, crash - 4_000)..Math.Min(log.Length, crash + 8_000)] : log[Math.Max(0, log.Length - 20_000)..];
            await TestContext.Progress.WriteLineAsync("kube-apiserver/etcd output:" + Environment.NewLine + excerpt);
        }

        await _server.DisposeAsync();
        _server = null;
    }
}
