using System.Text.Json;

namespace Faros.Registry.Tests.Feed;

/// <summary>Reads GET v3/changes as a client would: the next cursor, the changed ids, the reset flag.</summary>
public static class ChangeFeedClient
{
    public sealed record Answer(string Cursor, IReadOnlyList<string> Ids, bool Reset);

    public static async Task<Answer> ReadAsync(HttpClient http, string? cursor, int waitSeconds = 0, CancellationToken cancellationToken = default)
    {
        var query = cursor is null ? "v3/changes" : $"v3/changes?cursor={Uri.EscapeDataString(cursor)}&wait={waitSeconds}";
        using var response = await http.GetAsync(query, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new Answer(
            root.GetProperty("cursor").GetString()!,
            root.GetProperty("ids").EnumerateArray().Select(id => id.GetString()!).ToList(),
            root.GetProperty("reset").GetBoolean());
    }

    /// <summary>Starts a long poll and makes sure it is parked: nothing changed, so it must not have answered yet.</summary>
    public static async Task<Task<Answer>> StartWaitingAsync(HttpClient http, string cursor)
    {
        var waiting = ReadAsync(http, cursor, waitSeconds: 30);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.That(waiting.IsCompleted, Is.False, "the request should wait while nothing changed");
        return waiting;
    }
}
