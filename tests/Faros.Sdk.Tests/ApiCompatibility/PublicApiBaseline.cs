namespace Faros.Sdk.Tests.ApiCompatibility;

/// <summary>
/// The checked-in listing of Faros.Sdk's public API (ApiCompatibility/Faros.Sdk.api.txt). Its first line
/// records the SDK version it was taken at, so a major version bump is what licenses removals.
/// </summary>
internal sealed record PublicApiBaseline(Version SdkVersion, IReadOnlyList<string> Lines)
{
    public const string FileName = "Faros.Sdk.api.txt";
    private const string VersionPrefix = "# Faros.Sdk ";

    /// <summary>The baseline in the source tree (written when updating) rather than the copy in bin.</summary>
    public static string SourcePath => Path.Combine(Faros.Testing.RepositoryRoot.Find(), "tests", "Faros.Sdk.Tests", "ApiCompatibility", FileName);

    public static PublicApiBaseline Load()
    {
        var lines = File.ReadAllLines(SourcePath);
        var version = Version.Parse(lines[0][VersionPrefix.Length..].Trim());
        return new PublicApiBaseline(version, lines.Skip(1).Where(l => l.Length > 0).ToArray());
    }

    public static void Save(Version sdkVersion, IReadOnlyList<string> lines) =>
        File.WriteAllLines(SourcePath, [$"{VersionPrefix}{sdkVersion.ToString(3)}", .. lines]);
}
