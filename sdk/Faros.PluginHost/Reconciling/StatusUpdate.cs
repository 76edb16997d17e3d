using System.Text.Json;
using System.Text.Json.Nodes;
using Faros.Api.Kubernetes;
using k8s;

namespace Faros.PluginHost.Reconciling;

/// <summary>
/// What to write back after a reconcile pass: the observed resource with the status the plugin produced, or
/// nothing when that status is what the server already holds. Only status crosses back; metadata and spec as
/// the plugin re-serialized them (defaults filled in, unknown fields dropped) are not the caller's to write.
/// </summary>
internal static class StatusUpdate
{
    /// <returns>The object to send to the status subresource, or null when the status did not change.</returns>
    public static UntypedResource? Between(UntypedResource observed, string passJson)
    {
        if (JsonNode.Parse(passJson)?["status"] is not JsonObject status)
        {
            return null;
        }

        WithoutEmptyStrings(status);
        var element = JsonSerializer.SerializeToElement(status);
        if (observed.FindStatus() is { } current && JsonElement.DeepEquals(current, element))
        {
            return null;
        }

        var update = KubernetesJson.Deserialize<UntypedResource>(KubernetesJson.Serialize(observed));
        update.SetStatus(element);
        return update;
    }

    // The API server (up to 1.20 at least) turns "" inside custom resources into null and then rejects the object;
    // an absent optional field means the same to readers.
    private static void WithoutEmptyStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0).Select(p => p.Key).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var (_, child) in obj)
                {
                    WithoutEmptyStrings(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    WithoutEmptyStrings(child);
                }

                break;
        }
    }
}
