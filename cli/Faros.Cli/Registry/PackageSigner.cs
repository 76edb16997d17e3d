using System.Text.Json.Nodes;

namespace Faros.Cli.Registry;

/// <summary>The `signer` object a registry adds to a signed version's catalog entry: who signed it and whether the registry verified it.</summary>
public sealed record PackageSigner(string Identity, bool Verified)
{
    public static PackageSigner? Of(JsonObject entry) =>
        entry["signer"] is JsonObject signer && signer["identity"] is JsonValue identity && identity.TryGetValue<string>(out var text)
            ? new PackageSigner(text, signer["verified"] is JsonValue verified && verified.TryGetValue<bool>(out var flag) && flag)
            : null;

    public override string ToString() => Verified ? $"{Identity} (verified)" : $"{Identity} (not verified)";
}
