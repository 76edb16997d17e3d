using Faros.Operator.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Faros.Operator.Tests.LeaderElection;

/// <summary>Bad settings stop the operator at start-up with every problem named.</summary>
[TestFixture]
public sealed class OptionsValidationTests
{
    [Test]
    public void Inconsistent_lease_timing_and_workers_fail_start_up_naming_each_setting()
    {
        using var host = OperatorHost.Build(
        [
            "--kubeconfig", OperatorTestEnvironment.Server.KubeconfigPath,
            "--Operator:Workers", "0", "--Operator:LeaseDurationSeconds", "5", "--Operator:RenewDeadlineSeconds", "10",
        ]);
        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(failure!.Message, Does.Contain("Operator:Workers").And.Contain("RenewDeadline"));
    }

    [Test]
    public void A_trust_policy_with_a_bad_rule_fails_start_up_naming_the_field()
    {
        using var directory = new TempDirectory("operator-policy");
        var policy = TestTrustPolicy.Write(directory.Path, "rules:\n  - packages: [\"Contoso.*\"]\n    mode: require\n");
        using var host = OperatorHost.Build(
        [
            "--kubeconfig", OperatorTestEnvironment.Server.KubeconfigPath, "--Operator:LeaderElection", "false",
            "--Operator:RegistryUrl", "http://127.0.0.1:9/v3/index.json", "--trust-policy", policy,
        ], OperatorControllers.Register);
        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(failure!.Message, Does.Contain(policy).And.Contain("rules[0]").And.Contain("lists no signers"));
    }

    [Test]
    public void A_missing_trust_policy_file_is_named()
    {
        using var host = OperatorHost.Build(
        [
            "--kubeconfig", OperatorTestEnvironment.Server.KubeconfigPath, "--Operator:LeaderElection", "false",
            "--Operator:RegistryUrl", "http://127.0.0.1:9/v3/index.json", "--trust-policy", "/nonexistent/policy.yaml",
        ], OperatorControllers.Register);
        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(failure!.Message, Does.Contain("/nonexistent/policy.yaml does not exist"));
    }

    [Test]
    public void A_missing_kubeconfig_is_named()
    {
        var host = OperatorHost.Build(["--kubeconfig", "/nonexistent/kubeconfig", "--Operator:LeaderElection", "false"]);
        var failure = Assert.Throws<InvalidOperationException>(() => host.Services.GetService(typeof(k8s.IKubernetes)));
        Assert.That(failure!.Message, Does.Contain("/nonexistent/kubeconfig"));
        host.Dispose();
    }
}
