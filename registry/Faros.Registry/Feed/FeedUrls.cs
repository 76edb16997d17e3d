namespace Faros.Registry.Feed;

/// <summary>The absolute URLs of every feed resource, from one base URL. Ids and versions are given lower-case.</summary>
public sealed class FeedUrls(string baseUrl)
{
    public string Base { get; } = baseUrl.TrimEnd('/');

    public string ServiceIndex => $"{Base}/v3/index.json";
    public string PackagePublish => $"{Base}/api/v2/package";
    public string SymbolPublish => $"{Base}/api/v2/symbolpackage";
    public string PackageBase => $"{Base}/v3/package/";
    public string RegistrationBase => $"{Base}/v3/registration/";
    public string Search => $"{Base}/v3/search";
    public string Autocomplete => $"{Base}/v3/autocomplete";
    public string Changes => $"{Base}/v3/changes";
    public string RepositorySignatures => $"{Base}/v3/repository-signatures/index.json";
    public string ReadmeTemplate => $"{Base}/v3/package/{{lower_id}}/{{lower_version}}/readme";

    public string RegistrationIndex(string lowerId) => $"{Base}/v3/registration/{lowerId}/index.json";
    public string RegistrationPage(string lowerId, string lower, string upper) => $"{Base}/v3/registration/{lowerId}/page/{lower}/{upper}.json";
    public string RegistrationLeaf(string lowerId, string lowerVersion) => $"{Base}/v3/registration/{lowerId}/{lowerVersion}.json";
    public string PackageContent(string lowerId, string lowerVersion) => $"{Base}/v3/package/{lowerId}/{lowerVersion}/{lowerId}.{lowerVersion}.nupkg";
    public string Readme(string lowerId, string lowerVersion) => $"{Base}/v3/package/{lowerId}/{lowerVersion}/readme";
    public string Icon(string lowerId, string lowerVersion) => $"{Base}/v3/package/{lowerId}/{lowerVersion}/icon";
    public string SigstoreBundle(string lowerId, string lowerVersion) => $"{Base}/v3/package/{lowerId}/{lowerVersion}/{lowerId}.{lowerVersion}.sigstore.json";
}
