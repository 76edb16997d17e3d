using System.Security.Cryptography.X509Certificates;

namespace Faros.Signing.NuGetSignatures;

/// <summary>
/// What a <see cref="NuGetSignatureVerifier"/> accepts: the root certificates a signing chain must end in (the only
/// anchors; the machine's trust store is never consulted, so an untrusted root is never allowed), and the signers.
/// A package is verified when its author signature or its repository signature (primary or countersignature)
/// is accepted by one of the <see cref="Signers"/>.
/// </summary>
public sealed record NuGetTrust(IReadOnlyList<X509Certificate2> Roots, IReadOnlyList<NuGetTrustedSigner> Signers);
