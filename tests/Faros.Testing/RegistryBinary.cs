using System.Reflection;

namespace Faros.Testing;

/// <summary>
/// Finds the registry's build output. The tests run the registry as a separate process (exactly as it
/// runs in production) rather than referencing it, so the registry must have been built beforehand.
/// </summary>
public static class RegistryBinary
{
    private const string ProjectDirectory = "registry/Faros.Registry";
    private const string AssemblyFileName = "Faros.Registry.dll";
    private const string TargetFramework = "net10.0";

    /// <summary>Prefers the configuration these tests were built with, then the other one.</summary>
    public static string Locate()
    {
        var root = RepositoryRoot.Find();
        var preferred = typeof(RegistryBinary).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        var configurations = new[] { preferred, "Debug", "Release" }
            .Where(c => !string.IsNullOrEmpty(c))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Cast<string>()
            .ToList();

        var candidates = configurations
            .Select(c => Path.Combine(root, ProjectDirectory, "bin", c, TargetFramework, AssemblyFileName))
            .ToList();

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                "The registry has not been built. Build it first with " +
                $"`dotnet build {ProjectDirectory}/Faros.Registry.csproj -c {configurations[0]}`. Looked for: " +
                string.Join(", ", candidates));
    }
}
