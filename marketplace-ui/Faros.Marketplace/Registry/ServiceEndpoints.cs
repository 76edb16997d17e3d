using Faros.Marketplace.Registry.Wire;

namespace Faros.Marketplace.Registry;

/// <summary>
/// The registry resources the site uses, resolved from the service index so the registry may move them
/// (to a CDN, another path) without the site changing.
/// </summary>
public sealed record ServiceEndpoints(Uri Search, Uri RegistrationsBase, Uri PackageBase, string? ReadmeTemplate)
{
    public static ServiceEndpoints From(ServiceIndexDocument index, Uri indexUri)
    {
        return new ServiceEndpoints(
            Search: Require(index, indexUri, "SearchQueryService/3.5.0", "SearchQueryService/3.0.0-rc", "SearchQueryService"),
            RegistrationsBase: AsDirectory(Require(index, indexUri, "RegistrationsBaseUrl/3.6.0", "RegistrationsBaseUrl/3.4.0", "RegistrationsBaseUrl")),
            PackageBase: AsDirectory(Require(index, indexUri, "PackageBaseAddress/3.0.0", "PackageBaseAddress")),
            ReadmeTemplate: Find(index, indexUri, "ReadmeUriTemplate/6.13.0", "ReadmeUriTemplate")?.ToString());
    }

    public Uri Registration(string id) => new(RegistrationsBase, $"{Lower(id)}/index.json");

    public Uri Icon(string id, string normalizedVersion) => new(PackageBase, $"{Lower(id)}/{Lower(normalizedVersion)}/icon");

    public Uri Readme(string id, string normalizedVersion) =>
        ReadmeTemplate is { Length: > 0 } template
            ? new Uri(template.Replace("{lower_id}", Lower(id), StringComparison.OrdinalIgnoreCase)
                              .Replace("{lower_version}", Lower(normalizedVersion), StringComparison.OrdinalIgnoreCase))
            : new Uri(PackageBase, $"{Lower(id)}/{Lower(normalizedVersion)}/readme");

    private static string Lower(string value) => Uri.EscapeDataString(value.ToLowerInvariant());

    private static Uri Require(ServiceIndexDocument index, Uri indexUri, params string[] types) =>
        Find(index, indexUri, types) ?? throw new RegistryUnavailableException(
            $"The registry service index {indexUri} has no {types[^1]} resource.");

    // Types are tried in order of preference; a bare name also matches any version of that resource.
    private static Uri? Find(ServiceIndexDocument index, Uri indexUri, params string[] types)
    {
        foreach (var type in types)
        {
            var match = index.Resources.FirstOrDefault(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase))
                        ?? (type.Contains('/') ? null : index.Resources.FirstOrDefault(r =>
                            r.Type.StartsWith(type + "/", StringComparison.OrdinalIgnoreCase)));
            if (match is not null && Uri.TryCreate(indexUri, match.Id, out var uri))
            {
                return uri;
            }
        }

        return null;
    }

    private static Uri AsDirectory(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
