using System.ComponentModel.DataAnnotations;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Trust;

namespace Faros.Registry.Signing;

/// <summary>
/// The "Signing" section: the trust policy every push is checked against (the same document the operator and the agent
/// read). Without <see cref="TrustPolicyPath"/> the policy's built-in default applies: FarosPlugin packages must be
/// signed by an allowed signer (there is none, so they are refused) and other packages are not checked.
/// Example: Signing:TrustPolicyPath=/etc/faros/trust-policy.yaml, Signing:TrustedRootPath=/etc/faros/trusted_root.json.
/// </summary>
public sealed class PublisherTrustOptions : IValidatableObject
{
    public const string Section = "Signing";

    /// <summary>A trust policy document, YAML or JSON (bare rules or a TrustPolicy resource).</summary>
    public string? TrustPolicyPath { get; set; }

    /// <summary>A Sigstore trusted_root.json, needed to verify keyless bundles (Fulcio certificates, Rekor entries).</summary>
    public string? TrustedRootPath { get; set; }

    /// <summary>The largest Sigstore bundle accepted, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBundleSizeBytes { get; set; } = 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = new List<ValidationResult>();
        if (!string.IsNullOrWhiteSpace(TrustPolicyPath))
        {
            try
            {
                TrustPolicy.Load(TrustPolicyPath);
            }
            catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
            {
                errors.Add(new ValidationResult(
                    $"Signing:TrustPolicyPath '{TrustPolicyPath}' is not a usable trust policy: {exception.Message} Fix the file (see docs/signing.md), or unset the setting to use the default policy."));
            }
        }

        if (!string.IsNullOrWhiteSpace(TrustedRootPath))
        {
            try
            {
                TrustedRoot.Load(TrustedRootPath);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                errors.Add(new ValidationResult(
                    $"Signing:TrustedRootPath '{TrustedRootPath}' is not a readable Sigstore trusted_root.json: {exception.Message}"));
            }
        }

        return errors;
    }
}
