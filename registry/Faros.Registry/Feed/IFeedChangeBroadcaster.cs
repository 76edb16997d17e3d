namespace Faros.Registry.Feed;

/// <summary>Carries feed changes to the other registry instances that share the same database.</summary>
public interface IFeedChangeBroadcaster
{
    Task BroadcastAsync(string message);
}

/// <summary>The embedded setup has one instance: nothing to tell.</summary>
public sealed class NoFeedChangeBroadcaster : IFeedChangeBroadcaster
{
    public Task BroadcastAsync(string message) => Task.CompletedTask;
}
