using System.Net;
using Faros.Marketplace.Tests.Fixtures;

namespace Faros.Marketplace.Tests;

/// <summary>
/// The marketplace without a registry: misconfigured, it refuses to start with a readable reason; configured but
/// unable to reach it, it stays alive and answers 503 so crawlers and browsers retry later.
/// </summary>
public sealed class RegistryOutageTests
{
    [Test]
    public void StartUpFailsClearlyWithoutARegistryUrl()
    {
        var failure = Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var marketplace = await MarketplaceProcess.StartAsync(new Uri("http://unused.invalid/"),
                new Dictionary<string, string> { ["Marketplace__RegistryUrl"] = "" });
        });
        Assert.That(failure!.Message, Does.Contain("exited with code 2"));
        Assert.That(failure.Message, Does.Contain("Marketplace:RegistryUrl is not set"));
    }

    [Test]
    public async Task UnreachableRegistryGives503PagesButAHealthyProcess()
    {
        // A port nothing listens on: connections are refused at once.
        var deadRegistry = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}/");
        await using var marketplace = await MarketplaceProcess.StartAsync(deadRegistry);
        using var http = new HttpClient { BaseAddress = marketplace.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        using var page = await http.GetAsync("packages/Faros.Test.Lighthouse");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(page.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(page.Headers.RetryAfter, Is.Not.Null);
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("The registry is not answering"));

        using var health = await http.GetAsync("healthz");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
