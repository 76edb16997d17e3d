using System.Text.Json;

namespace Faros.Sdk;

/// <summary>A plugin's configuration: a JSON object the host validated against the manifest's config schema.</summary>
public sealed class PluginConfiguration
{
    private static readonly JsonSerializerOptions BindOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Wraps <paramref name="root"/>, which must be a JSON object.</summary>
    public PluginConfiguration(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Plugin configuration must be a JSON object, not {root.ValueKind}.", nameof(root));
        }

        Root = root.Clone();
    }

    /// <summary>An empty configuration (<c>{}</c>).</summary>
    public static PluginConfiguration Empty { get; } = Parse("{}");

    /// <summary>The configuration document.</summary>
    public JsonElement Root { get; }

    /// <summary>Parses a JSON object.</summary>
    public static PluginConfiguration Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new PluginConfiguration(document.RootElement);
    }

    /// <summary>Binds the configuration to <typeparamref name="T"/> with camelCase names (web defaults).</summary>
    public T Bind<T>() where T : new() => Root.Deserialize<T>(BindOptions) ?? new T();
}
