namespace Faros.Sdk.Manifest;

/// <summary>The manifest is not JSON of the expected shape, so it could not be read at all.</summary>
public sealed class PluginManifestFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="defect"/>.</summary>
    public PluginManifestFormatException(ManifestDefect defect, Exception? inner = null)
        : base(defect.ToString(), inner) => Defect = defect;

    /// <summary>What made the document unreadable.</summary>
    public ManifestDefect Defect { get; }
}
