using System.Text.Json;
using System.Text.Json.Nodes;
using Faros.Cli.Infrastructure;

namespace Faros.Cli.Commands.Plugins;

/// <summary>
/// --config key=value pairs as the plugin's config object. Dotted keys nest (peer.endpoint=…); values that read as
/// JSON (numbers, true/false, null, objects, arrays, quoted strings) keep their type, anything else is a string.
/// </summary>
public static class PluginConfiguration
{
    public static JsonObject? Parse(IReadOnlyList<string> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        var root = new JsonObject();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw CliException.Usage($"--config '{pair}' is not key=value; write e.g. --config listenPort=51820.");
            }

            var path = pair[..equals].Split('.');
            if (path.Any(string.IsNullOrWhiteSpace))
            {
                throw CliException.Usage($"--config key '{pair[..equals]}' has an empty part; write e.g. peer.endpoint=host:51820.");
            }

            var target = root;
            foreach (var part in path[..^1])
            {
                target = target[part] as JsonObject ?? (JsonObject)(target[part] = new JsonObject());
            }

            target[path[^1]] = Value(pair[(equals + 1)..]);
        }

        return root;
    }

    private static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
