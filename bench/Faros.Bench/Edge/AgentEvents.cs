using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using k8s;

namespace Faros.Bench.Edge;

/// <summary>
/// Every state of the edge Agents in a namespace as the benchmark's watch sees it, with its arrival time on the
/// benchmark's clock: one list, then one watch resumed from the last resourceVersion, so the benchmark's own load on
/// the API server is two requests per watch period rather than a poll per interval.
/// </summary>
public sealed class AgentEvents : IAsyncDisposable
{
    private readonly ResourceClient<EdgeAgent> _agents;
    private readonly string _namespace;
    private readonly BenchClock _clock;
    private readonly List<(TimeSpan At, EdgeAgent Agent)> _seen = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _watching;
    private string _resourceVersion = "";

    public AgentEvents(ResourceClient<EdgeAgent> agents, string ns, BenchClock clock)
    {
        _agents = agents;
        _namespace = ns;
        _clock = clock;
    }

    /// <summary>Requests this watcher made (lists and watches), to tell them apart from the programs' requests.</summary>
    public int Requests { get; private set; }


    public async Task StartAsync()
    {
        var list = await _agents.ListAsync(_namespace);
        Requests++;
        lock (_gate)
        {
            foreach (var agent in list.Items)
            {
                Record(agent);
            }
        }

        _resourceVersion = list.Metadata.ResourceVersion;
        _watching = WatchAsync(_stop.Token);
    }

    /// <summary>Events seen so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>
    /// Waits until an Agent state from event <paramref name="fromEvent"/> on satisfies <paramref name="condition"/>, and
    /// returns when it arrived and the event's index.
    /// </summary>
    public async Task<(TimeSpan At, int Index, EdgeAgent Agent)> WaitAsync(int fromEvent, Func<EdgeAgent, bool> condition, TimeSpan timeout, string what, Action? check = null)
    {
        var deadline = _clock.Elapsed + timeout;
        var next = fromEvent;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                for (; next < _seen.Count; next++)
                {
                    if (condition(_seen[next].Agent))
                    {
                        return (_seen[next].At, next, _seen[next].Agent);
                    }
                }

                changed = _changed.Task;
            }

            check?.Invoke();
            if (_watching?.IsCompleted == true)
            {
                await _watching; // surfaces the watch's failure
            }

            var left = deadline - _clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{what}: not seen within {timeout.TotalSeconds:0} s.");
            }

            await Task.WhenAny(changed, Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1)));
        }
    }

    /// <summary>
    /// Waits until <paramref name="expected"/> Agents are, in their latest state, satisfying <paramref name="condition"/>,
    /// and returns when the first one did and when the event that completed the set arrived.
    /// </summary>
    public async Task<(TimeSpan First, TimeSpan All)> WaitForAllAsync(int expected, Func<EdgeAgent, bool> condition, TimeSpan timeout, string what, Action? check = null, Action<int>? progress = null)
    {
        var satisfied = new HashSet<string>(StringComparer.Ordinal);
        TimeSpan? first = null;
        var next = 0;
        var lastReport = _clock.Elapsed;
        var deadline = _clock.Elapsed + timeout;
        while (true)
        {
            var left = deadline - _clock.Elapsed;
            var (at, index, agent) = await WaitAsync(next, _ => true, left > TimeSpan.Zero ? left : TimeSpan.Zero, $"{what} ({satisfied.Count} of {expected} so far)", check);
            next = index + 1;
            if (condition(agent))
            {
                satisfied.Add(agent.Metadata.Name);
                first ??= at;
            }
            else
            {
                satisfied.Remove(agent.Metadata.Name);
            }

            if (satisfied.Count == expected)
            {
                return (first ?? at, at);
            }

            if (_clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = _clock.Elapsed;
                progress?.Invoke(satisfied.Count);
            }
        }
    }

    /// <summary>The first event from <paramref name="fromEvent"/> on satisfying <paramref name="condition"/>, if any yet.</summary>
    public TimeSpan? FirstSeen(int fromEvent, Func<EdgeAgent, bool> condition)
    {
        lock (_gate)
        {
            for (var i = fromEvent; i < _seen.Count; i++)
            {
                if (condition(_seen[i].Agent))
                {
                    return _seen[i].At;
                }
            }
        }

        return null;
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Exception? error = null;
            Requests++;
            try
            {
                await foreach (var (type, agent) in _agents.WatchAsync(_namespace, _resourceVersion, 1800, e => error ??= e, cancellationToken))
                {
                    if (agent.Metadata?.ResourceVersion is { Length: > 0 } version)
                    {
                        _resourceVersion = version;
                    }

                    if (type is WatchEventType.Added or WatchEventType.Modified)
                    {
                        lock (_gate)
                        {
                            Record(agent);
                        }
                    }

                    if (error is not null)
                    {
                        throw error;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Record(EdgeAgent agent)
    {
        _seen.Add((_clock.Elapsed, agent));
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_watching is not null)
        {
            await _watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

    }
}
