using Faros.Cli.Infrastructure;
using Faros.Signing.Sigstore.Keys;

namespace Faros.Cli.Signing;

/// <summary>A publisher's private key file (PKCS#8 PEM, as `kubectl faros keys generate` and cosign write it), loaded with errors naming the file and the fix.</summary>
public static class PublisherKeyFile
{
    public static SigstoreKeyPair Load(string path, TextWriter warnings)
    {
        if (!File.Exists(path))
        {
            throw CliException.Usage($"--key {path} does not exist. Make a key pair with `kubectl faros keys generate`, and pass its private key (faros.key).");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            warnings.WriteLine($"warning: the private key {path} is readable by other users; restrict it with `chmod 600 {path}`.");
        }

        try
        {
            return SigstoreKeyPair.FromPrivateKeyPem(File.ReadAllText(path));
        }
        catch (FormatException exception)
        {
            throw CliException.Usage($"--key {path} is not a usable signing key: {exception.Message} Pass the private key `kubectl faros keys generate` wrote (faros.key), not the public one.");
        }
    }
}
