using Faros.Registry.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Storage.Blobs;

namespace Faros.Registry.Tests.Scale;

/// <summary>An instance killed with SIGKILL in the middle of a large push leaves no half package, and a retry succeeds.</summary>
[TestFixture]
public sealed class CrashSafetyTests
{
    [Test]
    public async Task Killing_an_instance_mid_push_leaves_nothing_half_stored_and_a_retry_succeeds()
    {
        var settings = await ScaleServices.NewRegistryConfigurationAsync();
        var victim = await RegistryProcess.StartAsync(settings);
        await using var survivor = await RegistryProcess.StartAsync(settings);
        var container = new BlobContainerClient(settings["Storage__AzureBlob__ConnectionString"], settings["Storage__AzureBlob__Container"]);

        // Random bytes do not compress: a package of about 24 MB.
        var package = TestPackages.Build(new TestPackageSpec(UniqueIds.For("Crash"), "1.0.0")
        {
            Files = new Dictionary<string, byte[]> { ["content/payload.bin"] = RandomNumberGenerator.GetBytes(24 * 1024 * 1024) },
        });
        var upload = new GatedUploadStream(package.Content, gateAt: package.Content.Length / 2);
        using var victimClient = victim.CreateClient();
        using var content = new MultipartFormDataContent();
        var file = new StreamContent(upload);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "package", "package.nupkg");
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/v2/package") { Content = content };
        request.Headers.Add(PackagePublishClient.ApiKeyHeader, victim.BootstrapApiKey);
        var push = victimClient.SendAsync(request);

        await upload.GateReached.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(300);
        await victim.DisposeAsync(); // SIGKILL to the process tree, half-way through the upload.
        upload.Release();
        Assert.That(async () => await push, Throws.InstanceOf<HttpRequestException>().Or.InstanceOf<TaskCanceledException>());

        using var survivorClient = survivor.CreateClient();
        using (var index = await survivorClient.GetAsync($"v3/package/{package.LowerId}/index.json"))
        {
            Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the database must hold nothing of the killed push");
        }

        var blobs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, package.LowerId + "/", default))
        {
            blobs.Add(blob.Name);
        }

        Assert.That(blobs, Is.Empty, "storage must hold nothing of the killed push");

        using (var retry = await new PackagePublishClient(survivorClient).PushAsync(package, survivor.BootstrapApiKey))
        {
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created), await retry.Content.ReadAsStringAsync());
        }

        var stored = await survivorClient.GetByteArrayAsync($"v3/package/{package.LowerId}/1.0.0/{package.LowerId}.1.0.0.nupkg");
        Assert.That(stored, Is.EqualTo(package.Content));
    }
}
