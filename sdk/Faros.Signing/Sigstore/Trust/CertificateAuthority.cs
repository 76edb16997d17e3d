using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;

namespace Faros.Signing.Sigstore.Trust;

/// <summary>A Fulcio CA or a timestamp authority from the trusted root: its chain (issuing certificate first, root last).</summary>
internal sealed record CertificateAuthority(ImmutableArray<X509Certificate2> Chain, TimeRange ValidFor)
{
    public X509Certificate2 Root => Chain[^1];
}
