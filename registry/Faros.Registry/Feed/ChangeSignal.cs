namespace Faros.Registry.Feed;

/// <summary>
/// Completes a task whenever <see cref="FeedChanges"/> reports a change, made here or broadcast by another
/// instance. It only wakes waiting change-feed requests early; what changed is always read from the database.
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource next = NewSource();

    public ChangeSignal(FeedChanges changes) => changes.Changed += _ => Interlocked.Exchange(ref next, NewSource()).TrySetResult();

    /// <summary>Completes at the next change after this property was read.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
