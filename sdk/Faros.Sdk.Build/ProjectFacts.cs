namespace Faros.Sdk.Build;

/// <summary>
/// What the MSBuild targets know about the plugin project, passed as a <c>key=value</c> file
/// (one value per line; repeated keys for lists; '|' between the fields of a compound value).
/// </summary>
internal sealed class ProjectFacts
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public static ProjectFacts Parse(IEnumerable<string> lines)
    {
        var facts = new ProjectFacts();
        foreach (var line in lines)
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var value = line[(separator + 1)..].Trim();
            if (value.Length == 0)
            {
                continue;
            }

            var key = line[..separator].Trim();
            if (!facts._values.TryGetValue(key, out var list))
            {
                facts._values[key] = list = [];
            }

            list.Add(value);
        }

        return facts;
    }

    public string? Single(string key) => _values.TryGetValue(key, out var list) ? list[^1] : null;

    public IReadOnlyList<string> All(string key) => _values.TryGetValue(key, out var list) ? list : [];

    /// <summary>Values of a semicolon-separated MSBuild list property, e.g. tags or runtime identifiers.</summary>
    public IReadOnlyList<string> List(string key) =>
        (Single(key) ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
