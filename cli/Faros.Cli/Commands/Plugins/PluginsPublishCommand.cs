using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using Faros.Cli.Infrastructure;
using Faros.Cli.Output;
using Faros.Cli.Registry;
using Faros.Cli.Signing;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore;

namespace Faros.Cli.Commands.Plugins;

/// <summary>
/// `kubectl faros plugins publish PACKAGE.nupkg --key KEY`: signs the package's exact bytes with the publisher's key
/// into a Sigstore bundle, writes the bundle next to the package, and pushes both in one request, so a registry that
/// requires signed plugins can check the signer before it stores anything.
/// </summary>
public static class PluginsPublishCommand
{
    public const string ApiKeyVariable = "FAROS_API_KEY";

    /// <summary>The refusal reasons that mean "sound signature, signer not allowed", as the SDK defines them (registry: 403).</summary>
    private static readonly string[] SignerRejections = Enum.GetValues<SignatureFailure>()
        .Where(reason => new TrustVerdict(TrustDecision.Denied, null, reason, "").IsSignerRejected)
        .Select(reason => $"({reason})")
        .ToArray();

    public static Command Create()
    {
        var package = new Argument<string>("PACKAGE") { Description = "The plugin package to publish (a .nupkg with package type FarosPlugin)." };
        var key = new Option<string>("--key")
        {
            Description = "Your private signing key (PKCS#8 PEM, from `kubectl faros keys generate`).",
            Required = true,
            HelpName = "file",
        };
        var registry = RegistryLocation.Option();
        var apiKey = new Option<string?>("--api-key") { Description = $"The registry API key; '-' reads it from stdin. Default: ${ApiKeyVariable}.", HelpName = "key" };
        var bundleOut = new Option<string?>("--bundle-out") { Description = "Where to write the Sigstore bundle (default: {id}.{version}.sigstore.json next to the package).", HelpName = "file" };
        var skipDuplicate = new Option<bool>("--skip-duplicate") { Description = "Succeed when the registry has this version already (e.g. a re-run release job)." };
        var timeout = CommonOptions.Timeout(TimeSpan.FromMinutes(5));
        timeout.Description = "How long the upload may take, e.g. 5m.";
        var command = new Command("publish", "Sign a plugin package with your key and push it to the registry together with its Sigstore bundle.")
        {
            package, key, registry, apiKey, bundleOut, skipDuplicate, timeout,
        };
        command.SetFarosAction(async invocation =>
        {
            var cancellationToken = invocation.CancellationToken;
            using var file = PluginPackageFile.Open(invocation.Get(package));
            if (!file.IsPlugin)
            {
                throw new CliException(ExitCodes.Error,
                    $"{file.Stem} is not a Faros plugin (its nuspec has no <packageType name=\"FarosPlugin\" />). Build plugins from the Faros plugin template; push other packages with `dotnet nuget push`.");
            }

            using var signingKey = PublisherKeyFile.Load(invocation.Get(key), invocation.Error);
            var fingerprint = KeyFingerprint.Of(signingKey.SubjectPublicKeyInfo);
            var serviceIndex = RegistryLocation.Resolve(invocation, registry);
            var token = await ApiKeyAsync(invocation.Get(apiKey), cancellationToken);

            file.Stream.Position = 0;
            var bundle = SigstoreSigner.Sign(file.Stream, signingKey).ToJson();
            var bundlePath = Path.GetFullPath(invocation.Get(bundleOut) ?? Path.Combine(Path.GetDirectoryName(file.Path)!, file.Stem + ".sigstore.json"));
            AtomicFile.Write(bundlePath, bundle, AtomicFile.WorldReadable);
            await invocation.Error.WriteLineAsync($"Signed {file.Stem} with key {fingerprint}; bundle: {bundlePath}");

            using var client = new PluginRegistry(serviceIndex);
            var publishUrl = await client.GetPublishUrlAsync(cancellationToken);
            var progress = new TransferProgress(invocation.Error, $"Uploading {file.Stem}.nupkg to {publishUrl}", file.Length);
            var answer = await client.PutAsync(publishUrl, () => Body(file, bundle, progress), token, invocation.Get(timeout), cancellationToken);

            var published = Judge(answer, file, fingerprint, invocation.Get(skipDuplicate), serviceIndex);
            if (answer.Warning is { } warning)
            {
                await invocation.Error.WriteLineAsync($"warning: {warning}");
            }

            var signer = await RecordedSignerAsync(client, file, cancellationToken);
            await invocation.Out.WriteLineAsync($"{(published ? "Published" : "Already published")} {file.Id} {file.Version.ToNormalizedString()} to {serviceIndex}");
            await invocation.Out.WriteLineAsync($"Bundle: {bundlePath}");
            await invocation.Out.WriteLineAsync($"Signer: {signer?.ToString() ?? "<none recorded>"}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The multipart body the registry reads: the nupkg, streamed, and the bundle, a part whose file name ends in .sigstore.json.</summary>
    private static MultipartFormDataContent Body(PluginPackageFile file, byte[] bundle, TransferProgress progress)
    {
        var nupkg = new UploadContent(file.Stream, progress.Report);
        nupkg.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var signature = new ByteArrayContent(bundle);
        signature.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new MultipartFormDataContent
        {
            { nupkg, "package", file.Stem + ".nupkg" },
            { signature, "signature", file.Stem + ".sigstore.json" },
        };
    }

    /// <summary>True when stored now, false for a skipped duplicate; throws with the registry's reason and the fix otherwise.</summary>
    private static bool Judge(RegistryAnswer answer, PluginPackageFile file, KeyFingerprint fingerprint, bool skipDuplicate, Uri serviceIndex)
    {
        var what = $"{file.Id} {file.Version.ToNormalizedString()}";
        return answer.Status switch
        {
            HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Accepted => true,
            HttpStatusCode.Conflict when skipDuplicate => false,
            HttpStatusCode.Conflict => throw new CliException(ExitCodes.Conflict,
                $"The registry has {what} already: {answer.Detail}" + (answer.Detail.Contains("--skip-duplicate", StringComparison.Ordinal) ? "" : " Bump the version, or pass --skip-duplicate to treat this as success.")),
            HttpStatusCode.Forbidden when SignerRejections.Any(answer.Detail.Contains) => throw new CliException(ExitCodes.Unauthorized,
                $"The registry does not trust the key that signed {what} for this id. Ask the registry operator to trust key {fingerprint} " +
                $"(send them your public key file; `kubectl faros keys generate` printed the trust-policy rule to add), or sign with a key they trust. The registry said: {answer.Detail}"),
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => throw new CliException(ExitCodes.Unauthorized,
                $"The registry at {serviceIndex} refused the push of {what}: {answer.Detail}"),
            HttpStatusCode.BadRequest => throw new CliException(ExitCodes.Error, $"The registry refused {what}: {answer.Detail}"),
            HttpStatusCode.RequestEntityTooLarge => throw new CliException(ExitCodes.Error, $"The registry refused {what} as too large: {answer.Detail}"),
            _ => throw new CliException(ExitCodes.Error, $"The registry answered {(int)answer.Status} to the push of {what}: {answer.Detail}"),
        };
    }

    private static async Task<string> ApiKeyAsync(string? option, CancellationToken cancellationToken)
    {
        if (option is not null)
        {
            return await SecretArgument.ReadAsync(option, "--api-key", "cat api-key.txt | kubectl faros plugins publish PACKAGE --key KEY --api-key -", cancellationToken);
        }

        return Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment.Trim()
            : throw CliException.Usage($"No registry API key: pass --api-key KEY (or --api-key - to read it from stdin), or set {ApiKeyVariable}. A registry administrator creates one with `Faros.Registry apikeys create`.");
    }

    /// <summary>The signer the registry recorded for this version (its catalog entry), which says whether it verified it.</summary>
    private static async Task<PackageSigner?> RecordedSignerAsync(PluginRegistry client, PluginPackageFile file, CancellationToken cancellationToken)
    {
        var entries = await client.GetCatalogEntriesAsync(file.Id, cancellationToken);
        var entry = entries.FirstOrDefault(candidate => candidate["version"]?.GetValue<string>() is { } version
            && NuGet.Versioning.NuGetVersion.TryParse(version, out var parsed) && parsed == file.Version);
        return entry is null ? null : PackageSigner.Of(entry);
    }
}
