using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Protocol;

/// <summary>
/// A small set of packages sharing one unique word and id prefix, so search/autocomplete assertions can
/// be exact even though the registry holds other tests' packages.
/// </summary>
public sealed class SearchCorpus
{
    public const string PluginPackageType = "FarosPlugin";

    public SearchCorpus()
    {
        Word = UniqueIds.Word("beacon");
        Prefix = $"Faros.Tests.Search{Guid.NewGuid().ToString("N")[..8]}.";
    }

    /// <summary>Appears in every corpus package's description.</summary>
    public string Word { get; }

    /// <summary>Shared id prefix, for autocomplete.</summary>
    public string Prefix { get; }

    public string Alpha => Prefix + "Alpha";

    public string Bravo => Prefix + "Bravo";

    public string Charlie => Prefix + "Charlie";

    public string Delta => Prefix + "Delta";

    /// <summary>Only a prerelease version.</summary>
    public string Prerelease => Prefix + "Echo";

    /// <summary>Of package type <see cref="PluginPackageType"/>.</summary>
    public string Plugin => Prefix + "Plugin";

    /// <summary>Its only version is unlisted.</summary>
    public string Unlisted => Prefix + "Gone";

    public IReadOnlyList<string> ListedStableIds => [Alpha, Bravo, Charlie, Delta, Plugin];

    public IReadOnlyList<string> ListedIds => [.. ListedStableIds, Prerelease];

    public IEnumerable<TestPackage> Packages()
    {
        yield return Package(Alpha, "1.0.0");
        yield return Package(Alpha, "1.1.0");
        yield return Package(Alpha, "2.0.0");
        yield return Package(Bravo, "1.0.0");
        yield return Package(Charlie, "1.0.0");
        yield return Package(Delta, "1.0.0");
        yield return Package(Prerelease, "0.1.0-beta.1");
        yield return TestPackages.Build(new TestPackageSpec(Plugin, "1.0.0")
        {
            Description = $"A plugin with the {Word}.",
            PackageTypes = [PluginPackageType],
        });
        yield return Package(Unlisted, "1.0.0");
    }

    private TestPackage Package(string id, string version) =>
        TestPackages.Build(new TestPackageSpec(id, version) { Description = $"Search corpus package with the {Word}." });
}
