using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faros.Marketplace.Registry.Wire;

/// <summary>
/// NuGet servers send authors, owners and tags either as one string or as an array (nuget.org itself does both,
/// depending on the resource); this reads either into a list so the pages never care. A single string is a
/// comma-separated list ("Ann Lee, Bob") — names contain spaces, so spaces do not separate.
/// </summary>
public class StringListConverter : JsonConverter<List<string>>
{
    private static readonly char[] Commas = [','];

    /// <summary>What separates items when the server sends one string.</summary>
    protected virtual char[] Separators => Commas;

    public override List<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return [];
            case JsonTokenType.String:
                return Split(reader.GetString());
            case JsonTokenType.StartArray:
                var items = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } value)
                    {
                        items.Add(value.Trim());
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return items;
            default:
                reader.Skip();
                return [];
        }
    }

    public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);

    private List<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : [.. value.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
