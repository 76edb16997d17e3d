using System.Text.Json.Nodes;

namespace Faros.Registry.Tests.Infrastructure;

/// <summary>Reads JSON documents from the feed, failing with the status and body when the GET is not 200.</summary>
public static class FeedJson
{
    /// <param name="pathOrUrl">Relative to the registry root, or an absolute URL taken from another document.</param>
    public static async Task<JsonNode> GetAsync(HttpClient http, string pathOrUrl)
    {
        using var response = await http.GetAsync(pathOrUrl);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"GET {pathOrUrl} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body) ?? throw new AssertionException($"GET {pathOrUrl} returned JSON null");
    }

    /// <summary>Status code of a GET, for asserting absence (404).</summary>
    public static async Task<int> StatusAsync(HttpClient http, string pathOrUrl)
    {
        using var response = await http.GetAsync(pathOrUrl);
        return (int)response.StatusCode;
    }

    /// <summary>The versions a flat-container index lists, or null when the id is unknown (404).</summary>
    public static async Task<IReadOnlyList<string>?> FlatContainerVersionsAsync(HttpClient http, string id)
    {
        var path = $"v3/package/{id.ToLowerInvariant()}/index.json";
        if (await StatusAsync(http, path) == 404)
        {
            return null;
        }

        var index = await GetAsync(http, path);
        return index["versions"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
    }

    /// <summary>Ids returned by the search endpoint for a query (prerelease included).</summary>
    public static async Task<IReadOnlyList<string>> SearchIdsAsync(HttpClient http, string query)
    {
        var result = await GetAsync(http, $"v3/search?q={Uri.EscapeDataString(query)}&prerelease=true&semVerLevel=2.0.0&take=100");
        return result["data"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ToList();
    }
}
