using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Faros.Operator.PluginCatalog;
using Faros.Signing.Policy;
using Microsoft.Extensions.Logging;

namespace Faros.Operator.EdgeAgents;

/// <summary>
/// The trust policy at resolution: downloads the pinned .nupkg (its SHA-512 must equal the registry's packageHash)
/// and the Sigstore bundle the registry serves next to it, and asks the shared <see cref="TrustPolicyEvaluator"/>.
/// Verdicts are cached by digest and policy version, so a thousand Agents referencing one plugin version verify it
/// once per policy, and a changed policy (an edited TrustPolicy resource) is applied to every package afresh.
/// </summary>
public sealed class SignatureTrustPolicy : IPluginTrustPolicy
{
    private const string BundleSuffix = ".sigstore.json";
    private readonly CurrentTrustPolicy _policy;
    private readonly HttpClient _http;
    private readonly ILogger<SignatureTrustPolicy> _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<TrustVerdict>>> _verdicts = new(StringComparer.Ordinal);
    private long _verifications;
    private string? _cachedPolicyVersion;

    public SignatureTrustPolicy(CurrentTrustPolicy policy, HttpClient http, ILogger<SignatureTrustPolicy> logger)
    {
        _policy = policy;
        _http = http;
        _logger = logger;
    }

    /// <summary>Packages downloaded and verified (cache misses).</summary>
    public long Verifications => Interlocked.Read(ref _verifications);

    public async Task<TrustVerdict> EvaluateAsync(CatalogVersion package, CancellationToken cancellationToken)
    {
        var sha512 = package.Sha512 ?? throw new ArgumentException("The package has no packageHash.", nameof(package));
        await _policy.Settled.WaitAsync(cancellationToken);
        var policy = _policy.Current;
        if (_cachedPolicyVersion != policy.Version)
        {
            // Verdicts under an older policy are never asked for again.
            _verdicts.Clear();
            _cachedPolicyVersion = policy.Version;
        }

        var key = $"{sha512} {policy.Version}";
        var verdict = _verdicts.GetOrAdd(key, _ => new Lazy<Task<TrustVerdict>>(() => VerifyAsync(package, policy, CancellationToken.None)));
        // Download failures and mismatching bytes may be transient (a registry being restored); only verdicts on the pinned bytes stick.
        if (verdict.Value.IsFaulted || verdict.Value.IsCanceled || verdict.Value is { IsCompletedSuccessfully: true, Result.Reason: SignatureFailure.DigestMismatch })
        {
            _verdicts.TryRemove(new KeyValuePair<string, Lazy<Task<TrustVerdict>>>(key, verdict));
        }

        return await verdict.Value.WaitAsync(cancellationToken);
    }

    private async Task<TrustVerdict> VerifyAsync(CatalogVersion package, TrustPolicySnapshot policy, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _verifications);
        var content = package.PackageContent ?? throw new RegistryUnavailableException($"the registry gives no download URL for {package.Id} {package.Version}.");
        byte[] nupkg;
        byte[]? bundle;
        try
        {
            nupkg = await _http.GetByteArrayAsync(content, cancellationToken);
            bundle = await DownloadBundleAsync(BundleUrl(content), cancellationToken);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
        {
            throw new RegistryUnavailableException($"Downloading {package.Id} {package.Version} or its signature from {content} failed: {failure.Message}", failure);
        }

        if (!string.Equals(Convert.ToBase64String(SHA512.HashData(nupkg)), package.Sha512, StringComparison.Ordinal))
        {
            return new TrustVerdict(TrustDecision.Denied, null, SignatureFailure.DigestMismatch,
                $"the package downloaded from {content} does not match the registry's packageHash; it was not verified.");
        }

        TrustVerdict verdict;
        try
        {
            verdict = policy.Evaluator.Evaluate(SignedPackage.Read(nupkg, bundle is null ? (ReadOnlyMemory<byte>?)null : bundle));
        }
        catch (InvalidDataException unreadable)
        {
            verdict = new TrustVerdict(TrustDecision.Denied, null, null, $"the package downloaded from {content} is unreadable: {unreadable.Message}");
        }

        _logger.LogInformation("Verified {PackageId} {Version} under {Policy}: {Decision} {Reason}, signer {Signer}", package.Id, package.Version, policy.Origin, verdict.Decision, verdict.Reason, verdict.Signer?.DisplayName);
        return verdict;
    }

    /// <summary>The registry serves a package's Sigstore bundle next to it: {id}.{version}.sigstore.json instead of .nupkg.</summary>
    internal static Uri BundleUrl(Uri packageContent)
    {
        var url = packageContent.GetLeftPart(UriPartial.Path);
        return new Uri(url.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase) ? url[..^".nupkg".Length] + BundleSuffix : url + BundleSuffix);
    }

    private async Task<byte[]?> DownloadBundleAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(url, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }
}
