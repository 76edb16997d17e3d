using System.Net;
using System.Text;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Api.Plugins;
using Faros.Operator.Registrations;
using Faros.Operator.Tests.EdgeAgents;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Faros.Operator.Tests.Registrations;

/// <summary>
/// A Registration gives a device exactly the access its Role describes, proven with the device's own token
/// against the real API server, and deleting it takes everything away again.
/// </summary>
[TestFixture]
public sealed class RegistrationReconcilerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task The_device_token_can_do_what_the_Role_allows_and_nothing_more_until_the_Registration_is_deleted()
    {
        using var admin = OperatorTestEnvironment.NewClient();
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(admin, "registration");
        // No registry is needed here; the edge Agent controller simply reports it unavailable.
        await using var operatorHost = await OperatorUnderTest.StartAsync(ns, new Uri("http://127.0.0.1:9/v3/index.json"), null, "--Operator:RegistrationResyncSeconds", "600");
        var agents = new ResourceClient<EdgeAgent>(admin);
        var networks = new ResourceClient<Network>(admin);
        var registrations = new ResourceClient<Registration>(admin);
        foreach (var name in new[] { "wg0", "other", "extra" })
        {
            await networks.CreateAsync(new Network { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Spec = new NetworkSpec { Type = "wireguard" } });
        }

        await agents.CreateAsync(NewAgent(ns, "device-1", "wg0"));
        await agents.CreateAsync(NewAgent(ns, "device-2", "other"));
        await registrations.CreateAsync(new Registration { Metadata = new V1ObjectMeta { Name = "device-1", NamespaceProperty = ns }, Spec = new RegistrationSpec { AgentName = "device-1" } });

        var registration = await Eventually.GetAsync(() => registrations.GetAsync(ns, "device-1"),
            r => r.Status.IsConditionTrue(RegistrationConditions.Ready), Patience, "Registration Ready");
        Assert.Multiple(() =>
        {
            Assert.That(registration.Metadata.Finalizers, Does.Contain(RegistrationReconciler.Finalizer));
            Assert.That(registration.Status.Server, Is.EqualTo(OperatorTestEnvironment.Server.Server.AbsoluteUri.TrimEnd('/')));
            Assert.That(registration.Status.ServiceAccountName, Is.EqualTo("faros-agent-device-1"));
            Assert.That(registration.Status.TokenSecretName, Is.EqualTo("faros-agent-device-1-token"));
        });

        var secret = await admin.CoreV1.ReadNamespacedSecretAsync(registration.Status.TokenSecretName, ns);
        Assert.That(secret.Type, Is.EqualTo("kubernetes.io/service-account-token"));
        var token = Encoding.UTF8.GetString(secret.Data["token"]);
        using var device = new Kubernetes(new KubernetesClientConfiguration { Host = registration.Status.Server, AccessToken = token, SkipTlsVerify = true });
        var deviceAgents = new ResourceClient<EdgeAgent>(device);
        var deviceNetworks = new ResourceClient<Network>(device);

        // Allowed: its own Agent (read, list by name, status), its Lease, the Network its plugin references.
        var own = await deviceAgents.GetAsync(ns, "device-1");
        var byName = await device.CustomObjects.ListNamespacedCustomObjectAsync<CustomResourceList<EdgeAgent>>("edge.faros.sh", "v1alpha1", ns, "agents", fieldSelector: "metadata.name=device-1");
        Assert.That(byName.Items.Single().Metadata.Name, Is.EqualTo("device-1"));
        own.Status.LastHeartbeat = DateTime.UtcNow.AddTicks(-(DateTime.UtcNow.Ticks % TimeSpan.TicksPerSecond));
        await deviceAgents.ReplaceStatusAsync(own);
        var lease = await device.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "device-1" },
            Spec = new V1LeaseSpec { HolderIdentity = "device-1", LeaseDurationSeconds = 40, RenewTime = DateTime.UtcNow },
        }, ns);
        lease.Spec.RenewTime = DateTime.UtcNow;
        await device.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "device-1", ns);
        Assert.That((await deviceNetworks.GetAsync(ns, "wg0")).Spec.Type, Is.EqualTo("wireguard"));

        // Denied: other agents, listing everything, other plugin resources, secrets.
        await ForbiddenAsync(() => deviceAgents.GetAsync(ns, "device-2"));
        await ForbiddenAsync(() => deviceAgents.ListAsync(ns));
        await ForbiddenAsync(() => deviceNetworks.GetAsync(ns, "other"));
        await ForbiddenAsync(() => device.CoreV1.ListNamespacedSecretAsync(ns));
        await ForbiddenAsync(() => device.CoordinationV1.ReadNamespacedLeaseAsync("faros-operator", ns));

        // kubectl, the real client, agrees.
        Assert.Multiple(async () =>
        {
            Assert.That(await CanIAsync(token, ns, "get", "agents.edge.faros.sh/device-1"), Is.EqualTo("yes"));
            Assert.That(await CanIAsync(token, ns, "patch", "agents.edge.faros.sh/device-1", "--subresource", "status"), Is.EqualTo("yes"));
            Assert.That(await CanIAsync(token, ns, "delete", "agents.edge.faros.sh/device-1"), Is.EqualTo("no"));
            Assert.That(await CanIAsync(token, ns, "get", "secrets"), Is.EqualTo("no"));
        });

        // A plugin resource referenced later becomes readable at once: the Agent's change queues its Registration (resync is 600 s).
        await agents.MergePatchAsync(ns, "device-1", """{"spec":{"plugins":[{"name":"vpn","configRef":{"kind":"Network","name":"wg0"}},{"name":"vpn2","configRef":{"kind":"Network","name":"extra"}}]}}""");
        await Eventually.GetAsync(async () => await TryAsync(() => deviceNetworks.GetAsync(ns, "extra")), ok => ok, Patience, "access to the newly referenced Network");

        // Deleting the Registration removes the identity, so the token stops working.
        await registrations.DeleteAsync(ns, "device-1");
        await Eventually.GetAsync(() => registrations.FindAsync(ns, "device-1"), r => r is null, Patience, "Registration gone after its finalizer ran");
        Assert.Multiple(async () =>
        {
            Assert.That(await TryAsync(() => admin.CoreV1.ReadNamespacedServiceAccountAsync("faros-agent-device-1", ns)), Is.False, "ServiceAccount left behind");
            Assert.That(await TryAsync(() => admin.CoreV1.ReadNamespacedSecretAsync("faros-agent-device-1-token", ns)), Is.False, "Secret left behind");
            Assert.That(await TryAsync(() => admin.RbacAuthorizationV1.ReadNamespacedRoleAsync("faros-agent-device-1", ns)), Is.False, "Role left behind");
            Assert.That(await TryAsync(() => admin.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("faros-agent-device-1", ns)), Is.False, "RoleBinding left behind");
        });
        // Its Role is gone at once (403); the token itself is bound to the deleted Secret, so authentication fails too (401).
        await ForbiddenAsync(() => deviceAgents.GetAsync(ns, "device-1"));
        await Eventually.GetAsync(() => StatusOfAsync(() => deviceAgents.GetAsync(ns, "device-1")), code => code == HttpStatusCode.Unauthorized, Patience, "the token rejected as unauthenticated");
    }

    private static EdgeAgent NewAgent(string ns, string name, string network) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new EdgeAgentSpec { Plugins = [new PluginReference { Name = "vpn", ConfigRef = new PluginConfigReference { Kind = "Network", Name = network } }] },
    };

    private static async Task ForbiddenAsync<T>(Func<Task<T>> call)
    {
        var denied = Assert.ThrowsAsync<HttpOperationException>(async () => await call());
        Assert.That(denied!.Response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), denied.Response.Content);
    }

    private static async Task<HttpStatusCode> StatusOfAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return HttpStatusCode.OK;
        }
        catch (HttpOperationException failed)
        {
            return failed.Response.StatusCode;
        }
    }

    private static async Task<bool> TryAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (HttpOperationException failed) when (failed.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return false;
        }
    }

    private static async Task<string> CanIAsync(string token, string ns, params string[] request)
    {
        var result = await OperatorTestEnvironment.KubectlAsync(["--token", token, "-n", ns, "auth", "can-i", .. request]);
        return result.StandardOutput.Trim();
    }
}
