namespace Faros.Signing.Policy;

// The serialized shape of a trust policy: either the bare spec ({rules: [...]}) or a whole TrustPolicy resource
// (apiVersion plugins.faros.sh/v1alpha1, kind TrustPolicy, metadata, spec). Mutable because YamlDotNet fills it.
internal sealed class TrustPolicyDocument
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public Dictionary<string, object>? Metadata { get; set; }

    public TrustPolicySpecDocument? Spec { get; set; }

    public List<TrustRuleDocument>? Rules { get; set; }

    public Dictionary<string, object>? Status { get; set; }
}

internal sealed class TrustPolicySpecDocument
{
    public List<TrustRuleDocument>? Rules { get; set; }
}

internal sealed class TrustRuleDocument
{
    public List<string>? Packages { get; set; }

    public string? Mode { get; set; }

    public List<string>? SignatureKinds { get; set; }

    public List<AllowedSignerDocument>? Signers { get; set; }
}

internal sealed class AllowedSignerDocument
{
    public string? CertificateFingerprint { get; set; }

    public string? PublicKey { get; set; }

    public SigstoreIdentityDocument? Sigstore { get; set; }
}

internal sealed class SigstoreIdentityDocument
{
    public string? Issuer { get; set; }

    public string? Subject { get; set; }

    public string? SubjectRegex { get; set; }
}
