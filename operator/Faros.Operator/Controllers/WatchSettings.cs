namespace Faros.Operator.Controllers;

/// <summary>How a <see cref="ResourceWatcher{T}"/> lists and watches.</summary>
/// <param name="Namespace">Watch one namespace, or every namespace when null.</param>
/// <param name="Timeout">The server ends each watch after a random time between this and twice this, so that
/// load spreads and a silently dead connection is noticed; the client gives up after the upper bound plus a grace.</param>
/// <param name="PageSize">Items per list page.</param>
public sealed record WatchSettings(string? Namespace, TimeSpan Timeout, int PageSize = 500)
{
    /// <summary>Five minutes, as client-go's reflector.</summary>
    public static WatchSettings Default { get; } = new(null, TimeSpan.FromMinutes(5));
}
