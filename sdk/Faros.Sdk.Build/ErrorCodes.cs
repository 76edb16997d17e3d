using Faros.Sdk.Manifest;

namespace Faros.Sdk.Build;

/// <summary>
/// Stable error codes, documented in docs/plugin-authoring.md: FAROS00x for the project as a whole,
/// FAROS1xx for a manifest field (one code per field so the docs can explain each).
/// </summary>
internal static class ErrorCodes
{
    public const string BadInvocation = "FAROS001";
    public const string SeveralPluginTypes = "FAROS002";
    public const string NoSdkReference = "FAROS003";
    public const string PluginTypeNotFound = "FAROS004";
    public const string UnreadableConfigSchema = "FAROS005";
    public const string MalformedKindItem = "FAROS006";

    private static readonly Dictionary<string, string> FieldCodes = new(StringComparer.Ordinal)
    {
        ["schemaVersion"] = "FAROS100",
        ["name"] = "FAROS101",
        ["displayName"] = "FAROS102",
        ["side"] = "FAROS103",
        ["entryAssembly"] = "FAROS104",
        ["pluginType"] = "FAROS105",
        ["sdkVersionRange"] = "FAROS106",
        ["runtimeIdentifiers"] = "FAROS107",
        ["kinds"] = "FAROS108",
        ["crds"] = "FAROS109",
        ["permissions"] = "FAROS110",
        ["category"] = "FAROS111",
        ["tags"] = "FAROS112",
        ["configSchema"] = "FAROS113",
    };

    public static BuildError ForDefect(ManifestDefect defect)
    {
        var field = defect.Path.Split('.', '[')[0];
        var code = FieldCodes.GetValueOrDefault(field, "FAROS199");
        return new BuildError(code, $"faros-plugin.json {defect.Path}: {defect.Message} Fix: {defect.Fix}");
    }
}
