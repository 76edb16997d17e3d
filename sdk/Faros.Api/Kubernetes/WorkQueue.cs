using System.Threading.Channels;

namespace Faros.Api.Kubernetes;

/// <summary>
/// A controller work queue in client-go's shape: a key waiting is queued once however often it is added, a key
/// being processed is never handed to a second worker (an add during processing queues it again afterwards),
/// and delayed adds serve requeues and per-key backoff.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Channel<TKey> _ready = Channel.CreateUnbounded<TKey>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, DateTimeOffset> _scheduled = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposed = new();

    public WorkQueue(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Keys waiting or being processed.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _dirty.Count + _processing.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="key"/> unless it is already waiting.</summary>
    public void Add(TKey key)
    {
        lock (_gate)
        {
            if (!_dirty.Add(key) || _processing.Contains(key))
            {
                return;
            }
        }

        _ready.Writer.TryWrite(key);
    }

    /// <summary>Queues <paramref name="key"/> after <paramref name="delay"/>; an earlier pending schedule wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        var due = _time.GetUtcNow() + delay;
        lock (_gate)
        {
            if (_scheduled.TryGetValue(key, out var existing) && existing <= due)
            {
                return;
            }

            _scheduled[key] = due;
        }

        _ = FireAsync(key, due, delay);
    }

    private async Task FireAsync(TKey key, DateTimeOffset due, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _disposed.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate)
        {
            // A later, earlier-due schedule replaced this one and fires itself.
            if (!_scheduled.TryGetValue(key, out var current) || current != due)
            {
                return;
            }

            _scheduled.Remove(key);
        }

        Add(key);
    }

    /// <summary>Waits for the next key; call <see cref="Done"/> when finished with it.</summary>
    public async ValueTask<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var key = await _ready.Reader.ReadAsync(cancellationToken);
            lock (_gate)
            {
                if (_processing.Contains(key) || !_dirty.Remove(key))
                {
                    continue;
                }

                _processing.Add(key);
                return key;
            }
        }
    }

    /// <summary>Marks <paramref name="key"/> processed; if it was added meanwhile, it is queued again.</summary>
    public void Done(TKey key)
    {
        bool again;
        lock (_gate)
        {
            _processing.Remove(key);
            again = _dirty.Contains(key);
        }

        if (again)
        {
            _ready.Writer.TryWrite(key);
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        _ready.Writer.TryComplete();
    }
}
