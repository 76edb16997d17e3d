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
    public void A_missing_kubeconfig_is_named()
    {
        var host = OperatorHost.Build(["--kubeconfig", "/nonexistent/kubeconfig", "--Operator:LeaderElection", "false"]);
        var failure = Assert.Throws<InvalidOperationException>(() => host.Services.GetService(typeof(k8s.IKubernetes)));
        Assert.That(failure!.Message, Does.Contain("/nonexistent/kubeconfig"));
        host.Dispose();
    }
}
