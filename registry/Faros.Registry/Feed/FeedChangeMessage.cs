namespace Faros.Registry.Feed;

/// <summary>The text of a change notification between instances: a lower-case id, "*" for everything, "#counts" for download counts.</summary>
public static class FeedChangeMessage
{
    public const string Everything = "*";
    public const string Counts = "#counts";

    public static string ForId(string? lowerId) => lowerId ?? Everything;

    public static string? IdOf(string message) => message == Everything ? null : message;
}
