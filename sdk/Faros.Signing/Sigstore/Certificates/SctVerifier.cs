using System.Security.Cryptography.X509Certificates;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Trust;

namespace Faros.Signing.Sigstore.Certificates;

/// <summary>Requires an embedded SCT from a CT log of the trusted root that verifies over the leaf's precertificate.</summary>
internal static class SctVerifier
{
    public static void Verify(X509Certificate2 leaf, X509Certificate2 issuer, TrustedRoot root)
    {
        IReadOnlyList<EmbeddedSct> scts;
        try
        {
            scts = EmbeddedSct.ReadAll(leaf);
        }
        catch (FormatException e)
        {
            throw new SigstoreVerificationException(SignatureFailure.SctInvalid, e.Message);
        }

        if (scts.Count == 0)
        {
            throw new SigstoreVerificationException(SignatureFailure.SctInvalid,
                "The signing certificate has no embedded signed certificate timestamp (SCT); Fulcio certificates always do.");
        }

        var issuerKeyHash = EmbeddedSct.IssuerKeyHash(issuer);
        foreach (var sct in scts)
        {
            var log = root.FindCertificateTransparencyLog(sct.LogId);
            var time = DateTimeOffset.FromUnixTimeMilliseconds((long)sct.Timestamp);
            if (log is not null && log.ValidFor.Contains(time) && log.Key.Verify(sct.SignedData(leaf, issuerKeyHash), sct.Signature))
            {
                return;
            }
        }

        throw new SigstoreVerificationException(SignatureFailure.SctInvalid,
            $"None of the certificate's {scts.Count} SCT(s) verifies with a CT log key of the trusted root.");
    }
}
