using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Licenses;
using NuGet.Versioning;

namespace Faros.Testing;

/// <summary>
/// Builds real .nupkg files in memory with NuGet's own PackageBuilder: milliseconds per package, versus
/// seconds for `dotnet pack`, and exactly the nuspec fields a test asks for.
/// </summary>
public static class TestPackages
{
    private const string ReadmeFileName = "README.md";
    private const string PluginPackageType = "FarosPlugin";
    private const string PluginManifestFileName = "faros-plugin.json";
    private const string IconFileName = "icon.png";

    /// <summary>A valid 1x1 PNG, for tests that need an icon.</summary>
    public static byte[] TinyPng { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static TestPackage Create(string id, string version) => Build(new TestPackageSpec(id, version));

    public static TestPackage Build(TestPackageSpec spec)
    {
        var version = NuGetVersion.Parse(spec.Version);
        var builder = new PackageBuilder
        {
            Id = spec.Id,
            Version = version,
            Description = spec.Description,
            ProjectUrl = spec.ProjectUrl,
        };
        builder.Authors.AddRange(spec.Authors);
        builder.Tags.AddRange(spec.Tags);

        if (spec.LicenseExpression is { } expression)
        {
            builder.LicenseMetadata = new LicenseMetadata(
                LicenseType.Expression,
                expression,
                NuGetLicenseExpression.Parse(expression),
                warningsAndErrors: null,
                LicenseMetadata.EmptyVersion);
        }

        foreach (var packageType in spec.PackageTypes)
        {
            builder.PackageTypes.Add(new PackageType(packageType, PackageType.EmptyVersion));
        }

        foreach (var group in spec.Dependencies.GroupBy(d => d.TargetFramework, StringComparer.OrdinalIgnoreCase))
        {
            builder.DependencyGroups.Add(new PackageDependencyGroup(
                NuGetFramework.Parse(group.Key),
                group.Select(d => new PackageDependency(d.Id, VersionRange.Parse(d.VersionRange)))));
        }

        var files = new Dictionary<string, byte[]>(spec.Files, StringComparer.Ordinal);
        if (spec.Readme is { } readme)
        {
            builder.Readme = ReadmeFileName;
            files[ReadmeFileName] = System.Text.Encoding.UTF8.GetBytes(readme);
        }

        if (spec.Icon is { } icon)
        {
            builder.Icon = IconFileName;
            files[IconFileName] = icon;
        }

        if (spec.GeneratePluginManifest && spec.PackageTypes.Contains(PluginPackageType, StringComparer.OrdinalIgnoreCase) && !files.ContainsKey(PluginManifestFileName))
        {
            AddPluginManifest(spec, files);
        }
        else if (spec.Files.Count == 0)
        {
            files["lib/netstandard2.0/_._"] = [];
        }

        foreach (var (path, content) in files)
        {
            builder.Files.Add(new InMemoryPackageFile(path, content));
        }

        using var output = new MemoryStream();
        builder.Save(output);
        return new TestPackage(spec.Id, version, output.ToArray());
    }

    /// <summary>A faros-plugin.json the registry accepts, with the entry assembly and CRD files it names.</summary>
    private static void AddPluginManifest(TestPackageSpec spec, Dictionary<string, byte[]> files)
    {
        var kinds = spec.PluginKinds.Select(kind =>
        {
            var plural = kind.Kind.ToLowerInvariant() + "s";
            return new { group = kind.Group, version = kind.Version, kind = kind.Kind, plural, crd = $"crds/{plural}.{kind.Group}.yaml" };
        }).ToList();
        var manifest = new
        {
            schemaVersion = 1,
            name = spec.Id,
            displayName = spec.Id,
            description = spec.Description,
            side = spec.PluginSide,
            entryAssembly = "TestPlugin.dll",
            pluginType = "Faros.Tests.TestPlugin",
            sdkVersionRange = "[1.0.0, 2.0.0)",
            runtimeIdentifiers = spec.PluginRuntimes,
            kinds,
            crds = kinds.Select(kind => kind.crd).ToList(),
            permissions = spec.PluginPermissions,
            category = spec.PluginCategory,
            tags = spec.Tags,
        };
        files[PluginManifestFileName] = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(manifest);
        files["lib/net10.0/TestPlugin.dll"] = [0x4d, 0x5a];
        foreach (var kind in kinds)
        {
            files[kind.crd] = System.Text.Encoding.UTF8.GetBytes($"apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: {kind.plural}.{kind.group}\n");
        }
    }

    /// <summary>
    /// A symbol package (.snupkg) for <paramref name="id"/>/<paramref name="version"/> carrying the given
    /// files (normally portable PDBs under lib/&lt;tfm&gt;/).
    /// </summary>
    public static TestPackage BuildSymbols(string id, string version, IReadOnlyDictionary<string, byte[]> files)
    {
        var builder = new PackageBuilder
        {
            Id = id,
            Version = NuGetVersion.Parse(version),
            Description = "Symbols built by the Faros test suite.",
        };
        builder.Authors.Add("Faros Tests");
        builder.PackageTypes.Add(PackageType.SymbolsPackage);
        foreach (var (path, content) in files)
        {
            builder.Files.Add(new InMemoryPackageFile(path, content));
        }

        using var output = new MemoryStream();
        builder.Save(output);
        return new TestPackage(id, builder.Version, output.ToArray());
    }
}
