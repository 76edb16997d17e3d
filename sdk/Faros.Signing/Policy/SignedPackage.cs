namespace Faros.Signing.Policy;

/// <summary>
/// What a package's signatures are checked over: the nupkg bytes exactly as stored, plus the Sigstore bundle
/// served next to it (if any) as raw JSON, so that a malformed bundle is reported as such by its verifier.
/// </summary>
/// <param name="Id">The package id (as in the nuspec).</param>
/// <param name="PackageTypes">The nuspec package types (e.g. "FarosPlugin").</param>
/// <param name="Package">The nupkg bytes.</param>
/// <param name="SigstoreBundle">The Sigstore bundle JSON, or null when none was published.</param>
public sealed record SignedPackage(
    string Id,
    IReadOnlyList<string> PackageTypes,
    ReadOnlyMemory<byte> Package,
    ReadOnlyMemory<byte>? SigstoreBundle = null);
