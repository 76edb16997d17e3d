using Faros.Operator.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faros.Operator.Tests.EdgeAgents;

/// <summary>The operator's real host with its built-in controllers, watching one test namespace, against a real registry.</summary>
public sealed class OperatorUnderTest : IAsyncDisposable
{
    private OperatorUnderTest(IHost host) => Host = host;

    public IHost Host { get; }

    public static async Task<OperatorUnderTest> StartAsync(string ns, Uri registry, Action<IServiceCollection>? services = null, params string[] extraArgs)
    {
        var host = OperatorHost.Build(
        [
            "--kubeconfig", OperatorTestEnvironment.Server.KubeconfigPath,
            "--Operator:Namespace", ns, "--Operator:LeaderElection", "false",
            "--Operator:RegistryUrl", registry.AbsoluteUri, "--Operator:RegistryCacheSeconds", "0",
            "--Operator:ReResolveIntervalSeconds", "2", "--Operator:DisconnectedPollSeconds", "0.5",
            "--Operator:InitialBackoffSeconds", "0.2", "--Operator:MaxBackoffSeconds", "2",
            "--trust-policy", OperatorTrustPolicy.FilePath,
            .. extraArgs,
        ], builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            services?.Invoke(builder.Services);
            OperatorControllers.Register(builder);
        });
        await host.StartAsync();
        return new OperatorUnderTest(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
