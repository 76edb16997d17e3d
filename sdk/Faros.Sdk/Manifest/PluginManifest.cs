using System.Text.Json;

namespace Faros.Sdk.Manifest;

/// <summary>
/// The contents of <c>faros-plugin.json</c> at the root of a <c>FarosPlugin</c> package.
/// Every member is nullable because a manifest read from a pushed package may be incomplete;
/// <see cref="PluginManifestValidator"/> names what is missing.
/// </summary>
public sealed class PluginManifest
{
    /// <summary>The manifest format version this model reads and writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Format version of this manifest; only <see cref="CurrentSchemaVersion"/> is accepted.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Plugin name; equals the NuGet package id.</summary>
    public string? Name { get; init; }

    /// <summary>Human-readable name shown in the marketplace.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Optional one-paragraph description.</summary>
    public string? Description { get; init; }

    /// <summary>Where the plugin runs: <c>device</c>, <c>hub</c> or <c>both</c> (see <see cref="PluginSides"/>).</summary>
    public string? Side { get; init; }

    /// <summary>File name of the assembly under <c>lib/net10.0/</c> that holds <see cref="PluginType"/>.</summary>
    public string? EntryAssembly { get; init; }

    /// <summary>Full name of the type implementing <c>Faros.Sdk.IFarosPlugin</c>.</summary>
    public string? PluginType { get; init; }

    /// <summary>NuGet version range of Faros.Sdk the plugin was built against, e.g. <c>[1.0.0, 2.0.0)</c>.</summary>
    public string? SdkVersionRange { get; init; }

    /// <summary>Runtime identifiers the plugin supports, e.g. <c>linux-x64</c>, <c>linux-arm64</c>.</summary>
    public IReadOnlyList<string>? RuntimeIdentifiers { get; init; }

    /// <summary>Custom resource kinds the plugin reconciles.</summary>
    public IReadOnlyList<PluginKind>? Kinds { get; init; }

    /// <summary>Package-relative paths of the CRD manifests shipped for <see cref="Kinds"/>.</summary>
    public IReadOnlyList<string>? Crds { get; init; }

    /// <summary>Permissions the plugin asks the operator to grant.</summary>
    public IReadOnlyList<PluginPermission>? Permissions { get; init; }

    /// <summary>Marketplace category, one of <see cref="PluginCategories.All"/>.</summary>
    public string? Category { get; init; }

    /// <summary>Free-form lowercase search tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>JSON schema (an object schema) that the plugin's configuration must satisfy.</summary>
    public JsonElement? ConfigSchema { get; init; }
}
