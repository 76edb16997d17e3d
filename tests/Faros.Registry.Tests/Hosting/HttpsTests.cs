using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Hosting;

/// <summary>
/// The registry serves HTTPS with a configured certificate, and the real dotnet CLI pushes to it with no
/// allowInsecureConnections: it trusts the test's own certificate authority, as it would a company CA.
/// </summary>
[TestFixture]
public sealed class HttpsTests
{
    [Test]
    public async Task The_cli_pushes_over_https_to_a_registry_with_a_configured_certificate()
    {
        using var directory = new TempDirectory("https");
        var (caPem, pfxPath) = CreateCertificates(directory.Path);
        var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var port = FreeTcpPort.Next();
        var baseAddress = new Uri($"https://127.0.0.1:{port}/");

        var startInfo = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = directory.Path };
        startInfo.ArgumentList.Add(RegistryBinary.Locate());
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        DotnetHost.Sanitize(startInfo);
        startInfo.Environment["FAROS_DATA_DIR"] = directory.Sub("data");
        startInfo.Environment["FAROS_BOOTSTRAP_API_KEY"] = apiKey;
        startInfo.Environment["Kestrel__Certificates__Default__Path"] = pfxPath;
        startInfo.Environment["Kestrel__Certificates__Default__Password"] = "test";
        var output = new CapturedOutput();
        var server = ChildProcess.Start(startInfo, output);
        try
        {
            using var http = TrustingClient(baseAddress, caPem);
            await WaitUntilReadyAsync(http, server, output);

            using (var index = JsonDocument.Parse(await http.GetStringAsync("v3/index.json")))
            {
                var urls = index.RootElement.GetProperty("resources").EnumerateArray().Select(resource => resource.GetProperty("@id").GetString()!);
                Assert.That(urls, Is.All.StartWith(baseAddress.GetLeftPart(UriPartial.Authority)), "feed URLs follow the scheme the client used");
            }

            using var cli = new DotnetCli("https");
            cli.Environment["SSL_CERT_FILE"] = caPem;
            var package = TestPackages.Create(UniqueIds.For("Https"), "1.0.0");
            var file = package.WriteTo(cli.WorkingDirectory);
            await File.WriteAllTextAsync(Path.Combine(cli.WorkingDirectory, NuGetConfigFile.FileName),
                $"""<configuration><packageSources><clear /><add key="faros" value="{baseAddress}v3/index.json" /></packageSources></configuration>""");

            var push = await cli.RunAsync("nuget", "push", file, "--source", "faros", "--api-key", apiKey);

            Assert.That(push.Succeeded, push + Environment.NewLine + output);
            Assert.That(await http.GetByteArrayAsync($"v3/package/{package.LowerId}/1.0.0/{package.LowerId}.1.0.0.nupkg"), Is.EqualTo(package.Content));
        }
        finally
        {
            await ChildProcess.StopAsync(server, TimeSpan.FromSeconds(10));
        }
    }

    private static (string CaPem, string PfxPath) CreateCertificates(string directory)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Faros Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        // Within the CA's validity: a leaf outliving its issuer by the milliseconds since the CA was made is refused.
        using var signed = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), ca.NotAfter.AddMinutes(-1), RandomNumberGenerator.GetBytes(8));
        using var withKey = signed.CopyWithPrivateKey(serverKey);

        var caPem = Path.Combine(directory, "ca.pem");
        File.WriteAllText(caPem, ca.ExportCertificatePem());
        var pfx = Path.Combine(directory, "registry.pfx");
        File.WriteAllBytes(pfx, withKey.Export(X509ContentType.Pfx, "test"));
        return (caPem, pfx);
    }

    private static HttpClient TrustingClient(Uri baseAddress, string caPem)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caPem));
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(new X509Certificate2(certificate));
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Process server, CapturedOutput output)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.That(server.HasExited, Is.False, $"the registry exited:{Environment.NewLine}{output}");
            try
            {
                using var response = await http.GetAsync("readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the registry did not become ready over HTTPS:{Environment.NewLine}{output}");
    }
}
