using System.Net;
using System.Text;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Api.Plugins;
using Faros.Operator.Tests.EdgeAgents;
using Faros.Operator.TrustPolicies;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Faros.Operator.Tests.Registrations;

/// <summary>
/// A Registration lets its device read the cluster TrustPolicy the operator enforces — that one, by name, with get,
/// list and watch as the agent sends them — proven with the device's own token; deleting the Registration deletes the
/// cluster-scoped binding.
/// </summary>
[TestFixture]
public sealed class TrustPolicyAccessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task The_device_token_reads_and_watches_the_enforced_TrustPolicy_only_until_the_Registration_is_deleted()
    {
        using var admin = OperatorTestEnvironment.NewClient();
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(admin, "policy-access");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (enforced, other) = ($"enforced-{suffix}", $"other-{suffix}");
        foreach (var name in new[] { enforced, other })
        {
            await admin.CustomObjects.CreateClusterCustomObjectAsync(TestTrustPolicyResource.Of(name, TestTrustPolicy.WarnTrustingTestKey), "plugins.faros.sh", "v1alpha1", "trustpolicies");
        }

        await using var operatorHost = await OperatorUnderTest.StartAsync(ns, new Uri("http://127.0.0.1:9/v3/index.json"), null, "--trust-policy-resource", enforced);
        var registrations = new ResourceClient<Registration>(admin);
        await registrations.CreateAsync(new Registration { Metadata = new V1ObjectMeta { Name = "device-1", NamespaceProperty = ns }, Spec = new RegistrationSpec { AgentName = "device-1" } });
        var registration = await Eventually.GetAsync(() => registrations.GetAsync(ns, "device-1"),
            r => r.Status.IsConditionTrue(RegistrationConditions.Ready), Patience, "Registration Ready");
        var token = Encoding.UTF8.GetString((await admin.CoreV1.ReadNamespacedSecretAsync(registration.Status.TokenSecretName, ns)).Data["token"]);
        using var device = new Kubernetes(new KubernetesClientConfiguration { Host = registration.Status.Server, AccessToken = token, SkipTlsVerify = true });
        var policies = new ResourceClient<TrustPolicyResource>(device);
        var byName = $"metadata.name={enforced}";

        var read = await device.CustomObjects.GetClusterCustomObjectAsync<TrustPolicyResource>("plugins.faros.sh", "v1alpha1", "trustpolicies", enforced);
        var listed = await policies.ListPageAsync(null, 10, null, fieldSelector: byName);
        Exception? watchError = null;
        using var stop = new CancellationTokenSource(Patience);
        var watched = Task.Run(async () =>
        {
            await foreach (var (type, policy) in policies.WatchAsync(null, listed.Metadata.ResourceVersion, 20, e => watchError ??= e, stop.Token, byName))
            {
                return (type, policy.Metadata.Name);
            }

            return default;
        });
        await Task.Delay(300);
        await admin.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch("""{"metadata":{"labels":{"edited":"yes"}}}""", V1Patch.PatchType.MergePatch), "plugins.faros.sh", "v1alpha1", "trustpolicies", enforced);
        var seen = await watched;

        Assert.Multiple(() =>
        {
            Assert.That(read.Metadata.Name, Is.EqualTo(enforced));
            Assert.That(listed.Items.Select(p => p.Metadata.Name), Is.EqualTo(new[] { enforced }));
            Assert.That(watchError, Is.Null, "the watch by name is authorized");
            Assert.That(seen, Is.EqualTo((WatchEventType.Modified, enforced)), "the watch delivers the edit");
        });
        await ForbiddenAsync(() => device.CustomObjects.GetClusterCustomObjectAsync<TrustPolicyResource>("plugins.faros.sh", "v1alpha1", "trustpolicies", other));
        await ForbiddenAsync(() => policies.ListAsync(null));
        await ForbiddenAsync(() => device.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), "plugins.faros.sh", "v1alpha1", "trustpolicies", enforced));

        await registrations.DeleteAsync(ns, "device-1");
        await Eventually.GetAsync(() => registrations.FindAsync(ns, "device-1"), r => r is null, Patience, "Registration gone after its finalizer ran");
        var bindings = await admin.RbacAuthorizationV1.ListClusterRoleBindingAsync();
        Assert.That(bindings.Items.Select(b => b.Metadata.Name), Does.Not.Contain(TrustPolicyReaders.BindingName(ns, "faros-agent-device-1")), "the cluster-scoped binding is deleted by the finalizer");
    }

    private static async Task ForbiddenAsync<T>(Func<Task<T>> call)
    {
        var denied = Assert.ThrowsAsync<HttpOperationException>(async () => await call());
        Assert.That(denied!.Response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), denied.Response.Content);
    }
}
