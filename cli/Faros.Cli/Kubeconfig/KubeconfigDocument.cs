using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Faros.Cli.Kubeconfig;

/// <summary>
/// One kubeconfig file as a YAML tree, edited in place so that everything this tool does not know about (other
/// clusters, exec plugins, extensions, preferences) is written back untouched.
/// </summary>
public sealed class KubeconfigDocument
{
    private readonly YamlMappingNode _root;

    private KubeconfigDocument(string path, YamlMappingNode root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    public bool Changed { get; private set; }

    public static KubeconfigDocument Load(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return new KubeconfigDocument(path, new YamlMappingNode(
                new YamlScalarNode("apiVersion"), new YamlScalarNode("v1"),
                new YamlScalarNode("kind"), new YamlScalarNode("Config")));
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException exception)
        {
            throw new Infrastructure.CliException(Infrastructure.ExitCodes.Error,
                $"The kubeconfig {path} is not valid YAML ({exception.Start}: {exception.Message}); fix or move it, then try again.");
        }

        if (stream.Documents.Count == 0)
        {
            return new KubeconfigDocument(path, new YamlMappingNode());
        }

        return stream.Documents[0].RootNode is YamlMappingNode root
            ? new KubeconfigDocument(path, root)
            : throw new Infrastructure.CliException(Infrastructure.ExitCodes.Error, $"The kubeconfig {path} is not a YAML mapping; fix or move it, then try again.");
    }

    public string? CurrentContext
    {
        get => Scalar(_root, "current-context") is { Length: > 0 } name ? name : null;
        set
        {
            _root.Children[new YamlScalarNode("current-context")] = new YamlScalarNode(value ?? "");
            Changed = true;
        }
    }

    /// <summary>Whether a clusters/users/contexts entry of that name is in this file.</summary>
    public bool Defines(string section, string name) => FindEntry(section, name) is not null;

    /// <summary>The inner mapping of an entry ("cluster", "user" or "context" under the named item), or null.</summary>
    public YamlMappingNode? Entry(string section, string name) =>
        FindEntry(section, name) is { } item && item.Children.TryGetValue(new YamlScalarNode(InnerKey(section)), out var inner)
            ? inner as YamlMappingNode
            : null;

    /// <summary>Replaces (or appends) the named entry; the rest of the section keeps its order.</summary>
    public void SetEntry(string section, string name, YamlMappingNode value)
    {
        var item = FindEntry(section, name);
        if (item is null)
        {
            item = new YamlMappingNode(new YamlScalarNode("name"), new YamlScalarNode(name));
            Section(section).Add(item);
        }

        item.Children[new YamlScalarNode(InnerKey(section))] = value;
        Changed = true;
    }

    /// <summary>Sets one key of an existing entry, keeping its other keys.</summary>
    public void SetEntryValue(string section, string name, string key, string value)
    {
        var entry = Entry(section, name) ?? throw new InvalidOperationException($"{section} entry '{name}' is not in {Path}.");
        entry.Children[new YamlScalarNode(key)] = new YamlScalarNode(value);
        Changed = true;
    }

    /// <summary>Writes the file atomically, owner-only when new since it holds credentials.</summary>
    public void Save()
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(_root)).Save(new Emitter(writer), assignAnchors: false);
        Infrastructure.AtomicFile.Write(Path, writer.ToString());
        Changed = false;
    }

    private YamlMappingNode? FindEntry(string section, string name) =>
        _root.Children.TryGetValue(new YamlScalarNode(section), out var node) && node is YamlSequenceNode sequence
            ? sequence.Children.OfType<YamlMappingNode>().FirstOrDefault(item => Scalar(item, "name") == name)
            : null;

    private YamlSequenceNode Section(string section)
    {
        if (_root.Children.TryGetValue(new YamlScalarNode(section), out var node) && node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        // "clusters: null" or a missing section both become an empty list.
        sequence = new YamlSequenceNode();
        _root.Children[new YamlScalarNode(section)] = sequence;
        return sequence;
    }

    private static string InnerKey(string section) => section switch
    {
        KubeconfigSections.Clusters => "cluster",
        KubeconfigSections.Users => "user",
        KubeconfigSections.Contexts => "context",
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "Not a kubeconfig section."),
    };

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}

public static class KubeconfigSections
{
    public const string Clusters = "clusters";
    public const string Users = "users";
    public const string Contexts = "contexts";
}
