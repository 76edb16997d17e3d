using System.Text.Json.Nodes;

namespace Faros.Cli.Registry;

/// <summary>
/// The registry's `faros` object on a search hit or catalog entry (the plugin's manifest, see docs/plugin-format.md),
/// read for display.
/// </summary>
public sealed record FarosMetadata(JsonObject Json)
{
    public static FarosMetadata? Of(JsonObject entry) => entry["faros"] is JsonObject faros ? new FarosMetadata(faros) : null;

    public string? DisplayName => Text("displayName");

    public string? Category => Text("category");

    public string? Side => Text("side");

    public string? SdkRange => Text("sdkRange");

    public IReadOnlyList<string> Runtimes => Strings("runtimes");

    /// <summary>"Kind (group/version)" for each kind the plugin owns.</summary>
    public IReadOnlyList<string> Kinds => Objects("kinds")
        .Select(kind => $"{kind["kind"]?.GetValue<string>()} ({kind["group"]?.GetValue<string>()}/{kind["version"]?.GetValue<string>()})")
        .ToList();

    public IReadOnlyList<string> KindNames => Objects("kinds").Select(kind => kind["kind"]?.GetValue<string>() ?? "").ToList();

    /// <summary>Each permission as (scope, what, reason): "net-admin" or "get,list configmaps".</summary>
    public IReadOnlyList<(string Scope, string What, string Reason)> Permissions => Objects("permissions")
        .Select(permission =>
        {
            var scope = permission["scope"]?.GetValue<string>() ?? "";
            var what = scope == "device"
                ? permission["capability"]?.GetValue<string>() ?? ""
                : $"{string.Join(',', (permission["verbs"] as JsonArray)?.Select(verb => verb?.GetValue<string>()) ?? [])} {Resource(permission)}";
            return (scope, what, permission["reason"]?.GetValue<string>() ?? "");
        })
        .ToList();

    private static string Resource(JsonObject permission)
    {
        var group = permission["apiGroup"]?.GetValue<string>();
        var resource = permission["resource"]?.GetValue<string>() ?? "";
        return string.IsNullOrEmpty(group) ? resource : $"{resource}.{group}";
    }

    private string? Text(string name) => Json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private IReadOnlyList<string> Strings(string name) =>
        (Json[name] as JsonArray)?.Select(item => item is JsonValue value && value.TryGetValue<string>(out var text) ? text : null).OfType<string>().ToList() ?? [];

    private IEnumerable<JsonObject> Objects(string name) => (Json[name] as JsonArray)?.OfType<JsonObject>() ?? [];
}
