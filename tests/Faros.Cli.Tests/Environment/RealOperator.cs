using Faros.Operator.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faros.Cli.Tests.Environment;

/// <summary>
/// The real Faros operator host with its built-in controllers, watching one test namespace of the shared hub and
/// resolving against the shared registry, trusting <see cref="TestPublisherKey"/> (the key test pushes sign with).
/// Devices are given the hub's serving CA, as a deployment sets Operator:DeviceCertificateAuthorityFile.
/// </summary>
public sealed class RealOperator : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempDirectory _files;

    private RealOperator(IHost host, TempDirectory files)
    {
        _host = host;
        _files = files;
    }

    public static async Task<RealOperator> StartAsync(HubAdmin admin, string ns, RegistryProcess registry)
    {
        var files = new TempDirectory("operator");
        var trustPolicy = TestTrustPolicy.Write(files.Path, TestTrustPolicy.Document(
            TestTrustPolicy.Rule("[\"*\"]", "require", TestTrustPolicy.PublicKeySigner(TestPublisherKey.Shared.PublicKeyPem))));
        var deviceCa = Path.Combine(files.Path, "hub-ca.pem");
        await File.WriteAllTextAsync(deviceCa, await admin.ServingCertificateAuthorityPemAsync());
        var host = OperatorHost.Build(
        [
            "--kubeconfig", admin.Hub.KubeconfigPath,
            "--Operator:Namespace", ns, "--Operator:LeaderElection", "false",
            "--Operator:RegistryUrl", registry.ServiceIndex.AbsoluteUri, "--Operator:RegistryCacheSeconds", "0",
            "--Operator:InitialBackoffSeconds", "0.2", "--Operator:MaxBackoffSeconds", "2",
            "--Operator:ClusterPollSeconds", "0.5",
            "--Operator:DeviceCertificateAuthorityFile", deviceCa,
            "--trust-policy", trustPolicy,
        ], builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            OperatorControllers.Register(builder);
        });
        await host.StartAsync();
        return new RealOperator(host, files);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _files.Dispose();
    }
}
