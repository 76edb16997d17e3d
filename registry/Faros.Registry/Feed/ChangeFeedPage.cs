namespace Faros.Registry.Feed;

/// <summary>
/// One answer of the change feed: the cursor to pass next time, and the lower-case ids changed since the last
/// one. <paramref name="Reset"/>: the cursor was not from this database; treat every package as changed.
/// </summary>
public sealed record ChangeFeedPage(ChangeCursor Cursor, IReadOnlyList<string> Ids, bool Reset);
