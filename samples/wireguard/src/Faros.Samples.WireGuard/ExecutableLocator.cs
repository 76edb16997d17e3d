namespace Faros.Samples.WireGuard;

/// <summary>Finds executables on a PATH-style search list (given, so tests can supply their own).</summary>
public sealed class ExecutableLocator(string? searchPath)
{
    /// <summary>Searches the process's PATH.</summary>
    public static ExecutableLocator FromEnvironment() => new(Environment.GetEnvironmentVariable("PATH"));

    /// <summary>Full path of <paramref name="name"/>, or null when no executable of that name is on the path.</summary>
    public string? Find(string name) =>
        (searchPath ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(IsExecutable);

    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
