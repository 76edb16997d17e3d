using System.Text;
using Faros.Sdk.Manifest;

namespace Faros.Sdk.Tests.Manifest;

public sealed class PluginManifestReaderTests
{
    private static PluginManifest Read(string json) => PluginManifestReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Test]
    public void Written_manifests_read_back_equal_in_camelCase_json()
    {
        var stream = new MemoryStream();
        PluginManifestWriter.Write(ValidManifest.Create(), stream);
        var json = Encoding.UTF8.GetString(stream.ToArray());

        stream.Position = 0;
        var back = PluginManifestReader.Read(stream);

        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Contain("\"pluginType\": \"Acme.Thermostat.ThermostatPlugin\"").And.Contain("\"sdkVersionRange\"").And.Contain("\"runtimeIdentifiers\""));
            Assert.That(back.Kinds!.Single().Plural, Is.EqualTo("thermostats"));
            Assert.That(back.Permissions![1].Verbs, Is.EqualTo(new[] { "get", "list" }));
            Assert.That(back.ConfigSchema!.Value.GetProperty("type").GetString(), Is.EqualTo("object"));
            Assert.That(PluginManifestValidator.Validate(back), Is.Empty);
        });
    }

    [Test]
    public void Reads_a_hand_written_document_with_unknown_fields_ignored()
    {
        var manifest = Read("""
            {
              "schemaVersion": 1,
              "name": "Acme.Lights",
              "side": "hub",
              "kinds": [ { "group": "acme.example.com", "version": "v1", "kind": "Light", "plural": "lights" } ],
              "somethingNew": { "x": 1 }
            }
            """);

        Assert.That(manifest.Name, Is.EqualTo("Acme.Lights"));
        Assert.That(manifest.Side, Is.EqualTo("hub"));
        Assert.That(manifest.Kinds!.Single().Kind, Is.EqualTo("Light"));
    }

    [TestCase("not json")]
    [TestCase("""{"name": 42}""")]
    [TestCase("""{"kinds": {"group": "x"}}""")]
    [TestCase("[]")]
    public void Malformed_documents_raise_a_format_exception_with_a_defect(string json)
    {
        var ex = Assert.Throws<PluginManifestFormatException>(() => Read(json))!;

        Assert.That(ex.Defect.Message, Does.StartWith("The manifest is not valid JSON"));
        Assert.That(ex.Defect.Fix, Is.Not.Empty);
    }

    [Test]
    public void The_null_literal_is_rejected() =>
        Assert.That(Assert.Throws<PluginManifestFormatException>(() => Read("null"))!.Defect.Path, Is.EqualTo("$"));

    [Test]
    public void The_defect_path_points_at_the_bad_field()
    {
        var ex = Assert.Throws<PluginManifestFormatException>(() => Read("""{"kinds": [ {"group": 1} ]}"""))!;

        Assert.That(ex.Defect.Path, Is.EqualTo("kinds[0].group"));
    }
}
