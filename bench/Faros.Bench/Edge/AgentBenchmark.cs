using System.Diagnostics;
using System.Globalization;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Testing;

namespace Faros.Bench.Edge;

/// <summary>
/// `Faros.Bench agent [samples]`: the edge path of EdgePathTests, timed. kube-apiserver, a registry, the operator and
/// the agent run as real processes; the device is registered with `kubectl faros agent generate` and the agent speaks
/// with the device token only. Measures, with the operator's default settings:
/// (a) an Agent spec change adding a plugin reference → that version Running in the Agent's status, cold (a version
/// the device never had) and warm (cached on the device), each split into operator and agent time;
/// (b) a hot swap by changing the reference's version range, and by pushing a newer version under a floating range
/// (with the operator re-resolving every second, as the E2E test sets it; at most 10 samples, each about that second);
/// (c) the agent's RSS idle with 3 plugins Running.
/// The plugins are the agent tests' Echo plugin packed under three ids (see <see cref="BenchPlugins"/>).
/// </summary>
public static class AgentBenchmark
{
    private const string Device = "bench-device";
    private static readonly string Alpha = BenchPlugins.IdPrefix + "Alpha";
    private static readonly string Beta = BenchPlugins.IdPrefix + "Beta";
    private static readonly string Gamma = BenchPlugins.IdPrefix + "Gamma";
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(int samples)
    {
        var clock = new BenchClock();
        Console.WriteLine($"# Agent benchmark: spec change → plugin Running ({samples} samples each), hot swap, idle RSS with 3 plugins");
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}, {Environment.ProcessorCount} cores, load average at start {ProcessFigures.LoadAverage()}");
        Console.WriteLine($"agent program (BENCH_AGENT_EXE): {(Environment.GetEnvironmentVariable("BENCH_AGENT_EXE") is { Length: > 0 } exe ? exe : "dotnet agent/Faros.Agent/bin/Release/net10.0/Faros.Agent.dll")}; environment added (BENCH_AGENT_ENV): {(Environment.GetEnvironmentVariable("BENCH_AGENT_ENV") is { Length: > 0 } extra ? extra : "none")}");

        await using var hub = await EdgeHub.StartAsync("bench-agent");
        using var plugins = new BenchPlugins();
        await plugins.PackAsync(Alpha, Beta, Gamma);
        var addVersions = Enumerable.Range(1, samples).Select(i => $"1.0.{i}").ToList();
        var swapVersions = Enumerable.Range(1, samples).Select(i => $"1.1.{i}").ToList();
        var pushVersions = Enumerable.Range(1, Math.Min(samples, 10)).Select(i => $"2.0.{i}").ToList();
        using var registryHttp = hub.Registry.CreateClient();
        foreach (var version in addVersions.Concat(swapVersions))
        {
            await plugins.PushAsync(hub.Registry, registryHttp, Alpha, version);
        }

        await plugins.PushAsync(hub.Registry, registryHttp, Beta, "1.0.0");
        await plugins.PushAsync(hub.Registry, registryHttp, Gamma, "1.0.0");
        Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0} s] hub and registry ready, {2 * samples + 2} signed plugin versions pushed");

        var hubOperator = FarosProgram.Start("operator/Faros.Operator", "Faros.Operator", hub.OperatorArguments(), clock);
        try
        {
            var kubeconfig = await GenerateDeviceKubeconfigAsync(hub);
            await using var device = FarosProgram.Start("agent/Faros.Agent", "Faros.Agent",
            [
                $"--Agent:Kubeconfig={kubeconfig}", $"--Agent:Name={Device}", $"--Agent:Namespace={hub.Namespace}",
                $"--Agent:Registry={hub.Registry.ServiceIndex.AbsoluteUri}", $"--Agent:TrustPolicy={hub.TrustPolicy}",
                $"--Agent:CacheDirectory={Path.Combine(hub.Directory, "cache")}", $"--Agent:StateDirectory={Path.Combine(hub.Directory, "state")}",
                .. FarosProgram.TimestampedLogging,
            ], clock, "BENCH_AGENT");
            var agents = new ResourceClient<EdgeAgent>(hub.Admin);
            await using var events = new AgentEvents(agents, hub.Namespace, clock);
            await events.StartAsync();
            await events.WaitAsync(0, a => a.Status.LastHeartbeat is not null, TimeSpan.FromSeconds(60), "the agent's first heartbeat", device.EnsureRunning);
            await Task.Delay(TimeSpan.FromSeconds(10));
            var rssNoPlugins = ProcessFigures.RssMiB(device.Id);
            var noPluginsSplit = ProcessFigures.RssSplitMiB(device.Id);

            Task SetPlugins(params (string Name, string Package, string Version)[] references) =>
                agents.MergePatchAsync(hub.Namespace, Device, "{\"spec\":{\"plugins\":[" + string.Join(',', references.Select(r =>
                    $"{{\"name\":\"{r.Name}\",\"package\":\"{r.Package}\",\"version\":\"{r.Version}\"}}")) + "]}}");
            async Task RemoveAllAsync(string version)
            {
                var from = events.Count;
                var start = clock.Elapsed;
                await SetPlugins();
                await events.WaitAsync(from, a => a.Status.Plugins.Count == 0, TimeSpan.FromSeconds(60), "plugins removed from status", device.EnsureRunning);
                // The agent stops and unloads it on its next sync; the next sample starts from a device running nothing.
                for (var waited = 0; device.Output.FirstAfter(start, $"{Alpha} {version}: Stopped") is null && waited < 100; waited++)
                {
                    await Task.Delay(100);
                }
            }

            var cold = new List<ChangeTimeline>();
            var warm = new List<ChangeTimeline>();
            foreach (var (list, label) in new[] { (cold, "cold"), (warm, "warm") })
            {
                foreach (var version in addVersions)
                {
                    list.Add(await ChangeTimeline.MeasureAsync(events, device, hubOperator, "alpha", Alpha, version,
                        () => SetPlugins(("alpha", Alpha, $"[{version}]")), clock));
                    Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0} s] add {label} {version}: {list[^1].Total.TotalMilliseconds:0} ms");
                    await RemoveAllAsync(version);
                }
            }

            var rangeSwaps = new List<ChangeTimeline>();
            await SetPlugins(("alpha", Alpha, $"[{addVersions[0]}]"));
            await events.WaitAsync(0, a => ChangeTimeline.Is(a, "alpha", addVersions[0], PluginPhases.Running), TimeSpan.FromSeconds(60), "alpha Running", device.EnsureRunning);
            foreach (var version in swapVersions)
            {
                rangeSwaps.Add(await ChangeTimeline.MeasureAsync(events, device, hubOperator, "alpha", Alpha, version,
                    () => SetPlugins(("alpha", Alpha, $"[{version}]")), clock));
                Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0} s] swap to {version}: {rangeSwaps[^1].Total.TotalMilliseconds:0} ms");
            }

            // (c) Three plugins Running, then nothing to do for a while.
            var from = events.Count;
            await SetPlugins(("alpha", Alpha, $"[{swapVersions[^1]}]"), ("beta", Beta, "1.0.0"), ("gamma", Gamma, "1.0.0"));
            await events.WaitAsync(from, a => a.Status.Plugins.Count(p => p.Phase == PluginPhases.Running) == 3, TimeSpan.FromSeconds(60), "3 plugins Running", device.EnsureRunning);
            var idleCpu0 = ProcessFigures.CpuSeconds(device.Id);
            var idleRss = new List<double>();
            for (var second = 0; second < Idle.TotalSeconds; second++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                idleRss.Add(ProcessFigures.RssMiB(device.Id));
            }

            var idleCpu = ProcessFigures.CpuSeconds(device.Id) - idleCpu0;
            var peakRss = ProcessFigures.PeakRssMiB(device.Id);
            var idleSplit = ProcessFigures.RssSplitMiB(device.Id);
            var idleMappings = ProcessFigures.ResidentByMapping(device.Id);

            // (b) A newer version pushed under a floating range: the operator notices it on its re-resolve interval
            // (default 300 s), so it runs here with the E2E test's settings: re-resolve every 1 s, no registry cache.
            await hubOperator.DisposeAsync();
            hubOperator = FarosProgram.Start("operator/Faros.Operator", "Faros.Operator",
                hub.OperatorArguments("--Operator:ReResolveIntervalSeconds", "1", "--Operator:RegistryCacheSeconds", "0"), clock);
            var pushSwaps = new List<ChangeTimeline>();
            from = events.Count;
            await SetPlugins(("alpha", Alpha, "*"));
            await events.WaitAsync(from, a => a.Status.Plugins.Count == 1 && ChangeTimeline.Is(a, "alpha", swapVersions[^1], PluginPhases.Running),
                TimeSpan.FromSeconds(60), "alpha on the floating range", device.EnsureRunning);
            foreach (var version in pushVersions)
            {
                var nupkg = plugins.Package(Alpha, version);
                var bundle = TestPublisherKey.Sign(nupkg); // signed before the clock starts: a publisher signs before pushing
                pushSwaps.Add(await ChangeTimeline.MeasureAsync(events, device, hubOperator, "alpha", Alpha, version,
                    () => BenchPlugins.PushAsync(hub.Registry, registryHttp, Alpha, version, nupkg, bundle), clock));
                Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0} s] push swap to {version}: {pushSwaps[^1].Total.TotalMilliseconds:0} ms");
            }

            Console.WriteLine();
            Console.WriteLine("| Figure | p50 · p95 · max | Target |");
            Console.WriteLine("| --- | --- | --- |");
            Console.WriteLine($"| (a) spec change adding a plugin → Running in status, cold (new version: download, verify, load) | {Totals(cold).Summary()} | p95 < 1 s |");
            Console.WriteLine($"| (a) the same, warm (version cached on the device) | {Totals(warm).Summary()} | p95 < 1 s |");
            Console.WriteLine($"| (b) hot swap, version range changed in the spec → new version Running | {Totals(rangeSwaps).Summary()} | < 1 s |");
            Console.WriteLine($"| (b) hot swap, newer version pushed under `*` → Running (operator re-resolving every 1 s) | {Totals(pushSwaps).Summary()} | < 1 s |");
            Console.WriteLine($"| (c) agent RSS (VmRSS) idle with 3 plugins Running, after {Idle.TotalSeconds:0} s | {idleRss[^1]:0.0} MiB (min {idleRss.Min():0.0}, max {idleRss.Max():0.0} over the {Idle.TotalSeconds:0} s; peak VmHWM {peakRss:0.0} MiB since start) | < 60 MB |");
            Console.WriteLine($"| agent RSS with no plugin, 10 s after its first heartbeat | {rssNoPlugins:0.0} MiB | |");
            Console.WriteLine($"| RSS split, RssAnon (GC heap, native, stacks) + RssFile (runtime, assemblies) + RssShmem (JIT code, W^X double mapping): idle with 3 plugins / no plugin | {Split(idleSplit)} / {Split(noPluginsSplit)} MiB | |");
            Console.WriteLine($"| agent CPU while idle with 3 plugins | {idleCpu:0.00} s over {Idle.TotalSeconds:0} s | |");
            Console.WriteLine();
            Console.WriteLine("Where the time went (p50 · p95 · max of each segment; see ChangeTimeline):");
            Console.WriteLine();
            Console.WriteLine("| Segment | add, cold | add, warm | swap by range | swap by push |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");
            Segment("change → operator's pin in status", t => t.Operator, cold, warm, rangeSwaps, pushSwaps);
            Segment("pin → agent's first log line for the version", t => t.AgentPickup, cold, warm, rangeSwaps, pushSwaps);
            Segment("download (first line → Verifying)", t => t.Download, cold, warm, rangeSwaps, pushSwaps);
            Segment("verify + extract (Verifying → Starting)", t => t.Verify, cold, warm, rangeSwaps, pushSwaps);
            Segment("load + stop old + start (Starting → Running logged)", t => t.Load, cold, warm, rangeSwaps, pushSwaps);
            Segment("status write (Running logged → Running in status)", t => t.StatusWrite, cold, warm, rangeSwaps, pushSwaps);
            Console.WriteLine();
            Console.WriteLine("Every sample, ms (total = operator + pickup + download + verify + load + status write):");
            Console.WriteLine();
            foreach (var (label, list) in new[] { ("add cold", cold), ("add warm", warm), ("swap by range", rangeSwaps), ("swap by push", pushSwaps) })
            {
                Console.WriteLine($"- {label}: " + string.Join(", ", list.Select(t => string.Create(CultureInfo.InvariantCulture,
                    $"{Ms(t.Total)} ({Ms(t.Operator)}+{Ms(t.AgentPickup)}+{Ms(t.Download)}+{Ms(t.Verify)}+{Ms(t.Load)}+{Ms(t.StatusWrite)})"))));
            }

            Console.WriteLine();
            Console.WriteLine("Resident memory of the idle agent with 3 plugins by mapping (/proc/PID/smaps), the 15 largest, MiB:");
            Console.WriteLine();
            Console.WriteLine(string.Join(", ", idleMappings.Take(15).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Mapping} {m.MiB:0.0}"))));
            Console.WriteLine();
            Console.WriteLine($"load average at the end {ProcessFigures.LoadAverage()}");
            return 0;
        }
        finally
        {
            await hubOperator.DisposeAsync();
        }
    }

    private static Samples Totals(List<ChangeTimeline> timelines)
    {
        var samples = new Samples("total");
        timelines.ForEach(t => samples.Add(t.Total));
        return samples;
    }

    private static void Segment(string name, Func<ChangeTimeline, TimeSpan?> segment, params List<ChangeTimeline>[] series) =>
        Console.WriteLine($"| {name} | " + string.Join(" | ", series.Select(list =>
        {
            var samples = new Samples(name);
            list.ForEach(t => samples.Add(segment(t)));
            return samples.Summary();
        })) + " |");

    private static string Split((double Anonymous, double Files, double Shared) rss) =>
        string.Create(CultureInfo.InvariantCulture, $"{rss.Anonymous:0.0} + {rss.Files:0.0} + {rss.Shared:0.0}");

    private static string Ms(TimeSpan? duration) => duration is { } d ? d.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) : "?";

    /// <summary>Registers the device the way a user does: `kubectl faros agent generate` writes its kubeconfig once the operator has made its token.</summary>
    private static async Task<string> GenerateDeviceKubeconfigAsync(EdgeHub hub)
    {
        var path = Path.Combine(hub.Directory, "device.kubeconfig");
        var startInfo = new ProcessStartInfo(DotnetHost.Path);
        DotnetHost.Sanitize(startInfo);
        foreach (var argument in new[] { FarosProgram.Dll("cli/Faros.Cli", "kubectl-faros"), "agent", "generate", Device, "-f", path, "-n", hub.Namespace, "--kubeconfig", hub.Server.KubeconfigPath })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var result = await ChildProcess.RunAsync(startInfo, TimeSpan.FromMinutes(3));
        return result.ExitCode == 0 && File.Exists(path) ? path : throw new InvalidOperationException($"kubectl faros agent generate failed:{Environment.NewLine}{result}");
    }
}
