namespace Faros.Testing;

/// <summary>
/// Locates the checkout that the tests were built from, so fixtures can find sibling build outputs
/// (such as the registry dll) without a ProjectReference that would couple the builds.
/// </summary>
public static class RepositoryRoot
{
    private const string Marker = "Faros.sln";

    public static string Find() => Find(AppContext.BaseDirectory);

    public static string Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Could not find {Marker} in '{startDirectory}' or any parent directory; tests must run from a build inside the Faros checkout.");
    }
}
