using NuGet.Packaging.Core;
using NuGet.Packaging;

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
    ReadOnlyMemory<byte>? SigstoreBundle = null)
{
    /// <summary>Reads the id and package types from the nupkg's nuspec (no code in the package is touched).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a nupkg with a readable nuspec.</exception>
    public static SignedPackage Read(ReadOnlyMemory<byte> nupkg, ReadOnlyMemory<byte>? sigstoreBundle = null)
    {
        try
        {
            using var reader = new PackageArchiveReader(new MemoryStream(nupkg.ToArray(), writable: false), leaveStreamOpen: false);
            var nuspec = reader.NuspecReader;
            return new SignedPackage(nuspec.GetId(), [.. nuspec.GetPackageTypes().Select(type => type.Name)], nupkg, sigstoreBundle);
        }
        catch (Exception e) when (e is InvalidDataException or PackagingException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new InvalidDataException($"Not a readable .nupkg (a zip with a .nuspec): {e.Message}", e);
        }
    }
}
