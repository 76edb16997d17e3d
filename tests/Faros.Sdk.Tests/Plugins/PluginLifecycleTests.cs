using Faros.Sdk.Reconciliation;

namespace Faros.Sdk.Tests.Plugins;

public sealed class PluginLifecycleTests
{
    private sealed class CountingPlugin : FarosPlugin
    {
        public List<string> Calls { get; } = [];

        protected override ValueTask OnStartAsync(IPluginContext context, CancellationToken cancellationToken)
        {
            Calls.Add($"start:{context.PluginName}");
            return ValueTask.CompletedTask;
        }

        protected override IEnumerable<IReconciler> CreateReconcilers(IPluginContext context)
        {
            Calls.Add("reconcilers");
            yield return new Reconciliation.ScriptedReconciler(ReconcileResult.Done);
        }

        public IPluginContext ExposedContext => Context;
    }

    [Test]
    public async Task Start_keeps_the_context_and_builds_reconcilers_once()
    {
        var plugin = new CountingPlugin();
        var context = new PluginContext { PluginName = "Acme.Counter", Side = "hub", StateDirectory = new DirectoryInfo(Path.GetTempPath()) };

        Assert.That(plugin.Reconcilers, Is.Empty);
        await plugin.StartAsync(context, CancellationToken.None);
        _ = plugin.Reconcilers;
        _ = plugin.Reconcilers;

        Assert.That(plugin.Calls, Is.EqualTo(new[] { "start:Acme.Counter", "reconcilers" }));
        Assert.That(plugin.ExposedContext, Is.SameAs(context));
        Assert.That(plugin.Reconcilers.Single().Kind.Kind, Is.EqualTo("Thermostat"));
        Assert.That((await plugin.CheckHealthAsync(CancellationToken.None)).State, Is.EqualTo(HealthState.Healthy));
    }

    [Test]
    public void The_context_is_unavailable_before_start() =>
        Assert.Throws<InvalidOperationException>(() => _ = new CountingPlugin().ExposedContext);

    [Test]
    public void Configuration_binds_camelCase_json_and_rejects_non_objects()
    {
        var config = PluginConfiguration.Parse("""{"listenPort": 51820, "peers": ["a", "b"]}""");

        var bound = config.Bind<SampleOptions>();

        Assert.That(bound.ListenPort, Is.EqualTo(51820));
        Assert.That(bound.Peers, Is.EqualTo(new[] { "a", "b" }));
        Assert.Throws<ArgumentException>(() => PluginConfiguration.Parse("[1]"));
        Assert.That(PluginConfiguration.Empty.Bind<SampleOptions>().ListenPort, Is.Zero);
    }

    private sealed class SampleOptions
    {
        public int ListenPort { get; set; }

        public List<string> Peers { get; set; } = [];
    }
}
