using k8s;
using k8s.Models;

namespace Faros.Operator.Tests.Environment;

/// <summary>
/// The test environment itself: a real kube-apiserver with RBAC that both the real kubectl and KubernetesClient
/// reach through one kubeconfig. Everything the operator tests do rests on this.
/// </summary>
[TestFixture]
public sealed class KubernetesApiServerTests
{
    private static KubernetesApiServer Server => OperatorTestEnvironment.Server;

    [Test]
    public async Task Kubectl_and_KubernetesClient_share_one_kubeconfig()
    {
        var name = "faros-env-" + Guid.NewGuid().ToString("N")[..8];
        var created = await KubectlAsync("create", "configmap", name, "--from-literal=greeting=hello");
        Assert.That(created.Succeeded, created.ToString());

        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath));
        var configMap = await client.CoreV1.ReadNamespacedConfigMapAsync(name, "default");
        Assert.That(configMap.Data["greeting"], Is.EqualTo("hello"));

        await client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"data\":{\"greeting\":\"hi\"}}", V1Patch.PatchType.MergePatch), name, "default");
        var read = await KubectlAsync("get", "configmap", name, "-o", "jsonpath={.data.greeting}");
        Assert.That(read.StandardOutput.Trim(), Is.EqualTo("hi"), read.ToString());
    }

    [Test]
    public async Task Rbac_is_enforced_for_a_service_account_token()
    {
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath));
        var ns = "faros-rbac-" + Guid.NewGuid().ToString("N")[..8];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "device" } }, ns);

        // Token Secrets of service accounts are filled by the token controller, which lives in kube-controller-manager;
        // a TokenRequest is served by the API server alone and proves the service-account key pair works.
        var token = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { Audiences = ["https://kubernetes.default.svc"] } }, "device", ns);
        var denied = await KubectlAsync("--token", token.Status.Token, "-n", ns, "get", "configmaps");
        Assert.That(denied.Succeeded, Is.False, denied.ToString());
        Assert.That(denied.StandardError, Does.Contain("forbidden"));

        var allowed = await KubectlAsync("--token", token.Status.Token, "-n", ns, "auth", "can-i", "get", "configmaps");
        Assert.That(allowed.StandardOutput.Trim(), Is.EqualTo("no"));
    }

    private static Task<ProcessResult> KubectlAsync(params string[] arguments) => OperatorTestEnvironment.KubectlAsync(arguments);
}
