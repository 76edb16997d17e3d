namespace Faros.Signing.Sigstore.Bundles;

/// <summary>
/// A Sigstore bundle (or trusted root) is not well-formed: not JSON, truncated, an unknown media type, or a
/// missing or mistyped field. The message names the JSON path of the defect.
/// </summary>
public sealed class BundleFormatException(string message, Exception? inner = null) : FormatException(message, inner);
