using Faros.Api.Edge;

namespace Faros.Bench.Edge;

/// <summary>
/// Where the time of one change went, from the moment the benchmark made it until the plugin version was Running in
/// the Agent's status: the operator pinning it (seen by the benchmark's watch), then the agent's own log lines for
/// that version (its first phase, Verifying, the first Starting, Running), then the agent's status write carrying
/// Running (seen by the watch). Every timestamp is an arrival time on the benchmark's clock.
/// </summary>
public sealed record ChangeTimeline(TimeSpan Start, TimeSpan Pinned, TimeSpan? AgentFirst, TimeSpan? Verifying, TimeSpan? Starting, TimeSpan? RunningLogged, TimeSpan Running)
{
    public TimeSpan Total => Running - Start;

    /// <summary>Change → operator's pin in status (its watch, queue, registry lookup, verification, status write).</summary>
    public TimeSpan Operator => Pinned - Start;

    /// <summary>Pin → the agent's first log line for the version (its watch and sync).</summary>
    public TimeSpan? AgentPickup => AgentFirst - Pinned;

    /// <summary>First line → Verifying: the download (zero when the package was cached).</summary>
    public TimeSpan? Download => Verifying - AgentFirst;

    /// <summary>Verifying → Starting: digest and signature checks, extraction into the cache.</summary>
    public TimeSpan? Verify => Starting - Verifying;

    /// <summary>Starting → Running: load context, stopping the old version on a swap, the plugin's start.</summary>
    public TimeSpan? Load => RunningLogged - Starting;

    /// <summary>Running logged → Running in status: the agent's status write.</summary>
    public TimeSpan? StatusWrite => Running - RunningLogged;

    /// <summary>Measures one change: <paramref name="change"/> is applied, then the plugin waited for until Running at <paramref name="version"/>.</summary>
    public static async Task<ChangeTimeline> MeasureAsync(AgentEvents events, FarosProgram agent, FarosProgram hubOperator, string pluginName, string package, string version,
        Func<Task> change, BenchClock clock)
    {
        var from = events.Count;
        var start = clock.Elapsed;
        await change();
        void Check()
        {
            agent.EnsureRunning();
            hubOperator.EnsureRunning();
        }

        var (running, _, _) = await events.WaitAsync(from, a => Is(a, pluginName, version, PluginPhases.Running), TimeSpan.FromSeconds(90),
            $"{package} {version} Running", Check);
        var pinned = events.FirstSeen(from, a => Is(a, pluginName, version, phase: null)) ?? running;
        var prefix = $"{package} {version}: ";
        // The agent logs Running before it writes the status; its output may still be on the way.
        for (var waited = 0; agent.Output.FirstAfter(start, prefix + "Running") is null && waited < 50; waited++)
        {
            await Task.Delay(20);
        }

        var verifying = agent.Output.FirstAfter(start, prefix + "Verifying");
        var starting = agent.Output.FirstAfter(start, prefix + "Starting");
        return new ChangeTimeline(start, pinned, agent.Output.FirstAfter(start, prefix), verifying, starting, agent.Output.FirstAfter(start, prefix + "Running"), running);
    }

    /// <summary>
    /// Whether <paramref name="agent"/>'s status has the plugin pinned at the version and, unless null, the device
    /// reports it in that phase. The device's message names the version its phase is about ("1.1.2: Running, ...");
    /// during a swap the agent projects the old version's Running onto the newly pinned entry, so the phase alone
    /// would claim the new version runs before it does.
    /// </summary>
    public static bool Is(EdgeAgent agent, string pluginName, string version, string? phase) =>
        agent.Status.Plugins.Any(p => p.Name == pluginName && p.Version == version
            && (phase is null || (p.Phase == phase && p.Message?.StartsWith(version + ": ", StringComparison.Ordinal) == true)));
}
