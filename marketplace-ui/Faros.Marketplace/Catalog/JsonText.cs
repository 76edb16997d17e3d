using System.Text.Json;

namespace Faros.Marketplace.Catalog;

/// <summary>
/// Turns a loosely specified JSON value (a CRD, a runtime, a permission: strings today, maybe objects once plugin
/// manifests land) into one line of text, so the page shows something sensible for either shape.
/// </summary>
public static class JsonText
{
    private static readonly string[] NameKeys = ["name", "id", "rid", "verb", "value"];

    public static string Describe(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString() ?? "";
            case JsonValueKind.Object:
                foreach (var key in NameKeys)
                {
                    if (value.TryGetProperty(key, out var named) && named.ValueKind == JsonValueKind.String)
                    {
                        return named.GetString() ?? "";
                    }
                }

                // {group, version, kind} and similar: show every string member, in order.
                var parts = value.EnumerateObject()
                    .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    .Select(p => $"{p.Name}: {p.Value}")
                    .ToList();
                return parts.Count > 0 ? string.Join(", ", parts) : value.GetRawText();
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return "";
            default:
                return value.ToString();
        }
    }

    public static IReadOnlyList<string> DescribeAll(IEnumerable<JsonElement>? values) =>
        values is null ? [] : [.. values.Select(Describe).Where(text => text.Length > 0)];
}
