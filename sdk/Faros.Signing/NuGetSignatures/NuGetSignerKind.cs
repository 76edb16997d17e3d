namespace Faros.Signing.NuGetSignatures;

/// <summary>Who made a NuGet signature: the package's author, or a repository that served it.</summary>
public enum NuGetSignerKind
{
    Author,
    Repository,
}
