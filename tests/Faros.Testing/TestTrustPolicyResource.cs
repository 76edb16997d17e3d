using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Faros.Testing;

/// <summary>A <see cref="TestTrustPolicy"/> document as the cluster TrustPolicy resource (plugins.faros.sh/v1alpha1) the API server takes.</summary>
public static class TestTrustPolicyResource
{
    /// <summary>The resource named <paramref name="name"/> whose spec is <paramref name="document"/> (YAML).</summary>
    public static JsonObject Of(string name, string document) => new()
    {
        ["apiVersion"] = "plugins.faros.sh/v1alpha1",
        ["kind"] = "TrustPolicy",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = Spec(document),
    };

    /// <summary>The JSON merge patch that makes <paramref name="document"/> the resource's spec (rules are replaced whole).</summary>
    public static string SpecPatch(string document) => new JsonObject { ["spec"] = Spec(document) }.ToJsonString();

    private static JsonNode Spec(string document)
    {
        var yaml = new DeserializerBuilder().Build().Deserialize<object>(document);
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
        return JsonNode.Parse(json)!;
    }
}
