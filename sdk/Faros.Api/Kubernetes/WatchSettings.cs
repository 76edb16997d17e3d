namespace Faros.Api.Kubernetes;

/// <summary>How a <see cref="ResourceWatcher{T}"/> lists and watches.</summary>
/// <param name="Namespace">Watch one namespace, or every namespace when null.</param>
/// <param name="Timeout">The server ends each watch after a random time between this and twice this, so that
/// load spreads and a silently dead connection is noticed; the client gives up after the upper bound plus a grace.</param>
/// <param name="PageSize">Items per list page.</param>
/// <param name="FieldSelector">Narrows lists and watches, e.g. <c>metadata.name=NAME</c>: an identity whose RBAC grant names
/// its objects (resourceNames) may list and watch only with that selector.</param>
public sealed record WatchSettings(string? Namespace, TimeSpan Timeout, int PageSize = 500, string? FieldSelector = null)
{
    /// <summary>Five minutes, as client-go's reflector.</summary>
    public static WatchSettings Default { get; } = new(null, TimeSpan.FromMinutes(5));

    /// <summary>The selector of the one object named <paramref name="name"/>.</summary>
    public static string NameSelector(string name) => $"metadata.name={name}";
}
