using Faros.Sdk.Tests.Fixtures;
using Faros.Testing;

namespace Faros.Sdk.Tests.Packaging;

/// <summary>
/// The faros-plugin template's options, instantiated from the packed Faros.Templates package (no build:
/// building and packing the generated project is covered end to end against the registry).
/// </summary>
[NonParallelizable]
public sealed class TemplateTests
{
    private DotnetCli _cli = null!;

    [OneTimeSetUp]
    public async Task InstallTemplate()
    {
        var packed = await PackedSdk.GetAsync();
        _cli = new DotnetCli("template");
        var install = await _cli.RunAsync("new", "install", packed.TemplatesPackage);
        Assert.That(install.Succeeded, Is.True, install.ToString());
    }

    [OneTimeTearDown]
    public void Cleanup() => _cli.Dispose();

    [Test]
    public async Task Kind_group_and_side_options_reach_the_generated_code_and_project()
    {
        var result = await _cli.RunAsync("new", "faros-plugin", "-n", "Contoso.Lights", "--kind", "Lamp", "--group", "lights.contoso.com", "--side", "hub");

        Assert.That(result.Succeeded, Is.True, result.ToString());
        var source = Path.Combine(_cli.WorkingDirectory, "Contoso.Lights", "src", "Contoso.Lights");
        var resource = await File.ReadAllTextAsync(Path.Combine(source, "Lamp.cs"));
        var project = await File.ReadAllTextAsync(Path.Combine(source, "Contoso.Lights.csproj"));
        Assert.Multiple(() =>
        {
            Assert.That(resource, Does.Contain("""[KubernetesEntity(Group = "lights.contoso.com", ApiVersion = "v1alpha1", Kind = "Lamp", PluralName = "lamps")]"""));
            Assert.That(resource, Does.Contain("namespace Contoso.Lights;"));
            Assert.That(File.Exists(Path.Combine(source, "LampReconciler.cs")), Is.True);
            Assert.That(File.Exists(Path.Combine(source, "LampPlugin.cs")), Is.True);
            Assert.That(project, Does.Contain("<FarosPluginSide>hub</FarosPluginSide>"));
            Assert.That(project, Does.Contain("<IsFarosPlugin>true</IsFarosPlugin>"));
            Assert.That(project, Does.Contain($"""<PackageReference Include="Faros.Sdk" Version="{PackedSdk.Version}" />"""),
                "the template must reference the Faros.Sdk version packed alongside it");
            Assert.That(File.Exists(Path.Combine(_cli.WorkingDirectory, "Contoso.Lights", "tests", "Contoso.Lights.Tests", "Contoso.Lights.Tests.csproj")), Is.True);
            Assert.That(File.Exists(Path.Combine(_cli.WorkingDirectory, "Contoso.Lights", "Contoso.Lights.slnx")), Is.True);
        });
    }

    [Test]
    public async Task The_kind_defaults_to_the_last_segment_of_the_name()
    {
        var result = await _cli.RunAsync("new", "faros-plugin", "-n", "Acme.Sprinkler");

        Assert.That(result.Succeeded, Is.True, result.ToString());
        var resource = await File.ReadAllTextAsync(Path.Combine(_cli.WorkingDirectory, "Acme.Sprinkler", "src", "Acme.Sprinkler", "Sprinkler.cs"));
        Assert.That(resource, Does.Contain("""Kind = "Sprinkler", PluralName = "sprinklers")]"""));
        Assert.That(resource, Does.Contain("""Group = "plugins.example.com"""));
    }

    [Test]
    public async Task A_side_outside_device_or_hub_is_refused()
    {
        var result = await _cli.RunAsync("new", "faros-plugin", "-n", "Acme.Broken", "--side", "edge");

        Assert.That(result.Succeeded, Is.False, result.ToString());
    }
}
