using System.Security.Cryptography;
using System.Text;

namespace Faros.Registry.Authentication;

/// <summary>
/// Keys are 256 random bits, so a plain SHA-256 is a sound one-way hash for them (no slow KDF needed),
/// and it lets a key be found by its hash without storing the key.
/// </summary>
public static class ApiKeyHash
{
    public const string Prefix = "faros_";

    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string NewKey() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
