using System.Globalization;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faros.Bench.Edge;

/// <summary>
/// `Faros.Bench rss-floor`: what a .NET 10 process on this machine holds resident before any agent logic, step by
/// step, read from its own /proc/self: the bare runtime, then a started generic host (what the agent is built on),
/// then KubernetesClient's serializer over the agent's own types (an Agent list and a Lease), each after a few
/// seconds idle. Sets the agent's idle RSS against the floor its building blocks impose. Run it with
/// DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 (bench/edge.sh does), as the agent is built with InvariantGlobalization.
/// </summary>
public static class RssFloor
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync()
    {
        var pid = Environment.ProcessId;
        Console.WriteLine("| Step (cumulative) | VmRSS MiB | RssAnon + RssFile + RssShmem MiB |");
        Console.WriteLine("| --- | ---: | --- |");
        await ReportAsync(pid, "bare .NET 10 process (Faros.Bench, nothing else done)");

        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning); // the console logger is loaded, as in the agent, but stays quiet
        using var host = builder.Build();
        await host.StartAsync();
        await ReportAsync(pid, "+ generic host built and started (configuration, DI, console logging)");

        var agents = new CustomResourceList<EdgeAgent>
        {
            Items = [new EdgeAgent { Metadata = new V1ObjectMeta { Name = "device", NamespaceProperty = "edge" }, Spec = new EdgeAgentSpec { Plugins = [new PluginReference { Name = "a", Package = "A", Version = "1.*" }] } }],
        };
        var lease = new V1Lease { Metadata = new V1ObjectMeta { Name = "device" }, Spec = new V1LeaseSpec { HolderIdentity = "device", RenewTime = DateTime.UtcNow } };
        for (var i = 0; i < 100; i++)
        {
            KubernetesJson.Deserialize<CustomResourceList<EdgeAgent>>(KubernetesJson.Serialize(agents));
            KubernetesJson.Deserialize<V1Lease>(KubernetesJson.Serialize(lease));
        }

        await ReportAsync(pid, "+ KubernetesClient's JSON over an Agent list and a Lease (100 round trips)");
        await host.StopAsync();
        return 0;
    }

    private static async Task ReportAsync(int pid, string step)
    {
        await Task.Delay(Settle);
        var (anonymous, files, shared) = ProcessFigures.RssSplitMiB(pid);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {ProcessFigures.RssMiB(pid):0.0} | {anonymous:0.0} + {files:0.0} + {shared:0.0} |"));
    }
}
