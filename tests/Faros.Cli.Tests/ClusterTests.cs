using System.Text;
using Faros.Api.Core;
using Faros.Api.Kubernetes;
using Faros.Cli.Tests.Environment;
using k8s;
using k8s.Models;

namespace Faros.Cli.Tests;

/// <summary>`kubectl faros clusters init|list|delete`; the operator's part is played by <see cref="OperatorStandIn"/>, and the test API server doubles as the target cluster.</summary>
[TestFixture]
public sealed class ClusterTests : FarosApiTestBase
{
    [Test]
    public async Task Init_prints_a_manifest_that_applies_on_the_target_while_it_waits_for_ready()
    {
        // Piped straight into `kubectl apply -f -`: the apply finishes (stdout closed) while init still waits for Ready.
        var pipeline = sandbox.RunAsync("bash", ["-c", $"set -o pipefail; kubectl faros clusters init edge-1 -n {ns} --display-name 'Edge one' --timeout 60s | kubectl apply -f -"], FarosTool.Directory);
        await Operator.InitializeClusterAsync(ns, "edge-1", "cluster-jwt-123");
        V1Secret applied;
        try
        {
            applied = await OperatorStandIn.EventuallyAsync(async () =>
            {
                var secrets = await admin.Client.CoreV1.ListNamespacedSecretAsync("faros-system", fieldSelector: "metadata.name=faros-cluster-agent");
                return secrets.Items.SingleOrDefault();
            }, "the agent Secret applied on the target cluster");
        }
        catch (TimeoutException timeout)
        {
            Assert.Fail($"{timeout.Message}{System.Environment.NewLine}{await pipeline}");
            throw;
        }

        await Operator.MarkClusterReadyAsync(ns, "edge-1");
        var result = await pipeline;
        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.StandardError, Does.Contain($"Waiting for cluster {ns}/edge-1 to be Ready").And.Contain("is Ready"));
        Assert.That(result.StandardOutput, Does.Contain("deployment.apps/faros-cluster-agent created"));

        var hubKubeconfig = Encoding.UTF8.GetString(applied.Data["kubeconfig"]);
        Assert.That(hubKubeconfig, Does.Contain("token: cluster-jwt-123").And.Contain("server: " + admin.Hub.Server.ToString().TrimEnd('/')).And.Contain("namespace: " + ns));
        Assert.That(Encoding.UTF8.GetString(applied.Data["cluster"]), Is.EqualTo("edge-1"));
        var deployment = await admin.Client.AppsV1.ReadNamespacedDeploymentAsync("faros-cluster-agent", "faros-system");
        Assert.That(deployment.Spec.Template.Spec.Containers[0].Args, Does.Contain("edge-1"));

        var list = await sandbox.FarosAsync("clusters", "list", "-n", ns);
        var lines = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Match(@"^NAME\s+DISPLAY NAME\s+PHASE\s+AGENT\s+HEARTBEAT\s+AGE$"));
        Assert.That(lines[1], Does.Match(@"^edge-1\s+Edge one\s+Ready\s+edge-1\s+\d+s ago\s+\d+s$"));
    }

    [Test]
    public async Task Init_no_wait_prints_a_hub_kubeconfig_for_the_given_hub_server_and_a_heartbeat_for_the_given_timeout()
    {
        var init = sandbox.FarosAsync("clusters", "init", "edge-5", "-n", ns, "--hub-server", "https://hub.example.com:6443", "--heartbeat-timeout", "30s", "--no-wait", "--timeout", "60s");
        await Operator.InitializeClusterAsync(ns, "edge-5", "cluster-jwt-5");
        var result = await init;
        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("server: https://hub.example.com:6443").And.Contain("token: cluster-jwt-5"));
        Assert.That(result.StandardOutput, Does.Contain("00:00:10"), "the agent heartbeats every third of the 30 s timeout");
        Assert.That((await new ResourceClient<Cluster>(admin.Client).GetAsync(ns, "edge-5")).Spec.HeartbeatTimeoutSeconds, Is.EqualTo(30));

        var bad = await sandbox.FarosAsync("clusters", "init", "edge-6", "-n", ns, "--hub-server", "hub:6443", "--heartbeat-timeout", "5s");
        Assert.That(bad.ExitCode, Is.EqualTo(2), bad.ToString());
        Assert.That(bad.StandardError, Does.Contain("is not an absolute http(s) URL").And.Contain("at least 10s"));
    }

    [Test]
    public async Task Init_without_an_operator_times_out_with_exit_4_and_prints_no_manifest()
    {
        var result = await sandbox.FarosAsync("clusters", "init", "edge-2", "-n", ns, "--timeout", "2s");
        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(result.StandardError, Does.Contain("Timed out after 2s waiting for cluster " + ns + "/edge-2 to get its agent token"));
    }

    [Test]
    public async Task Init_fails_with_the_operators_reason_when_the_cluster_fails()
    {
        var init = sandbox.FarosAsync("clusters", "init", "edge-3", "-n", ns, "--timeout", "60s");
        var clusters = new ResourceClient<Cluster>(admin.Client);
        var cluster = await OperatorStandIn.EventuallyAsync(() => clusters.FindAsync(ns, "edge-3"), "cluster edge-3");
        cluster.Status.Phase = ClusterPhases.Failed;
        cluster.Status.SetCondition("Ready", false, "TokenSigningFailed", "no signing key configured", cluster.Metadata.Generation, DateTimeOffset.UtcNow);
        await clusters.ReplaceStatusAsync(cluster);
        var result = await init;
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.Contain("TokenSigningFailed: no signing key configured"));
    }

    [Test]
    public async Task Delete_removes_the_cluster_and_a_missing_one_exits_3()
    {
        var init = await sandbox.FarosAsync("clusters", "init", "edge-4", "-n", ns, "--timeout", "1s");
        Assert.That(init.ExitCode, Is.EqualTo(4), "no operator: the Cluster exists, Pending");
        var list = await sandbox.FarosAsync("clusters", "list", "-n", ns, "-o", "json");
        Assert.That(list.StandardOutput, Does.Contain("\"name\": \"edge-4\""));

        var delete = await sandbox.KubectlFarosAsync("clusters", "delete", "edge-4", "-n", ns, "--wait", "--timeout", "30s");
        Assert.That(delete.Succeeded, delete.ToString());
        Assert.That(await new ResourceClient<Cluster>(admin.Client).FindAsync(ns, "edge-4"), Is.Null);
        var again = await sandbox.FarosAsync("clusters", "delete", "edge-4", "-n", ns);
        Assert.That(again.ExitCode, Is.EqualTo(3), again.ToString());
    }
}
