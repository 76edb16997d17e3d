using System.Security.Cryptography;

namespace Faros.PluginHost;

/// <summary>
/// A package's sha512 digest. Written as base64 like NuGet's <c>packageHash</c>; the cache names directories
/// by its lowercase hex form, which is safe in any file system.
/// </summary>
public sealed record PackageDigest
{
    private const int Sha512Length = 64;
    private const string Prefix = "sha512-";
    private readonly byte[] _bytes;

    private PackageDigest(byte[] bytes) => _bytes = bytes;

    /// <summary>Base64, as in the registry's catalog entries.</summary>
    public string Base64 => Convert.ToBase64String(_bytes);

    /// <summary><c>sha512-&lt;base64&gt;</c>, as the Agent's status.plugins[].digest.</summary>
    public string Prefixed => Prefix + Base64;

    /// <summary>Lowercase hex; the cache directory name.</summary>
    public string Hex => Convert.ToHexStringLower(_bytes);

    /// <summary>Parses a base64 sha512 digest, optionally written <c>sha512-&lt;base64&gt;</c> as in the Agent's status.</summary>
    /// <exception cref="FormatException">Not base64 of 64 bytes.</exception>
    public static PackageDigest Parse(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var text = base64.Trim();
        if (text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[Prefix.Length..];
        }

        var buffer = new byte[Sha512Length + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written != Sha512Length)
        {
            throw new FormatException(
                $"'{base64}' is not a sha512 package digest. Fix: give the base64 sha512 of the .nupkg, as the registry's packageHash.");
        }

        return new PackageDigest(buffer[..Sha512Length]);
    }

    /// <summary>Parses like <see cref="Parse"/>; null instead of an exception.</summary>
    public static PackageDigest? TryParse(string? text)
    {
        try
        {
            return text is null ? null : Parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Reads a cache directory name back.</summary>
    public static PackageDigest? TryParseHex(string hex)
    {
        if (hex.Length != Sha512Length * 2 || !hex.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        return new PackageDigest(Convert.FromHexString(hex));
    }

    /// <summary>Hashes a file.</summary>
    public static async Task<PackageDigest> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return new PackageDigest(await SHA512.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public bool Equals(PackageDigest? other) => other is not null && CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    /// <inheritdoc />
    public override string ToString() => Base64;
}
