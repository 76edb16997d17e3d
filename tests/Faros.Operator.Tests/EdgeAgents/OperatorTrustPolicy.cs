using Faros.Signing.Sigstore.Keys;

namespace Faros.Operator.Tests.EdgeAgents;

/// <summary>
/// The trust policy operators under test load (--trust-policy): plugins pushed by the fixtures are signed with
/// <see cref="TestPublisherKey"/>, which it allows for every id — except Contoso.Untrusted (required from another
/// key) and Contoso.Lenient* (checked against another key in warn mode).
/// </summary>
internal static class OperatorTrustPolicy
{
    private static readonly Lazy<SigstoreKeyPair> OtherKey = new(SigstoreKeyPair.Generate);
    private static readonly Lazy<string> File = new(() => TestTrustPolicy.Write(
        Path.Combine(Path.GetTempPath(), "faros-operator-tests-" + System.Environment.ProcessId),
        TestTrustPolicy.Document(
            TestTrustPolicy.Rule("[\"Contoso.Untrusted\"]", "require", TestTrustPolicy.PublicKeySigner(OtherKey.Value.PublicKeyPem)),
            TestTrustPolicy.Rule("[\"Contoso.Lenient*\"]", "warn", TestTrustPolicy.PublicKeySigner(OtherKey.Value.PublicKeyPem)),
            TestTrustPolicy.Rule("[\"*\"]", "require", TestTrustPolicy.PublicKeySigner(TestPublisherKey.Shared.PublicKeyPem)))));

    /// <summary>Path of the policy file, written once per test process.</summary>
    public static string FilePath => File.Value;
}
