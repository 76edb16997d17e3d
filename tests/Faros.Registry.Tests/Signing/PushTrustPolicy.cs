using Faros.Signing.Sigstore.Keys;

namespace Faros.Registry.Tests.Signing;

/// <summary>
/// The policy the push-enforcement tests give their registry: ids by stem (see <see cref="Id"/>) pick the rule, the
/// trusted publisher key is allowed for the require and warn rules, and every other id gets the built-in default
/// (plugins required, with no signer allowed; other packages unchecked).
/// </summary>
public sealed class PushTrustPolicy : IDisposable
{
    private readonly TempDirectory _directory = new("push-trust-policy");

    public PushTrustPolicy(params string[] extraSigners)
    {
        Path = TestTrustPolicy.Write(_directory.Path, TestTrustPolicy.Document(
            TestTrustPolicy.Rule("[\"Faros.Tests.Trusted*\"]", "require", [TestTrustPolicy.PublicKeySigner(TrustedKey.PublicKeyPem), .. extraSigners]),
            TestTrustPolicy.Rule("[\"Faros.Tests.Warned*\"]", "warn", TestTrustPolicy.PublicKeySigner(TrustedKey.PublicKeyPem)),
            TestTrustPolicy.Rule("[\"Faros.Tests.Unchecked*\"]", "off")));
    }

    /// <summary>The publisher key the require and warn rules allow.</summary>
    public SigstoreKeyPair TrustedKey { get; } = SigstoreKeyPair.Generate();

    /// <summary>A key no rule allows.</summary>
    public SigstoreKeyPair UnknownKey { get; } = SigstoreKeyPair.Generate();

    public string Path { get; }

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { [RegistryProcess.TrustPolicySetting] = Path };

    public void Dispose()
    {
        TrustedKey.Dispose();
        UnknownKey.Dispose();
        _directory.Dispose();
    }
}
