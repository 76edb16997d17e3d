using System.Diagnostics;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Testing;

namespace Faros.Bench.Edge;

/// <summary>
/// One registered device against an <see cref="EdgeHub"/>: the operator process, the agent process speaking with the
/// device token `kubectl faros agent generate` wrote, and the benchmark's watch of the device's Agent object.
/// </summary>
public sealed class EdgeDevice : IAsyncDisposable
{
    public const string Name = "bench-device";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly EdgeHub _hub;
    private readonly BenchClock _clock;
    private readonly ResourceClient<EdgeAgent> _agents;

    private EdgeDevice(EdgeHub hub, BenchClock clock, FarosProgram hubOperator, FarosProgram agent, AgentEvents events)
    {
        _hub = hub;
        _clock = clock;
        _agents = new ResourceClient<EdgeAgent>(hub.Admin);
        Operator = hubOperator;
        Agent = agent;
        Events = events;
    }

    public FarosProgram Operator { get; }

    public FarosProgram Agent { get; }

    public AgentEvents Events { get; }

    /// <summary>Starts the operator (with <paramref name="operatorSettings"/>), registers the device, starts its agent and waits for its first heartbeat.</summary>
    public static async Task<EdgeDevice> StartAsync(EdgeHub hub, BenchClock clock, params string[] operatorSettings)
    {
        var hubOperator = FarosProgram.Start("operator/Faros.Operator", "Faros.Operator", hub.OperatorArguments(operatorSettings), clock);
        FarosProgram? agent = null;
        try
        {
            var kubeconfig = await GenerateKubeconfigAsync(hub);
            agent = FarosProgram.Start("agent/Faros.Agent", "Faros.Agent",
            [
                $"--Agent:Kubeconfig={kubeconfig}", $"--Agent:Name={Name}", $"--Agent:Namespace={hub.Namespace}",
                $"--Agent:Registry={hub.Registry.ServiceIndex.AbsoluteUri}", $"--Agent:TrustPolicy={hub.TrustPolicy}",
                $"--Agent:CacheDirectory={Path.Combine(hub.Directory, "cache")}", $"--Agent:StateDirectory={Path.Combine(hub.Directory, "state")}",
                .. FarosProgram.TimestampedLogging,
            ], clock, "BENCH_AGENT");
            var events = new AgentEvents(new ResourceClient<EdgeAgent>(hub.Admin), hub.Namespace, clock);
            var device = new EdgeDevice(hub, clock, hubOperator, agent, events);
            await events.StartAsync();
            await device.WaitAsync(a => a.Status.LastHeartbeat is not null, "the agent's first heartbeat");
            return device;
        }
        catch
        {
            await hubOperator.DisposeAsync();
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Replaces spec.plugins with <paramref name="references"/> (name, package, version range).</summary>
    public Task SetPluginsAsync(params (string Name, string Package, string Version)[] references) =>
        _agents.MergePatchAsync(_hub.Namespace, Name, "{\"spec\":{\"plugins\":[" + string.Join(',', references.Select(r =>
            $"{{\"name\":\"{r.Name}\",\"package\":\"{r.Package}\",\"version\":\"{r.Version}\"}}")) + "]}}");

    /// <summary>Applies <paramref name="change"/>, then waits for a later state of the Agent satisfying <paramref name="condition"/>.</summary>
    public async Task ChangeAndWaitAsync(Func<Task> change, Func<EdgeAgent, bool> condition, string what)
    {
        var from = Events.Count;
        await change();
        await Events.WaitAsync(from, condition, Patience, what, EnsureRunning);
    }

    /// <summary>Empties spec.plugins and waits until status lists none and the agent has stopped <paramref name="package"/> <paramref name="version"/>.</summary>
    public async Task RemoveAllAsync(string package, string version)
    {
        var start = _clock.Elapsed;
        await ChangeAndWaitAsync(() => SetPluginsAsync(), a => a.Status.Plugins.Count == 0, "plugins removed from status");
        // The agent stops and unloads it on its next sync; the next sample starts from a device running nothing.
        for (var waited = 0; Agent.Output.FirstAfter(start, $"{package} {version}: Stopped") is null && waited < 100; waited++)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>Applies <paramref name="change"/> and times it until <paramref name="package"/> <paramref name="version"/> is Running as plugin <paramref name="pluginName"/>.</summary>
    public Task<ChangeTimeline> MeasureAsync(string pluginName, string package, string version, Func<Task> change) =>
        ChangeTimeline.MeasureAsync(Events, Agent, Operator, pluginName, package, version, change, _clock);

    private void EnsureRunning()
    {
        Agent.EnsureRunning();
        Operator.EnsureRunning();
    }

    private Task WaitAsync(Func<EdgeAgent, bool> condition, string what) =>
        Events.WaitAsync(0, condition, Patience, what, EnsureRunning);

    /// <summary>Registers the device the way a user does: `kubectl faros agent generate` writes its kubeconfig once the operator has made its token.</summary>
    private static async Task<string> GenerateKubeconfigAsync(EdgeHub hub)
    {
        var path = Path.Combine(hub.Directory, "device.kubeconfig");
        var startInfo = new ProcessStartInfo(DotnetHost.Path);
        DotnetHost.Sanitize(startInfo);
        foreach (var argument in new[] { FarosProgram.Dll("cli/Faros.Cli", "kubectl-faros"), "agent", "generate", Name, "-f", path, "-n", hub.Namespace, "--kubeconfig", hub.Server.KubeconfigPath })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var result = await ChildProcess.RunAsync(startInfo, TimeSpan.FromMinutes(3));
        return result.ExitCode == 0 && File.Exists(path) ? path : throw new InvalidOperationException($"kubectl faros agent generate failed:{Environment.NewLine}{result}");
    }

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        await Agent.DisposeAsync();
        await Operator.DisposeAsync();
    }
}
