namespace Faros.Signing.Sigstore.Bundles;

/// <summary>The bundle media types this library reads (0.1 to 0.3) and writes (0.3).</summary>
public static class BundleMediaTypes
{
    public const string V01 = "application/vnd.dev.sigstore.bundle+json;version=0.1";
    public const string V02 = "application/vnd.dev.sigstore.bundle+json;version=0.2";
    public const string V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /// <summary>The 0.3 spelling some clients use instead of <see cref="V03"/>.</summary>
    public const string V03Alternate = "application/vnd.dev.sigstore.bundle+json;version=0.3";

    /// <summary>Maps a media type to its bundle version ("0.1", "0.2", "0.3"), or null when unknown.</summary>
    public static string? VersionOf(string mediaType) => mediaType switch
    {
        V01 => "0.1",
        V02 => "0.2",
        V03 or V03Alternate => "0.3",
        _ => null,
    };
}
