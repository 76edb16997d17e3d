using System.Text.Json;

namespace Faros.Marketplace.Catalog;

/// <summary>
/// One line per manifest permission (docs/plugin-format.md), e.g. "kubernetes: get, list configmaps — Reads
/// schedules." The generic <see cref="JsonText"/> drops the verbs array, and the verbs are what a reader must see
/// before enabling a plugin; other shapes still fall back to it.
/// </summary>
public static class PermissionText
{
    public static IReadOnlyList<string> DescribeAll(IEnumerable<JsonElement>? permissions) =>
        permissions is null ? [] : [.. permissions.Select(Describe).Where(text => text.Length > 0)];

    public static string Describe(JsonElement permission)
    {
        if (permission.ValueKind != JsonValueKind.Object)
        {
            return JsonText.Describe(permission);
        }

        var what = Text(permission, "scope") switch
        {
            "device" when Text(permission, "capability") is { } capability => $"device: {capability}",
            "kubernetes" when Text(permission, "resource") is { } resource => Kubernetes(permission, resource),
            _ => null,
        };
        if (what is null)
        {
            return JsonText.Describe(permission);
        }

        return Text(permission, "reason") is { } reason ? $"{what} — {reason}" : what;
    }

    // "get, list deployments.apps"; a core resource (apiGroup "") has no group suffix.
    private static string Kubernetes(JsonElement permission, string resource)
    {
        var qualified = Text(permission, "apiGroup") is { } group ? $"{resource}.{group}" : resource;
        var verbs = permission.TryGetProperty("verbs", out var list) && list.ValueKind == JsonValueKind.Array
            ? string.Join(", ", list.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()))
            : "";
        return verbs.Length > 0 ? $"kubernetes: {verbs} {qualified}" : $"kubernetes: {qualified}";
    }

    private static string? Text(JsonElement value, string name) =>
        value.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String && member.GetString() is { Length: > 0 } text
            ? text
            : null;
}
