using Faros.Signing.Policy;
using Microsoft.Extensions.Options;

namespace Faros.Registry.Signing;

/// <summary>
/// The registry's enforcement point of the trust policy: evaluates what a publisher sent (the nupkg as uploaded, before
/// the registry countersigns it, and the Sigstore bundle sent with it), so that the registry's own repository signature
/// can never count as the author's.
/// </summary>
public sealed class PublisherTrust
{
    private readonly TrustPolicyEvaluator _evaluator;
    private readonly TrustPolicy _policy;

    public PublisherTrust(IOptions<PublisherTrustOptions> options)
    {
        var settings = options.Value;
        // The policy is loaded once more for RuleFor, which lets an 'off' package skip reading its bytes.
        _policy = string.IsNullOrWhiteSpace(settings.TrustPolicyPath) ? TrustPolicy.Empty : TrustPolicy.Load(settings.TrustPolicyPath);
        _evaluator = TrustPolicyEvaluator.Load(settings.TrustPolicyPath, settings.TrustedRootPath);
        MaxBundleSizeBytes = settings.MaxBundleSizeBytes;
    }

    public int MaxBundleSizeBytes { get; }

    /// <summary>
    /// The policy's verdict on a package file and its optional Sigstore bundle. A package whose rule is off (most
    /// non-plugin packages) is not read into memory: there is nothing to verify.
    /// </summary>
    public async Task<TrustVerdict> EvaluateAsync(
        string packagePath, string id, IReadOnlyList<string> packageTypes, byte[]? sigstoreBundle, CancellationToken cancellationToken)
    {
        if (_policy.RuleFor(id, packageTypes) is { Mode: PolicyMode.Off } off)
        {
            return new TrustVerdict(TrustDecision.Allowed, null, null, $"{id}: signatures are not checked ({off.Describe()}).");
        }

        var nupkg = await File.ReadAllBytesAsync(packagePath, cancellationToken);
        return Evaluate(nupkg, sigstoreBundle);
    }

    /// <exception cref="InvalidDataException">The bytes are not a readable nupkg (validation normally caught this earlier).</exception>
    public TrustVerdict Evaluate(byte[] nupkg, byte[]? sigstoreBundle) =>
        _evaluator.Evaluate(SignedPackage.Read(nupkg, sigstoreBundle is null ? (ReadOnlyMemory<byte>?)null : sigstoreBundle));

    /// <summary>The sentence a refused publisher reads: the verdict, then how to fix it.</summary>
    public static string Refusal(TrustVerdict verdict) =>
        $"{verdict.Message} ({verdict.Reason}) " + (verdict.IsSignerRejected
            ? "Sign it with a key or certificate the registry's trust policy allows for this id, or ask the registry's administrator to add your signer to Signing:TrustPolicyPath."
            : "Sign it with 'kubectl faros plugins publish' (a Sigstore bundle sent with the push as a .sigstore.json part), or with 'dotnet nuget sign' and a trusted certificate.");
}
