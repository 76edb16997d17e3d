using System.Globalization;
using System.Text.Json;

namespace Faros.Signing.Sigstore.Bundles;

/// <summary>
/// A JSON element with the path that reached it, so that every read of protobuf-style JSON (bundles, trusted roots)
/// reports a missing or mistyped field by its path.
/// </summary>
internal readonly record struct JsonPath(JsonElement Element, string Path)
{
    public JsonPath Required(string name) =>
        TryGet(name) ?? throw Defect($"{Path}.{name} is missing");

    public JsonPath? TryGet(string name) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? new JsonPath(value, $"{Path}.{name}")
            : null;

    public JsonPath Object()
    {
        return Element.ValueKind == JsonValueKind.Object ? this : throw Defect($"{Path} is {Describe()}, expected an object");
    }

    public string String()
    {
        if (Element.ValueKind != JsonValueKind.String)
        {
            throw Defect($"{Path} is {Describe()}, expected a string");
        }

        try
        {
            return Element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Defect($"{Path} is not valid UTF-8");
        }
    }

    public byte[] Base64()
    {
        try
        {
            return Convert.FromBase64String(String());
        }
        catch (FormatException)
        {
            throw Defect($"{Path} is not base64");
        }
    }

    /// <summary>Protobuf JSON writes 64-bit integers as strings; some producers write numbers. Both are read.</summary>
    public long Int64()
    {
        if (Element.ValueKind == JsonValueKind.Number && Element.TryGetInt64(out var number))
        {
            return number;
        }

        if (Element.ValueKind == JsonValueKind.String
            && long.TryParse(Element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw Defect($"{Path} is {Describe()}, expected a non-negative integer");
    }

    public DateTimeOffset Timestamp()
    {
        return DateTimeOffset.TryParse(String(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw Defect($"{Path} is not an RFC 3339 timestamp");
    }

    public IEnumerable<JsonPath> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Defect($"{Path} is {Describe()}, expected an array");
        }

        var index = 0;
        foreach (var item in Element.EnumerateArray())
        {
            yield return new JsonPath(item, $"{Path}[{index++}]");
        }
    }

    public static BundleFormatException Defect(string what) => new($"Malformed Sigstore document: {what}.");

    public static JsonDocument ParseDocument(ReadOnlySpan<byte> json, string what)
    {
        if (json.IsEmpty)
        {
            throw new BundleFormatException($"The {what} is empty.");
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new BundleFormatException(
                $"The {what} is not valid JSON (truncated or corrupted?): {e.Message}", e);
        }
    }

    private string Describe() => Element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
