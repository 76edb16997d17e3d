using System.Runtime.Loader;

namespace Faros.PluginHost.Loading;

/// <summary>
/// Weak references to every plugin context the host made, to prove unloads complete: an unloaded context
/// must be collected within a bound, and the number still alive is observable.
/// </summary>
public sealed class CollectibleContextTracker
{
    private readonly Lock _gate = new();
    private readonly List<WeakReference> _contexts = [];

    internal void Track(AssemblyLoadContext context)
    {
        lock (_gate)
        {
            _contexts.RemoveAll(w => !w.IsAlive);
            _contexts.Add(new WeakReference(context));
        }
    }

    /// <summary>Contexts still in memory after a full collection (loaded ones included).</summary>
    public int CountAlive()
    {
        CollectFully();
        lock (_gate)
        {
            _contexts.RemoveAll(w => !w.IsAlive);
            return _contexts.Count;
        }
    }

    /// <summary>Collects until <paramref name="context"/> is gone or <paramref name="bound"/> passes.</summary>
    /// <returns>True when collected.</returns>
    public static async Task<bool> ConfirmCollectedAsync(WeakReference context, TimeSpan bound, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + bound;
        var pause = TimeSpan.FromMilliseconds(10);
        FrameworkCaches.Clear();
        while (true)
        {
            CollectFully();
            if (!context.IsAlive)
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            // Unloading finishes on the finalizer thread after the last frame using the context returns.
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(250).Ticks));
        }
    }

    private static void CollectFully()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
