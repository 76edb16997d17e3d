namespace Faros.Testing;

/// <summary>
/// Where eng/provision scripts keep tools they build or install outside the system (Azurite, kube-apiserver):
/// $FAROS_CACHE, or ~/.cache/faros.
/// </summary>
public static class FarosCache
{
    public static string Path =>
        Environment.GetEnvironmentVariable("FAROS_CACHE") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "faros");
}
