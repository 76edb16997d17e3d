namespace Faros.Registry.Migration;

/// <summary>Reports progress on the calling thread, in order; Progress&lt;T&gt; posts to the thread pool and can reorder lines.</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
