using System.Reflection;

namespace Faros.Marketplace.Tests.Fixtures;

/// <summary>Finds the marketplace's build output, which the ProjectReference makes sure exists.</summary>
public static class MarketplaceBinary
{
    private const string ProjectDirectory = "marketplace-ui/Faros.Marketplace";
    private const string AssemblyFileName = "Faros.Marketplace.dll";
    private const string TargetFramework = "net10.0";

    public static string Locate()
    {
        var root = RepositoryRoot.Find();
        var preferred = typeof(MarketplaceBinary).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        var candidates = new[] { preferred, "Debug", "Release" }
            .Where(c => !string.IsNullOrEmpty(c))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => Path.Combine(root, ProjectDirectory, "bin", c!, TargetFramework, AssemblyFileName))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"The marketplace has not been built. Build it with `dotnet build {ProjectDirectory}`. Looked for: " +
                string.Join(", ", candidates));
    }
}
