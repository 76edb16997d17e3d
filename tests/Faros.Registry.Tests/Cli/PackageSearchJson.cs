using System.Text.Json.Nodes;

namespace Faros.Registry.Tests.Cli;

/// <summary>
/// Reads `dotnet package search --format json` output. The document nests packages per source
/// ({"searchResult":[{"sourceName":..,"packages":[{"id":..,"latestVersion":..}]}]}); packages are
/// collected wherever they appear so the test does not depend on that nesting.
/// </summary>
public static class PackageSearchJson
{
    public static IReadOnlyList<(string Id, string? LatestVersion)> Packages(string output)
    {
        var start = output.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            throw new AssertionException("`dotnet package search` printed no JSON:" + Environment.NewLine + output);
        }

        var found = new List<(string, string?)>();
        Collect(JsonNode.Parse(output[start..]), found);
        return found;
    }

    private static void Collect(JsonNode? node, List<(string, string?)> found)
    {
        switch (node)
        {
            case JsonObject obj:
                var id = Property(obj, "id");
                if (id is not null)
                {
                    found.Add((id, Property(obj, "latestVersion") ?? Property(obj, "version")));
                }

                foreach (var (_, child) in obj)
                {
                    Collect(child, found);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, found);
                }

                break;
        }
    }

    private static string? Property(JsonObject obj, string name) =>
        obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is JsonValue value
        && value.TryGetValue<string>(out var text) ? text : null;
}
