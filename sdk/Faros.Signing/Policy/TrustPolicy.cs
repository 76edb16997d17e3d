using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Faros.Signing.Policy;

/// <summary>
/// Which signers are trusted for which packages. One document format — YAML or JSON, either the bare spec or a
/// <c>TrustPolicy</c> resource of group plugins.faros.sh — read the same way by the registry, the operator and the
/// agent. Rules apply in document order: the first whose package pattern matches the id decides. A package no rule
/// names is required to be signed when it is a FarosPlugin (with no signer allowed, so it is denied), and unchecked
/// otherwise.
/// </summary>
public sealed record TrustPolicy
{
    public const string ApiVersion = "plugins.faros.sh/v1alpha1";
    public const string ResourceKind = "TrustPolicy";
    public const string FarosPluginPackageType = "FarosPlugin";

    private static readonly ImmutableArray<string> AllKinds = [SignatureKinds.Sigstore, SignatureKinds.NuGet];

    public required ImmutableArray<TrustRule> Rules { get; init; }

    /// <summary>The empty policy: every FarosPlugin package is denied, everything else unchecked.</summary>
    public static TrustPolicy Empty { get; } = new() { Rules = [] };

    public static TrustPolicy Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"Trust policy '{path}': {e.Message}", e);
        }
    }

    /// <summary>Reads a policy from YAML or JSON text.</summary>
    /// <exception cref="FormatException">The text is not a valid trust policy; the message names the field and the fix.</exception>
    public static TrustPolicy Parse(string text)
    {
        TrustPolicyDocument? document;
        try
        {
            document = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build()
                .Deserialize<TrustPolicyDocument>(text);
        }
        catch (YamlException e)
        {
            throw new FormatException($"line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}", e);
        }

        if (document is null)
        {
            throw new FormatException("The trust policy is empty; it needs 'rules' (or a TrustPolicy resource with 'spec.rules').");
        }

        if (document.Kind is not null && document.Kind != ResourceKind)
        {
            throw new FormatException($"kind is '{document.Kind}', expected '{ResourceKind}'.");
        }

        var rules = document.Spec?.Rules ?? document.Rules
            ?? throw new FormatException("The trust policy has no 'rules' (or 'spec.rules' in a TrustPolicy resource).");
        return new TrustPolicy { Rules = [.. rules.Select((rule, index) => ReadRule(rule, $"rules[{index}]"))] };
    }

    /// <summary>The rule that decides for a package: the first matching one, or the default for its package types.</summary>
    public TrustRule RuleFor(string packageId, IReadOnlyList<string> packageTypes) =>
        Rules.FirstOrDefault(rule => rule.Matches(packageId))
        ?? new TrustRule
        {
            Packages = [new PackageIdPattern("*")],
            Mode = packageTypes.Contains(FarosPluginPackageType, StringComparer.OrdinalIgnoreCase) ? PolicyMode.Require : PolicyMode.Off,
            SignatureKinds = [],
            Signers = [],
        };

    private static TrustRule ReadRule(TrustRuleDocument rule, string path)
    {
        if (rule.Packages is not { Count: > 0 })
        {
            throw new FormatException($"{path}.packages is missing: list the package-id patterns the rule applies to, e.g. ['Contoso.*'].");
        }

        var mode = rule.Mode?.ToLowerInvariant() switch
        {
            "require" or null => PolicyMode.Require,
            "warn" => PolicyMode.Warn,
            "off" => PolicyMode.Off,
            _ => throw new FormatException($"{path}.mode is '{rule.Mode}'; use require, warn or off."),
        };

        ImmutableArray<string> kinds = rule.SignatureKinds is { } listed ? [.. listed] : [];
        foreach (var kind in kinds.Where(kind => !AllKinds.Contains(kind)))
        {
            throw new FormatException($"{path}.signatureKinds has '{kind}'; the kinds are {string.Join(" and ", AllKinds)}.");
        }

        var signers = (rule.Signers ?? []).Select((signer, index) => ReadSigner(signer, $"{path}.signers[{index}]")).ToImmutableArray();
        if (mode != PolicyMode.Off && signers.IsEmpty)
        {
            throw new FormatException(
                $"{path} ({mode.ToString().ToLowerInvariant()}) lists no signers: add certificateFingerprint, publicKey or sigstore entries under 'signers', or set mode: off.");
        }

        try
        {
            return new TrustRule
            {
                Packages = [.. rule.Packages.Select(pattern => new PackageIdPattern(pattern))],
                Mode = mode,
                SignatureKinds = kinds,
                Signers = signers,
            };
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}.packages: {e.Message}", e);
        }
    }

    private static AllowedSigner ReadSigner(AllowedSignerDocument signer, string path)
    {
        var given = new object?[] { signer.CertificateFingerprint, signer.PublicKey, signer.Sigstore }.Count(value => value is not null);
        if (given != 1)
        {
            throw new FormatException($"{path} needs exactly one of certificateFingerprint, publicKey or sigstore.");
        }

        try
        {
            return signer switch
            {
                { CertificateFingerprint: { } fingerprint } => new CertificateFingerprintSigner(fingerprint),
                { PublicKey: { } pem } => PublicKeySigner.FromPem(pem),
                _ => new SigstoreIdentitySigner(signer.Sigstore!.Issuer ?? "", signer.Sigstore.Subject, signer.Sigstore.SubjectRegex),
            };
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }
}
