namespace Faros.Cli.Kubeconfig;

/// <summary>Which kubeconfig files apply, by kubectl's rules: --kubeconfig, else every file in $KUBECONFIG, else ~/.kube/config.</summary>
public static class KubeconfigLocations
{
    public static KubeconfigFiles Resolve(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return new KubeconfigFiles([Path.GetFullPath(explicitPath)], Explicit: true);
        }

        var variable = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(variable))
        {
            var paths = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Path.GetFullPath)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (paths.Count > 0)
            {
                return new KubeconfigFiles(paths, Explicit: false);
            }
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new KubeconfigFiles([Path.Combine(home, ".kube", "config")], Explicit: false);
    }
}

/// <summary>The kubeconfig files in precedence order; the first to define a name wins, as with kubectl.</summary>
public sealed record KubeconfigFiles(IReadOnlyList<string> Paths, bool Explicit)
{
    public IReadOnlyList<string> Existing => Paths.Where(File.Exists).ToList();

    /// <summary>Where new entries go (kubectl's rule): the explicit file, else the first existing one, else the first listed.</summary>
    public string DefaultFile => Explicit ? Paths[0] : Existing.FirstOrDefault() ?? Paths[0];

    public override string ToString() => string.Join(Path.PathSeparator, Paths);
}

/// <summary>The files and the context that --kubeconfig/--context (or their defaults) select.</summary>
public sealed record KubeconfigSelection(KubeconfigFiles Files, string? Context);
