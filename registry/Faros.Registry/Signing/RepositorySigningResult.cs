using Faros.Registry.Packages;

namespace Faros.Registry.Signing;

/// <summary>The signed copy of an upload and the SHA-512 of its bytes, or why the package cannot be signed.</summary>
public sealed record RepositorySigningResult(UploadedFile? Signed, string? Sha512, string? Refusal)
{
    public static RepositorySigningResult Done(UploadedFile signed, string sha512) => new(signed, sha512, null);

    public static RepositorySigningResult Refused(string message) => new(null, null, message);
}
