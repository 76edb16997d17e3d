namespace Faros.Marketplace.Catalog;

/// <summary>A Kubernetes kind a plugin serves, e.g. <c>Modbus (devices.faros.sh/v1)</c>.</summary>
public sealed record PluginKind(string Kind, string? Group, string? Version)
{
    public string ApiVersion => (Group, Version) switch
    {
        ({ Length: > 0 } g, { Length: > 0 } v) => $"{g}/{v}",
        ({ Length: > 0 } g, _) => g,
        (_, { Length: > 0 } v) => v,
        _ => "",
    };
}
