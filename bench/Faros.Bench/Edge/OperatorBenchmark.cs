using System.Diagnostics;
using System.Globalization;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using k8s.Models;

namespace Faros.Bench.Edge;

/// <summary>
/// `Faros.Bench operator [agents]`: edge Agents with 3 plugin references each (a floating range, an exact range and a
/// plain version, over 3 signed plugins with 2 versions each in a registry process) all exist before the operator
/// process starts; the clock runs from its start until every Agent has PluginsResolved and PluginsVerified True.
/// Prints wall time, the API requests the operator made (kube-apiserver's counter, the benchmark's own subtracted),
/// the operator's peak RSS and CPU time, and how busy the machine was.
/// </summary>
public static class OperatorBenchmark
{
    private static readonly string[] Plugins = ["Vpn", "Runtime", "Metrics"];

    public static async Task<int> RunAsync(int agentCount)
    {
        var clock = new BenchClock();
        Console.WriteLine($"# Operator benchmark: {agentCount} edge Agents x 3 plugin references, resolved from nothing");
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}, {Environment.ProcessorCount} cores, load average at start {ProcessFigures.LoadAverage()}");

        await using var hub = await EdgeHub.StartAsync("bench-operator");
        using var plugins = new BenchPlugins();
        var ids = Plugins.Select(p => BenchPlugins.IdPrefix + p).ToArray();
        await plugins.PackAsync(ids);
        using (var http = hub.Registry.CreateClient())
        {
            foreach (var id in ids)
            {
                await plugins.PushAsync(hub.Registry, http, id, "1.0.0");
                await plugins.PushAsync(hub.Registry, http, id, "1.1.0");
            }
        }

        Console.WriteLine($"setup: kube-apiserver, registry and 6 signed plugin packages ready at {clock.Elapsed.TotalSeconds:0.0} s");
        var agents = new ResourceClient<EdgeAgent>(hub.Admin);
        await Parallel.ForEachAsync(Enumerable.Range(0, agentCount), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await agents.CreateAsync(new EdgeAgent
            {
                Metadata = new V1ObjectMeta { Name = $"device-{i:D4}", NamespaceProperty = hub.Namespace },
                Spec = new EdgeAgentSpec
                {
                    Plugins =
                    [
                        new PluginReference { Name = "vpn", Package = ids[0], Version = "1.*" },
                        new PluginReference { Name = "runtime", Package = ids[1], Version = "[1.0.0]" },
                        new PluginReference { Name = "metrics", Package = ids[2], Version = "1.0.0" },
                    ],
                },
            }, ct));
        Console.WriteLine($"setup: {agentCount} Agents created at {clock.Elapsed.TotalSeconds:0.0} s");

        using var counter = new ApiRequestCounter(hub.Server);
        await using var events = new AgentEvents(agents, hub.Namespace, clock);
        await events.StartAsync();
        var before = await counter.ReadAsync();
        var loadBefore = ProcessFigures.LoadAverage();
        var machineBefore = ProcessFigures.MachineJiffies();

        // kube-apiserver and etcd are this process's children (KubernetesApiServer started them): their CPU shows how much of the run was theirs.
        var serverPids = ProcessFigures.ChildrenNamed("kube-apiserver").Concat(ProcessFigures.ChildrenNamed("etcd")).ToList();
        var serverCpuBefore = serverPids.Sum(ProcessFigures.CpuSeconds);
        var start = clock.Elapsed;
        TimeSpan first, done;
        double peakRss, rss, cpu;
        await using (var hubOperator = FarosProgram.Start("operator/Faros.Operator", "Faros.Operator", hub.OperatorArguments(), clock))
        {
            (first, done) = await events.WaitForAllAsync(agentCount, Resolved, TimeSpan.FromMinutes(10), "every Agent resolved and verified", hubOperator.EnsureRunning,
                n => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0} s] {n} of {agentCount} Agents resolved"));
            peakRss = ProcessFigures.PeakRssMiB(hubOperator.Id);
            rss = ProcessFigures.RssMiB(hubOperator.Id);
            cpu = ProcessFigures.CpuSeconds(hubOperator.Id);
        }

        var machineAfter = ProcessFigures.MachineJiffies();
        var serverCpu = serverPids.Sum(ProcessFigures.CpuSeconds) - serverCpuBefore;
        var benchRequests = events.Requests;
        await events.DisposeAsync();
        // Stopping the operator ended its watches, which kube-apiserver counts as they end; give it a moment.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var requests = ApiRequestCounter.Difference(before, await counter.ReadAsync());
        // The benchmark's own: its list and watch(es) of Agents (reads of /metrics are not counted in apiserver_request_total).
        var own = benchRequests;
        var operatorRequests = requests.Sum(r => r.Count) - own;

        var wall = done - start;
        Console.WriteLine();
        Console.WriteLine("| Figure | Value | Target |");
        Console.WriteLine("| --- | ---: | --- |");
        Console.WriteLine($"| Wall time, operator start until all {agentCount} Agents have PluginsResolved and PluginsVerified True | {wall.TotalSeconds:0.0} s | < 30 s |");
        Console.WriteLine($"| API requests by the operator (apiserver_request_total after - before, minus the benchmark's {own}) | {operatorRequests:N0} ({operatorRequests / (double)agentCount:0.00} per Agent) | recorded |");
        Console.WriteLine($"| Operator peak RSS (VmHWM) / RSS at the end (VmRSS) | {peakRss:0} MiB / {rss:0} MiB | recorded |");
        Console.WriteLine($"| Operator CPU time (user + system), start-up included | {cpu:0.0} s ({cpu / wall.TotalSeconds * 100:0} % of one core over the wall time) | |");
        Console.WriteLine($"| First Agent resolved after the operator's start (start-up, first list, first registry lookups and verifications) | {(first - start).TotalSeconds:0.0} s | |");
        Console.WriteLine($"| kube-apiserver + etcd CPU time from the operator's start until it was stopped, just after the last Agent was resolved ({serverPids.Count} processes) | {serverCpu:0.0} s ({serverCpu / wall.TotalSeconds * 100:0} % of one core) | |");
        Console.WriteLine($"| Machine busy during the run (all processes, of {Environment.ProcessorCount * 100} %) | {ProcessFigures.BusyPercent(machineBefore, machineAfter):0} % | |");
        Console.WriteLine();
        Console.WriteLine("API requests counted by kube-apiserver during the run, by verb and resource (the benchmark's own included; GET/POST of endpoints, namespaces and services are kube-apiserver's own loopback controllers):");
        Console.WriteLine();
        foreach (var (request, count) in requests)
        {
            Console.WriteLine($"- {request}: {count.ToString("N0", CultureInfo.InvariantCulture)}");
        }

        Console.WriteLine();
        Console.WriteLine($"load average before the operator started {loadBefore}, at the end {ProcessFigures.LoadAverage()}");
        return 0;
    }

    private static bool Resolved(EdgeAgent agent) =>
        agent.Status.IsConditionTrue(EdgeAgentConditions.PluginsResolved) && agent.Status.IsConditionTrue(EdgeAgentConditions.PluginsVerified)
        && agent.Status.Plugins.Count == 3;
}
