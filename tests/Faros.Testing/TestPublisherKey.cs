using Faros.Signing.Policy;
using Faros.Signing.Sigstore;
using Faros.Signing.Sigstore.Keys;

namespace Faros.Testing;

/// <summary>
/// The publisher key test registries trust: a P-256 key pair made once per test process. Fixtures sign the plugins
/// they push with it (a keyed Sigstore bundle sent with the push), like `kubectl faros plugins publish` does with a
/// publisher's key, so that registries that require plugin signatures accept them.
/// </summary>
public static class TestPublisherKey
{
    private static readonly Lazy<SigstoreKeyPair> Key = new(SigstoreKeyPair.Generate);

    public static SigstoreKeyPair Shared => Key.Value;

    /// <summary>A keyed Sigstore bundle (JSON) over the nupkg bytes, signed with <see cref="Shared"/>.</summary>
    public static byte[] Sign(byte[] nupkg) => SigstoreSigner.Sign(nupkg, Shared).ToJson();

    /// <summary>Whether the nupkg's nuspec declares the FarosPlugin package type.</summary>
    public static bool IsPlugin(byte[] nupkg)
    {
        try
        {
            return SignedPackage.Read(nupkg).PackageTypes.Contains(TrustPolicy.FarosPluginPackageType, StringComparer.OrdinalIgnoreCase);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
