namespace Faros.PluginHost.Verification;

/// <summary>Why the host refused to load a package; written into status as the reason.</summary>
public enum RefusalReason
{
    /// <summary>The package's sha512 differs from the resolved digest (tampered or corrupted).</summary>
    DigestMismatch,

    /// <summary>The trust check refused it (unsigned, unknown signer, ...).</summary>
    Untrusted,

    /// <summary>The nuspec id or version differs from the one resolved.</summary>
    IdentityMismatch,

    /// <summary>The package is not a readable nupkg.</summary>
    MalformedPackage,

    /// <summary>No <c>faros-plugin.json</c>, or it cannot be read.</summary>
    ManifestMissing,

    /// <summary><c>faros-plugin.json</c> breaks the format's rules.</summary>
    ManifestInvalid,

    /// <summary>The plugin runs on the other side (device or hub).</summary>
    WrongSide,

    /// <summary>The plugin needs a Faros.Sdk version this host does not carry.</summary>
    IncompatibleSdk,

    /// <summary>The plugin does not list this host's runtime identifier.</summary>
    UnsupportedRuntime,

    /// <summary>An entry would be written outside the plugin's folder, or the package expands too much.</summary>
    UnsafeContent,

    /// <summary>The configuration given for the plugin does not match the manifest's config schema.</summary>
    ConfigurationInvalid,

    /// <summary>The entry assembly does not hold a public <c>IFarosPlugin</c> type with the manifest's name.</summary>
    PluginTypeInvalid,
}
