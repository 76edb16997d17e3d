using YamlDotNet.RepresentationModel;

namespace Faros.Cli.Kubeconfig;

/// <summary>
/// Edits the merged view of several kubeconfig files the way kubectl does: a change to an existing entry goes to
/// the file that defines it, a new entry to the default file, and current-context to the first file that sets it.
/// Only files actually changed are rewritten.
/// </summary>
public sealed class KubeconfigSet
{
    private readonly KubeconfigFiles _files;
    private readonly List<KubeconfigDocument> _documents;

    private KubeconfigSet(KubeconfigFiles files, List<KubeconfigDocument> documents)
    {
        _files = files;
        _documents = documents;
    }

    public static KubeconfigSet Load(KubeconfigFiles files) =>
        new(files, files.Paths.Select(KubeconfigDocument.Load).ToList());

    public string? CurrentContext => _documents.Select(document => document.CurrentContext).FirstOrDefault(name => name is not null);

    public bool Defines(string section, string name) => _documents.Any(document => document.Defines(section, name));

    public YamlMappingNode? Entry(string section, string name) =>
        _documents.Select(document => document.Entry(section, name)).FirstOrDefault(entry => entry is not null);

    public void SetEntry(string section, string name, YamlMappingNode value) =>
        (_documents.FirstOrDefault(document => document.Defines(section, name)) ?? DefaultDocument).SetEntry(section, name, value);

    public void SetEntryValue(string section, string name, string key, string value) =>
        (_documents.FirstOrDefault(document => document.Defines(section, name))
            ?? throw new Infrastructure.CliException(Infrastructure.ExitCodes.NotFound, $"The kubeconfig ({_files}) has no {section} entry named '{name}'."))
            .SetEntryValue(section, name, key, value);

    public void SetCurrentContext(string name) =>
        (_documents.FirstOrDefault(document => document.CurrentContext is not null) ?? DefaultDocument).CurrentContext = name;

    /// <summary>Writes every changed file; returns their paths.</summary>
    public IReadOnlyList<string> Save()
    {
        var changed = _documents.Where(document => document.Changed).ToList();
        foreach (var document in changed)
        {
            document.Save();
        }

        return changed.Select(document => document.Path).ToList();
    }

    private KubeconfigDocument DefaultDocument => _documents.First(document => document.Path == _files.DefaultFile);
}
