using Faros.Sdk.Kubernetes;
using Faros.Sdk.Tests.Reconciliation;
using k8s;

namespace Faros.Sdk.Tests.Kubernetes;

public sealed class NamespacedKubernetesTests
{
    private const string Collection = "/apis/acme.example.com/v1alpha1/namespaces/agent-1/thermostats";
    private FakeKubernetesApi _api = null!;
    private k8s.Kubernetes _client = null!;
    private NamespacedKubernetes _scoped = null!;

    [SetUp]
    public void SetUp()
    {
        _api = new FakeKubernetesApi();
        _client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = _api.BaseAddress });
        _scoped = new NamespacedKubernetes(_client, "agent-1");
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _api.Dispose();
    }

    private static string ThermostatJson(string name, double target) =>
        $$$"""{"apiVersion":"acme.example.com/v1alpha1","kind":"Thermostat","metadata":{"name":"{{{name}}}","namespace":"agent-1","generation":3},"spec":{"targetCelsius":{{{target}}}}}""";

    [Test]
    public async Task Gets_a_resource_of_the_namespace_by_its_kind_path()
    {
        _api.Route("GET", Collection + "/living-room", 200, ThermostatJson("living-room", 21));

        var thermostat = await _scoped.GetAsync<Thermostat>("living-room", CancellationToken.None);

        Assert.That(thermostat!.Spec.TargetCelsius, Is.EqualTo(21));
        Assert.That(thermostat.Metadata.Generation, Is.EqualTo(3));
    }

    [Test]
    public async Task A_missing_resource_is_null() =>
        Assert.That(await _scoped.GetAsync<Thermostat>("nope", CancellationToken.None), Is.Null);

    [Test]
    public async Task Lists_the_kind_in_the_namespace_only()
    {
        _api.Route("GET", Collection, 200, $$"""{"apiVersion":"acme.example.com/v1alpha1","kind":"ThermostatList","items":[{{ThermostatJson("a", 19)}},{{ThermostatJson("b", 22)}}]}""");

        var thermostats = await _scoped.ListAsync<Thermostat>(CancellationToken.None);

        Assert.That(thermostats.Select(t => t.Metadata.Name), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(_api.Requests.Select(r => r.Path), Is.EqualTo(new[] { Collection }));
    }

    [Test]
    public async Task Writes_status_through_the_status_subresource()
    {
        _api.Route("PUT", Collection + "/a/status", 200, "$echo");
        var thermostat = Thermostat.Named("a", generation: 3);
        thermostat.Status.SetCondition("Ready", true, "Holding", "ok", 3, DateTimeOffset.UnixEpoch);

        var stored = await _scoped.ReplaceStatusAsync(thermostat, CancellationToken.None);

        var request = _api.Requests.Single();
        Assert.That(request.Method, Is.EqualTo("PUT"));
        Assert.That(request.Body, Does.Contain("\"type\":\"Ready\"").And.Contain("\"reason\":\"Holding\""));
        Assert.That(stored.Status.IsConditionTrue("Ready"), Is.True);
    }

    [Test]
    public void Refuses_to_write_a_resource_from_another_namespace()
    {
        var foreign = Thermostat.Named("a");
        foreign.Metadata.NamespaceProperty = "agent-2";

        Assert.ThrowsAsync<InvalidOperationException>(() => _scoped.ReplaceStatusAsync(foreign, CancellationToken.None));
        Assert.That(_api.Requests, Is.Empty);
    }
}
