using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Faros.Cli.Output;

/// <summary>
/// Writes JSON as block YAML, the way kubectl -o yaml prints objects. Everything printed goes through JSON first,
/// so -o json and -o yaml always carry the same data.
/// </summary>
public static partial class YamlConverter
{
    public static string ToYaml(JsonNode? node)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var stream = new YamlStream(new YamlDocument(Convert(node)));
        stream.Save(new Emitter(writer), assignAnchors: false);
        // YamlStream ends every document with "..."; a single document needs no end marker.
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) || text.EndsWith("...\r\n", StringComparison.Ordinal)
            ? text[..text.LastIndexOf("...", StringComparison.Ordinal)]
            : text;
    }

    private static YamlNode Convert(JsonNode? node) => node switch
    {
        null => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
        JsonObject obj => new YamlMappingNode(obj.Select(pair =>
            new KeyValuePair<YamlNode, YamlNode>(StringScalar(pair.Key), Convert(pair.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(Convert)),
        JsonValue value => ValueScalar(value),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static YamlScalarNode ValueScalar(JsonValue value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => StringScalar(value.GetValue<string>()),
        System.Text.Json.JsonValueKind.True => new YamlScalarNode("true") { Style = ScalarStyle.Plain },
        System.Text.Json.JsonValueKind.False => new YamlScalarNode("false") { Style = ScalarStyle.Plain },
        System.Text.Json.JsonValueKind.Null => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
        _ => new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain },
    };

    /// <summary>Strings that YAML would read as something else (numbers, booleans, null, empty) are quoted.</summary>
    private static YamlScalarNode StringScalar(string text) =>
        new(text) { Style = text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal : Ambiguous().IsMatch(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };

    [GeneratedRegex(@"^$|^[-+]?(\.?[0-9][0-9_.:eE+-]*|\.inf|\.nan)$|^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$|^0[xo]")]
    private static partial Regex Ambiguous();
}
