using System.Reflection;

namespace Faros.Cli.Tests.Environment;

/// <summary>The built kubectl-faros: its build folder holds kubectl-faros.dll and the kubectl-faros apphost.</summary>
public static class FarosTool
{
    private const string ProjectDirectory = "cli/Faros.Cli";

    public static string Directory { get; } = Locate();

    public static string Dll => Path.Combine(Directory, "kubectl-faros.dll");

    public static string Executable => Path.Combine(Directory, "kubectl-faros");

    private static string Locate()
    {
        var root = RepositoryRoot.Find();
        var preferred = typeof(FarosTool).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var candidates = new[] { preferred, "Release", "Debug" }.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(configuration => Path.Combine(root, ProjectDirectory, "bin", configuration, "net10.0"))
            .ToList();
        return candidates.FirstOrDefault(directory => File.Exists(Path.Combine(directory, "kubectl-faros.dll")))
            ?? throw new FileNotFoundException($"kubectl-faros has not been built; run `dotnet build {ProjectDirectory} -c {preferred}`. Looked in: {string.Join(", ", candidates)}");
    }
}
