using System.Collections.Immutable;

namespace Faros.Signing.Policy;

/// <summary>One rule of a trust policy: for the packages it names, the mode, accepted signature kinds and allowed signers.</summary>
public sealed record TrustRule
{
    public required ImmutableArray<PackageIdPattern> Packages { get; init; }

    public required PolicyMode Mode { get; init; }

    /// <summary>
    /// Signature kinds that may prove the signer, tried in this order (<see cref="Policy.SignatureKinds"/>); empty
    /// means any kind the evaluator has a verifier for.
    /// </summary>
    public required ImmutableArray<string> SignatureKinds { get; init; }

    public required ImmutableArray<AllowedSigner> Signers { get; init; }

    public bool Matches(string packageId) => Packages.Any(pattern => pattern.Matches(packageId));

    public string Describe() => $"rule for {string.Join(", ", Packages)} ({Mode.ToString().ToLowerInvariant()})";
}
