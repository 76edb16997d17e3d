using System.CommandLine;
using System.Text;
using Faros.Cli.Infrastructure;
using Faros.Cli.Signing;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Keys;

namespace Faros.Cli.Commands.Keys;

/// <summary>
/// `kubectl faros keys generate`: a cosign-compatible ECDSA P-256 key pair (NAME.key, PKCS#8 PEM, owner-only; NAME.pub,
/// SubjectPublicKeyInfo PEM), and the trust-policy rule a registry operator adds to trust it.
/// </summary>
public static class KeysGenerateCommand
{
    public static Command Create()
    {
        var outputDirectory = new Option<string>("--output-dir")
        {
            Description = "Where to write the key pair.",
            DefaultValueFactory = _ => ".",
            HelpName = "dir",
        };
        var name = new Option<string>("--name")
        {
            Description = "The files' base name: NAME.key (private) and NAME.pub (public).",
            DefaultValueFactory = _ => "faros",
            Validators =
            {
                result =>
                {
                    var value = result.GetValueOrDefault<string>();
                    if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(['/', '\\']) >= 0 || value is "." or "..")
                    {
                        result.AddError($"--name '{value}' is not a file name; write e.g. --name contoso (gives contoso.key and contoso.pub).");
                    }
                },
            },
        };
        var packages = new Option<string[]>("--packages")
        {
            Description = "Package-id globs the printed trust-policy rule lets this key sign, e.g. 'Contoso.*' (repeatable).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "glob",
            Validators =
            {
                result =>
                {
                    foreach (var pattern in result.GetValueOrDefault<string[]>() ?? [])
                    {
                        try
                        {
                            _ = new PackageIdPattern(pattern);
                        }
                        catch (FormatException exception)
                        {
                            result.AddError($"--packages: {exception.Message}");
                        }
                    }
                },
            },
        };
        var force = new Option<bool>("--force") { Description = "Replace an existing key pair of that name." };
        var command = new Command("generate", "Generate a key pair for signing plugins, and print the trust-policy rule that makes a registry accept it.")
        {
            outputDirectory, name, packages, force,
        };
        command.Aliases.Add("gen");
        command.SetFarosAction(invocation =>
        {
            var directory = Path.GetFullPath(invocation.Get(outputDirectory));
            var privatePath = Path.Combine(directory, invocation.Get(name) + ".key");
            var publicPath = Path.Combine(directory, invocation.Get(name) + ".pub");
            var existing = new[] { privatePath, publicPath }.Where(File.Exists).ToList();
            if (existing.Count > 0 && !invocation.Get(force))
            {
                throw new CliException(ExitCodes.Conflict,
                    $"{string.Join(" and ", existing)} exist already; nothing was written. Pass --force to replace the key pair (packages signed with the old key then need a new trust-policy entry), or pick another --name or --output-dir.");
            }

            using var key = SigstoreKeyPair.Generate();
            var fingerprint = KeyFingerprint.Of(key.SubjectPublicKeyInfo);
            var snippet = TrustPolicySnippet.For(key.PublicKeyPem, invocation.Get(packages) ?? []);
            AtomicFile.WriteAll(
            [
                (privatePath, Encoding.ASCII.GetBytes(key.PrivateKeyPem + "\n"), AtomicFile.OwnerOnly),
                (publicPath, Encoding.ASCII.GetBytes(key.PublicKeyPem + "\n"), AtomicFile.WorldReadable),
            ]);

            var output = invocation.Out;
            output.WriteLine($"Private key:  {privatePath}  (mode 0600; keep it secret, it signs as you)");
            output.WriteLine($"Public key:   {publicPath}");
            output.WriteLine($"Fingerprint:  {fingerprint}");
            output.WriteLine($"Hint:         {key.Hint}  (publicKey.hint in your bundles)");
            output.WriteLine($"Registry:     signer shows as \"{fingerprint.RegistryIdentity}\"");
            output.WriteLine();
            output.WriteLine($"Give {Path.GetFileName(publicPath)} to the registry operator, who adds this rule to the registry's trust policy (Signing:TrustPolicyPath):");
            output.WriteLine();
            output.Write(snippet);
            output.WriteLine();
            output.WriteLine($"Then publish with: kubectl faros plugins publish PACKAGE.nupkg --key {privatePath}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
