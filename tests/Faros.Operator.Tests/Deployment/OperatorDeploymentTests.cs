using System.Diagnostics;
using System.Reflection;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using k8s;
using k8s.Models;

namespace Faros.Operator.Tests.Deployment;

/// <summary>
/// operator/deploy as the API server judges it, and the real operator process running out of cluster with a
/// kubeconfig holding the token of the ServiceAccount that deploy/rbac.yaml defines.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class OperatorDeploymentTests
{
    private static string DeployDirectory => Path.Combine(RepositoryRoot.Find(), "operator", "deploy");

    [Test]
    public async Task The_deploy_kustomization_passes_a_server_side_dry_run()
    {
        using var client = OperatorTestEnvironment.NewClient();
        await EnsureNamespaceAsync(client, "faros-system");
        var result = await OperatorTestEnvironment.KubectlAsync("apply", "-k", DeployDirectory, "--dry-run=server");
        Assert.That(result.Succeeded, result.ToString());
        foreach (var expected in new[] { "customresourcedefinition.apiextensions.k8s.io/agents.edge.faros.sh", "clusterrole.rbac.authorization.k8s.io/faros-operator", "deployment.apps/faros-operator", "configmap/faros-trust-policy" })
        {
            Assert.That(result.StandardOutput, Does.Contain(expected).And.Contain("(server dry run)"), result.ToString());
        }
    }

    [Test]
    public void The_deployed_trust_policy_is_one_the_operator_accepts_at_start_up()
    {
        var configMap = k8s.KubernetesYaml.Deserialize<k8s.Models.V1ConfigMap>(File.ReadAllText(Path.Combine(DeployDirectory, "trust-policy.yaml")));
        using var directory = new TempDirectory("deployed-policy");
        var path = TestTrustPolicy.Write(directory.Path, configMap.Data["trust-policy.yaml"]);
        Assert.That(Faros.Operator.EdgeAgents.PluginTrust.Problems(path, null), Is.Empty);
    }

    [Test]
    public async Task The_operator_process_with_the_deployed_RBAC_provisions_a_Registration()
    {
        using var admin = OperatorTestEnvironment.NewClient();
        await EnsureNamespaceAsync(admin, "faros-system");
        var applied = await OperatorTestEnvironment.KubectlAsync("apply", "-f", Path.Combine(DeployDirectory, "rbac.yaml"));
        Assert.That(applied.Succeeded, applied.ToString());
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(admin, "deployed");
        var token = await admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { Audiences = [], ExpirationSeconds = 3600 } }, "faros-operator", "faros-system");

        using var directory = new TempDirectory("operator");
        var kubeconfig = Path.Combine(directory.Path, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: hub
              cluster:
                server: {OperatorTestEnvironment.Server.Server}
                insecure-skip-tls-verify: true
            users:
            - name: faros-operator
              user:
                token: {token.Status.Token}
            contexts:
            - name: hub
              context:
                cluster: hub
                user: faros-operator
            current-context: hub
            """);

        var output = new CapturedOutput();
        var startInfo = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = directory.Path };
        DotnetHost.Sanitize(startInfo);
        foreach (var argument in new[]
        {
            OperatorDll(), "--kubeconfig", kubeconfig, "--Operator:RegistryUrl", "http://127.0.0.1:9/v3/index.json",
            "--Operator:Namespace", ns, "--Operator:LeaseNamespace", ns, "--Operator:RetryPeriodSeconds", "0.5",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = ChildProcess.Start(startInfo, output);
        try
        {
            var registrations = new ResourceClient<Registration>(admin);
            await registrations.CreateAsync(new Registration { Metadata = new V1ObjectMeta { Name = "device-9", NamespaceProperty = ns }, Spec = new RegistrationSpec { AgentName = "device-9" } });
            var ready = await Eventually.GetAsync(() => registrations.GetAsync(ns, "device-9"),
                r => r.Status.IsConditionTrue(RegistrationConditions.Ready) || process.HasExited, TimeSpan.FromSeconds(60), "Registration Ready");
            Assert.That(ready.Status.IsConditionTrue(RegistrationConditions.Ready), output.ToString());
            var lease = await admin.CoordinationV1.ReadNamespacedLeaseAsync("faros-operator", ns);
            Assert.That(lease.Spec.HolderIdentity, Is.Not.Empty, "the process leads through the Lease");
        }
        finally
        {
            await ChildProcess.StopAsync(process, TimeSpan.FromSeconds(10));
        }
    }

    private static async Task EnsureNamespaceAsync(IKubernetes client, string name)
    {
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        }
        catch (k8s.Autorest.HttpOperationException exists) when (exists.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }
    }

    private static string OperatorDll()
    {
        var configuration = typeof(OperatorDeploymentTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var path = Path.Combine(RepositoryRoot.Find(), "operator", "Faros.Operator", "bin", configuration, "net10.0", "Faros.Operator.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the operator first: dotnet build operator/Faros.Operator -c {configuration}", path);
    }
}
