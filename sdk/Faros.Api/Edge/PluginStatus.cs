using System.Text.Json.Serialization;

namespace Faros.Api.Edge;

/// <summary>How one plugin reference resolved, pinned so that every download of it is the same bytes.</summary>
public sealed class PluginStatus
{
    /// <summary>The spec.plugins[] name this entry describes.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>The registry package id.</summary>
    [JsonPropertyName("package")]
    public string? Package { get; set; }

    /// <summary>The pinned version, normalized.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>sha512-&lt;base64 of the .nupkg's SHA-512&gt;, as NuGet's packageHash.</summary>
    [JsonPropertyName("digest")]
    public string? Digest { get; set; }

    /// <summary>Where the agent downloads the .nupkg.</summary>
    [JsonPropertyName("downloadUrl")]
    public string? DownloadUrl { get; set; }

    /// <summary>Who signed the package, once signatures are checked.</summary>
    [JsonPropertyName("signer")]
    public string? Signer { get; set; }

    /// <summary>One of <see cref="PluginPhases"/>.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>Why the phase is what it is, for people.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
