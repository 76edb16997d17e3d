using System.Text.Json;
using Faros.Cli.Tests.Environment;

namespace Faros.Cli.Tests;

/// <summary>`kubectl faros login` against the real API server, checked with the real kubectl.</summary>
[TestFixture]
public sealed class LoginTests : HubTestBase
{
    /// <summary>The user's existing kubeconfig: the admin entries plus another context with an extension, and preferences.</summary>
    protected override async Task PrepareSandboxAsync()
    {
        var original = await File.ReadAllTextAsync(admin.Hub.KubeconfigPath);
        await File.WriteAllTextAsync(sandbox.KubeconfigPath, original.Replace("contexts:\n", """
            contexts:
            - name: other
              context:
                cluster: faros-test
                user: faros-admin
                namespace: kube-system
                extensions:
                - name: example.com/keep-me
                  extension:
                    answer: "42"

            """.Replace("\r", ""), StringComparison.Ordinal).TrimEnd() + "\npreferences:\n  colors: true\n");
    }

    [Test]
    public async Task Login_writes_a_faros_context_makes_it_current_and_keeps_every_other_entry()
    {
        var before = await ConfigViewAsync();

        var login = await sandbox.FarosAsync("login", "--hub-url", admin.Hub.Server.ToString(), "--token", admin.Hub.AdminToken, "--insecure-skip-tls-verify", "-n", "kube-public");
        Assert.That(login.Succeeded, login.ToString());
        Assert.That(login.StandardOutput, Does.Contain("context \"faros\" is now current"), login.ToString());

        var after = await ConfigViewAsync();
        Assert.That(after.GetProperty("current-context").GetString(), Is.EqualTo("faros"));
        foreach (var section in new[] { "clusters", "users", "contexts" })
        {
            foreach (var entry in before.GetProperty(section).EnumerateArray())
            {
                var name = entry.GetProperty("name").GetString();
                var kept = after.GetProperty(section).EnumerateArray().Single(candidate => candidate.GetProperty("name").GetString() == name);
                Assert.That(kept.ToString(), Is.EqualTo(entry.ToString()), $"{section}/{name} changed");
            }
        }

        Assert.That(after.GetProperty("preferences").ToString(), Does.Contain("colors"));
        var context = FarosContext(after);
        Assert.That(context.GetProperty("cluster").GetString(), Is.EqualTo("faros"));
        Assert.That(context.GetProperty("user").GetString(), Is.EqualTo("faros"));
        Assert.That(context.GetProperty("namespace").GetString(), Is.EqualTo("kube-public"));

        // The real kubectl uses the new context as is.
        var whoami = await sandbox.KubectlAsync("get", "namespace", "kube-public", "-o", "name");
        Assert.That(whoami.StandardOutput.Trim(), Is.EqualTo("namespace/kube-public"), whoami.ToString());
    }

    [Test]
    public async Task Logging_in_again_keeps_the_contexts_namespace_and_extensions_unless_told_otherwise()
    {
        string[] login = ["login", "--hub-url", admin.Hub.Server.ToString(), "--token", admin.Hub.AdminToken, "--insecure-skip-tls-verify"];
        Assert.That((await sandbox.FarosAsync([.. login, "-n", "kube-public", "--registry", "http://registry-one.example"])).Succeeded);
        var again = await sandbox.FarosAsync(login);
        Assert.That(again.Succeeded, again.ToString());
        var context = FarosContext(await ConfigViewAsync());
        Assert.That(context.GetProperty("namespace").GetString(), Is.EqualTo("kube-public"));
        Assert.That(context.GetProperty("extensions")[0].GetProperty("extension").GetProperty("url").GetString(), Is.EqualTo("http://registry-one.example/v3/index.json"));

        Assert.That((await sandbox.FarosAsync([.. login, "-n", "default", "--registry", "http://registry-two.example/v3/index.json"])).Succeeded);
        context = FarosContext(await ConfigViewAsync());
        Assert.That(context.GetProperty("namespace").GetString(), Is.EqualTo("default"));
        Assert.That(context.GetProperty("extensions").GetArrayLength(), Is.EqualTo(1));
        Assert.That(context.GetProperty("extensions")[0].GetProperty("extension").GetProperty("url").GetString(), Is.EqualTo("http://registry-two.example/v3/index.json"));
    }

    [Test]
    public async Task Login_with_the_hubs_certificate_authority_embeds_it_and_tls_is_verified()
    {
        var caFile = Path.Combine(sandbox.Directory, "hub-ca.crt");
        await File.WriteAllTextAsync(caFile, await admin.ServingCertificateAuthorityPemAsync());

        var login = await sandbox.KubectlFarosAsync("login", "--hub-url", admin.Hub.Server.ToString(), "--token", admin.Hub.AdminToken, "--certificate-authority", caFile);
        Assert.That(login.Succeeded, login.ToString());

        var cluster = (await ConfigViewAsync()).GetProperty("clusters").EnumerateArray().Single(entry => entry.GetProperty("name").GetString() == "faros").GetProperty("cluster");
        Assert.That(cluster.TryGetProperty("insecure-skip-tls-verify", out _), Is.False);
        Assert.That(cluster.GetProperty("certificate-authority-data").GetString(), Is.Not.Empty);
        var list = await sandbox.KubectlAsync("get", "namespace", "default", "-o", "name");
        Assert.That(list.Succeeded, list.ToString());
    }

    [Test]
    public async Task Login_without_trusting_the_hubs_certificate_fails_with_what_to_do_and_writes_nothing()
    {
        var before = await File.ReadAllBytesAsync(sandbox.KubeconfigPath);
        var login = await sandbox.FarosAsync("login", "--hub-url", admin.Hub.Server.ToString(), "--token", admin.Hub.AdminToken);
        Assert.That(login.ExitCode, Is.EqualTo(6), login.ToString());
        Assert.That(login.StandardError, Does.Contain("--certificate-authority"), login.ToString());
        Assert.That(await File.ReadAllBytesAsync(sandbox.KubeconfigPath), Is.EqualTo(before));
    }

    [TestCase(false, 5, "rejected the credentials", TestName = "Login_with_a_rejected_token_exits_5_and_writes_nothing")]
    [TestCase(true, 6, "Cannot reach the hub", TestName = "Login_to_an_unreachable_hub_exits_6_and_writes_nothing")]
    public async Task Login_failures_write_nothing(bool unreachable, int exitCode, string message)
    {
        var before = await File.ReadAllBytesAsync(sandbox.KubeconfigPath);
        var hubUrl = unreachable ? $"https://127.0.0.1:{FreeTcpPort.Next()}" : admin.Hub.Server.ToString();
        var login = await sandbox.FarosAsync("login", "--hub-url", hubUrl, "--token", "not-a-token", "--insecure-skip-tls-verify");
        Assert.That(login.ExitCode, Is.EqualTo(exitCode), login.ToString());
        Assert.That(login.StandardError, Does.Contain(message), login.ToString());
        Assert.That(await File.ReadAllBytesAsync(sandbox.KubeconfigPath), Is.EqualTo(before));
    }

    [Test]
    public async Task Login_into_a_new_kubeconfig_file_creates_it_owner_only()
    {
        var fresh = Path.Combine(sandbox.Directory, "new", "config");
        var login = await sandbox.FarosAsync("login", "--kubeconfig", fresh, "--hub-url", admin.Hub.Server.ToString(), "--token", admin.Hub.AdminToken, "--insecure-skip-tls-verify");
        Assert.That(login.Succeeded, login.ToString());
        Assert.That(File.GetUnixFileMode(fresh), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var list = await sandbox.KubectlAsync("--kubeconfig", fresh, "get", "namespace", "default", "-o", "name");
        Assert.That(list.Succeeded, list.ToString());
    }

    private static JsonElement FarosContext(JsonElement config) =>
        config.GetProperty("contexts").EnumerateArray().Single(entry => entry.GetProperty("name").GetString() == "faros").GetProperty("context");

    private async Task<JsonElement> ConfigViewAsync()
    {
        var view = await sandbox.KubectlAsync("config", "view", "--raw", "-o", "json");
        Assert.That(view.Succeeded, view.ToString());
        return JsonDocument.Parse(view.StandardOutput).RootElement.Clone();
    }
}
