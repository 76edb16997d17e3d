using System.ComponentModel.DataAnnotations;

namespace Faros.Registry.Hosting;

/// <summary>
/// The "Upstream" section: other v3 feeds this registry reads through for ids it does not host.
/// Example: Upstream:Sources:0:Name=nuget, Upstream:Sources:0:ServiceIndex=https://api.nuget.org/v3/index.json, Upstream:Sources:0:Ids:0=Newtonsoft.*
/// </summary>
public sealed class UpstreamOptions : IValidatableObject
{
    public const string Section = "Upstream";

    public List<UpstreamSourceOptions> Sources { get; set; } = [];

    /// <summary>How long an upstream's version list or search answer is reused before asking again.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < Sources.Count; index++)
        {
            var source = Sources[index];
            var prefix = $"Upstream:Sources:{index}";
            if (string.IsNullOrWhiteSpace(source.Name) || !names.Add(source.Name))
            {
                yield return new ValidationResult($"{prefix}:Name must be set and unique; it names the upstream in logs and package ownership.");
            }

            if (!Uri.TryCreate(source.ServiceIndex, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                yield return new ValidationResult($"{prefix}:ServiceIndex '{source.ServiceIndex}' must be the absolute URL of a v3 service index, e.g. https://api.nuget.org/v3/index.json.");
            }

            if (source.Ids.Count == 0 || source.Ids.Any(string.IsNullOrWhiteSpace))
            {
                yield return new ValidationResult($"{prefix}:Ids must list id patterns to read through, e.g. Newtonsoft.* (or * for every id).");
            }
        }

        if (CacheDuration < TimeSpan.Zero)
        {
            yield return new ValidationResult("Upstream:CacheDuration cannot be negative.");
        }
    }
}

public sealed class UpstreamSourceOptions
{
    public string Name { get; set; } = "";
    public string ServiceIndex { get; set; } = "";

    /// <summary>Package-id globs this upstream serves, e.g. "Newtonsoft.*".</summary>
    public List<string> Ids { get; set; } = ["*"];

    /// <summary>Whether search results include this upstream's hits after the local ones.</summary>
    public bool IncludeInSearch { get; set; }
}
