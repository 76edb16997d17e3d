using Faros.Sdk.Manifest;
using Json.Schema;

namespace Faros.PluginHost.Verification;

/// <summary>
/// Checks a plugin's configuration against the <c>configSchema</c> of its manifest before the plugin sees it,
/// as <c>IPluginContext.Configuration</c> promises. A plugin without a schema accepts any object.
/// </summary>
public static class PluginConfigurationSchema
{
    /// <exception cref="PluginRefusedException">The configuration breaks the schema; every violation is named.</exception>
    public static void Require(PluginSpec spec, PluginManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.ConfigSchema is not { } schemaDocument)
        {
            return;
        }

        var schema = JsonSchema.FromText(schemaDocument.GetRawText());
        var results = schema.Evaluate(spec.Configuration.Root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return;
        }

        var violations = (results.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{Location(d.InstanceLocation.ToString())}: {e.Value}"))
            .Distinct()
            .ToArray();
        throw new PluginRefusedException(spec.DisplayName, RefusalReason.ConfigurationInvalid,
            $"its configuration does not match the plugin's config schema: {string.Join("; ", violations)}. Fix: correct the plugin's configuration in the Agent spec.");
    }

    private static string Location(string pointer) => pointer.Length == 0 ? "(root)" : pointer;
}
