using System.Text.Json.Nodes;

namespace Faros.Signing.Tests.Sigstore;

/// <summary>Edits a bundle's or trusted root's JSON the way an attacker (or a broken transfer) would.</summary>
internal static class BundleTampering
{
    public static byte[] Edit(byte[] json, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(json)!;
        change(node);
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>Flips the lowest bit of the last byte of a base64 field.</summary>
    public static void FlipBase64(JsonNode parent, string property, int index = -1)
    {
        var bytes = Convert.FromBase64String(parent[property]!.GetValue<string>());
        bytes[index < 0 ? bytes.Length + index : index] ^= 0x01;
        parent[property] = Convert.ToBase64String(bytes);
    }

    public static JsonNode FirstEntry(JsonNode bundle) => bundle["verificationMaterial"]!["tlogEntries"]![0]!;
}
