using Faros.Api.Edge;
using Faros.Testing;

namespace Faros.Bench.Edge;

/// <summary>
/// `Faros.Bench agent [samples]`: the edge path of EdgePathTests, timed (see <see cref="EdgeDevice"/>). Measures, with
/// the operator's and the agent's default settings:
/// (a) an Agent spec change adding a plugin reference → that version Running in the Agent's status, cold (a version
/// the device never had) and warm (cached on the device), each split into operator and agent time (<see cref="ChangeTimeline"/>);
/// (b) a hot swap by changing the reference's version range, and by pushing a newer version under a floating range
/// (with the operator re-resolving every second, as the E2E test sets it; at most 10 samples, each about that second);
/// (c) the agent's RSS idle with 3 plugins Running.
/// The plugins are the agent tests' Echo plugin packed under three ids (see <see cref="BenchPlugins"/>).
/// </summary>
public static class AgentBenchmark
{
    private const string Plugin = "alpha";
    private static readonly string Alpha = BenchPlugins.IdPrefix + "Alpha";
    private static readonly string Beta = BenchPlugins.IdPrefix + "Beta";
    private static readonly string Gamma = BenchPlugins.IdPrefix + "Gamma";
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(int samples)
    {
        var clock = new BenchClock();
        Console.WriteLine($"# Agent benchmark: spec change → plugin Running ({samples} samples each), hot swap, idle RSS with 3 plugins");
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}, {Environment.ProcessorCount} cores, load average at start {ProcessFigures.LoadAverage()}");
        Console.WriteLine($"agent program (BENCH_AGENT_EXE): {Setting("BENCH_AGENT_EXE", "dotnet agent/Faros.Agent/bin/Release/net10.0/Faros.Agent.dll")}; environment added (BENCH_AGENT_ENV): {Setting("BENCH_AGENT_ENV", "none")}");

        await using var hub = await EdgeHub.StartAsync("bench-agent");
        using var plugins = new BenchPlugins();
        await plugins.PackAsync(Alpha, Beta, Gamma);
        var addVersions = Versions("1.0", samples);
        var swapVersions = Versions("1.1", samples);
        using var registryHttp = hub.Registry.CreateClient();
        foreach (var (id, version) in addVersions.Concat(swapVersions).Select(v => (Alpha, v)).Append((Beta, "1.0.0")).Append((Gamma, "1.0.0")))
        {
            await plugins.PushAsync(hub.Registry, registryHttp, id, version);
        }

        Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0} s] hub and registry ready, {2 * samples + 2} signed plugin versions pushed");
        await using var device = await EdgeDevice.StartAsync(hub, clock);
        await Task.Delay(TimeSpan.FromSeconds(10));
        var noPlugins = DeviceMemory.Read(device.Agent.Id);

        var cold = await AddsAsync(device, addVersions, "cold", clock);
        var warm = await AddsAsync(device, addVersions, "warm", clock);
        var rangeSwaps = await RangeSwapsAsync(device, addVersions[0], swapVersions, clock);
        var (idle, idleRss, idleCpu) = await IdleAsync(device, swapVersions[^1]);
        var pushSwaps = await PushSwapsAsync(device, plugins, hub, registryHttp, swapVersions[^1], Versions("2.0", Math.Min(samples, 10)), clock);

        new AgentReport(cold, warm, rangeSwaps, pushSwaps, noPlugins, idle, idleRss, idleCpu, Idle).Write(Console.Out);
        Console.WriteLine();
        Console.WriteLine($"load average at the end {ProcessFigures.LoadAverage()}");
        return 0;
    }

    /// <summary>(a) Each version added alone to an empty spec, timed until Running, then removed again.</summary>
    private static async Task<List<ChangeTimeline>> AddsAsync(EdgeDevice device, IReadOnlyList<string> versions, string label, BenchClock clock)
    {
        var timelines = new List<ChangeTimeline>();
        foreach (var version in versions)
        {
            timelines.Add(await device.MeasureAsync(Plugin, Alpha, version, () => device.SetPluginsAsync((Plugin, Alpha, $"[{version}]"))));
            Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0} s] add {label} {version}: {timelines[^1].Total.TotalMilliseconds:0} ms");
            await device.RemoveAllAsync(Alpha, version);
        }

        return timelines;
    }

    /// <summary>(b) From <paramref name="first"/> Running, the reference's exact range moved to each version in turn.</summary>
    private static async Task<List<ChangeTimeline>> RangeSwapsAsync(EdgeDevice device, string first, IReadOnlyList<string> versions, BenchClock clock)
    {
        await device.ChangeAndWaitAsync(() => device.SetPluginsAsync((Plugin, Alpha, $"[{first}]")), a => ChangeTimeline.Is(a, Plugin, first, PluginPhases.Running), $"{Alpha} {first} Running");
        var timelines = new List<ChangeTimeline>();
        foreach (var version in versions)
        {
            timelines.Add(await device.MeasureAsync(Plugin, Alpha, version, () => device.SetPluginsAsync((Plugin, Alpha, $"[{version}]"))));
            Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0} s] swap to {version}: {timelines[^1].Total.TotalMilliseconds:0} ms");
        }

        return timelines;
    }

    /// <summary>(c) Three plugins Running, then nothing to do for <see cref="Idle"/>: RSS each second, CPU over it, memory at its end.</summary>
    private static async Task<(DeviceMemory Memory, List<double> RssEachSecond, double CpuSeconds)> IdleAsync(EdgeDevice device, string alphaVersion)
    {
        await device.ChangeAndWaitAsync(() => device.SetPluginsAsync((Plugin, Alpha, $"[{alphaVersion}]"), ("beta", Beta, "1.0.0"), ("gamma", Gamma, "1.0.0")),
            a => a.Status.Plugins.Count(p => p.Phase == PluginPhases.Running) == 3, "3 plugins Running");
        var pid = device.Agent.Id;
        var cpu = ProcessFigures.CpuSeconds(pid);
        var rss = new List<double>();
        for (var second = 0; second < Idle.TotalSeconds; second++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            rss.Add(ProcessFigures.RssMiB(pid));
        }

        return (DeviceMemory.Read(pid), rss, ProcessFigures.CpuSeconds(pid) - cpu);
    }

    /// <summary>
    /// (b) A newer version pushed under a floating range, with the operator's default settings (re-resolve every
    /// 300 s, registry answers cached 30 s): the registry's change feed is what tells the operator of the push.
    /// </summary>
    private static async Task<List<ChangeTimeline>> PushSwapsAsync(EdgeDevice device, BenchPlugins plugins, EdgeHub hub, HttpClient registryHttp,
        string running, IReadOnlyList<string> versions, BenchClock clock)
    {
        await device.ChangeAndWaitAsync(() => device.SetPluginsAsync((Plugin, Alpha, "*")),
            a => a.Status.Plugins.Count == 1 && ChangeTimeline.Is(a, Plugin, running, PluginPhases.Running), $"{Alpha} on the floating range");
        var timelines = new List<ChangeTimeline>();
        foreach (var version in versions)
        {
            var nupkg = plugins.Package(Alpha, version);
            var bundle = TestPublisherKey.Sign(nupkg); // signed before the clock starts: a publisher signs before pushing
            timelines.Add(await device.MeasureAsync(Plugin, Alpha, version, () => BenchPlugins.PushAsync(hub.Registry, registryHttp, Alpha, version, nupkg, bundle)));
            Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0} s] push swap to {version}: {timelines[^1].Total.TotalMilliseconds:0} ms");
        }

        return timelines;
    }

    private static List<string> Versions(string prefix, int count) => Enumerable.Range(1, count).Select(i => $"{prefix}.{i}").ToList();

    private static string Setting(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
