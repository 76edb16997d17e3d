namespace Faros.Testing;

/// <summary>
/// Everything a test may want in a package's nuspec and contents. Defaults give a minimal valid package,
/// so a test only states the fields it asserts on.
/// </summary>
public sealed record TestPackageSpec(string Id, string Version)
{
    public string Description { get; init; } = "A package built by the Faros test suite.";

    public IReadOnlyList<string> Authors { get; init; } = ["Faros Tests"];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>An SPDX expression; null for no license element.</summary>
    public string? LicenseExpression { get; init; } = "MIT";

    public Uri? ProjectUrl { get; init; }

    /// <summary>Markdown shipped as README.md and declared with &lt;readme&gt;; null for none.</summary>
    public string? Readme { get; init; }

    /// <summary>PNG shipped as icon.png and declared with &lt;icon&gt;; null for none.</summary>
    public byte[]? Icon { get; init; }

    /// <summary>Package types such as "Dependency" or "FarosPlugin"; empty leaves the element out.</summary>
    public IReadOnlyList<string> PackageTypes { get; init; } = [];

    public IReadOnlyList<TestPackageDependency> Dependencies { get; init; } = [];

    /// <summary>
    /// For FarosPlugin packages: the manifest's side and category. A package with the FarosPlugin type gets a
    /// valid faros-plugin.json (and its entry assembly) unless <see cref="Files"/> already carries one.
    /// </summary>
    public string PluginSide { get; init; } = "device";

    /// <summary>False to leave a FarosPlugin package without its manifest, as a hand-made package might be.</summary>
    public bool GeneratePluginManifest { get; init; } = true;

    public string PluginCategory { get; init; } = "other";

    /// <summary>Kinds the plugin reconciles, as (group, version, kind); each gets a CRD file under crds/.</summary>
    public IReadOnlyList<(string Group, string Version, string Kind)> PluginKinds { get; init; } = [];

    /// <summary>The manifest's runtimeIdentifiers.</summary>
    public IReadOnlyList<string> PluginRuntimes { get; init; } = ["linux-x64"];

    /// <summary>The manifest's permissions, each an object as docs/plugin-format.md describes (serialized as JSON).</summary>
    public IReadOnlyList<object> PluginPermissions { get; init; } = [];

    /// <summary>
    /// Files by path inside the package. When empty, a `lib/netstandard2.0/_._` placeholder is added:
    /// NuGet refuses to build an empty package, and the placeholder keeps the package compatible with any
    /// project without shipping an assembly.
    /// </summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; init; } = new Dictionary<string, byte[]>();
}

/// <summary>A dependency declared in the nuspec, in the group for <paramref name="TargetFramework"/>.</summary>
public sealed record TestPackageDependency(string TargetFramework, string Id, string VersionRange);
