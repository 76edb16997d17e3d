using Faros.Cli.Tests.Environment;

namespace Faros.Cli.Tests;

/// <summary>Several files in KUBECONFIG: read merged like kubectl does, and edited in the file that holds each entry.</summary>
[TestFixture]
public sealed class KubeconfigTests : HubTestBase
{
    [Test]
    public async Task Several_kubeconfig_files_are_merged_and_each_edit_lands_in_the_file_holding_the_entry()
    {
        // The second file trusts the hub through a CA file named relative to itself.
        var second = Path.Combine(sandbox.Directory, "more", "config");
        Directory.CreateDirectory(Path.GetDirectoryName(second)!);
        await File.WriteAllTextAsync(Path.Combine(sandbox.Directory, "more", "hub-ca.crt"), await admin.ServingCertificateAuthorityPemAsync());
        await File.WriteAllTextAsync(second, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: verified
              cluster:
                server: {admin.Hub.Server}
                certificate-authority: hub-ca.crt
            users:
            - name: second-admin
              user:
                token: {admin.Hub.AdminToken}
            contexts:
            - name: via-ca
              context:
                cluster: verified
                user: second-admin
            """);
        sandbox.Environment["KUBECONFIG"] = $"{sandbox.KubeconfigPath}:{Path.Combine(sandbox.Directory, "missing")}:{second}";
        var firstBefore = await File.ReadAllTextAsync(sandbox.KubeconfigPath);

        var workspace = NewName("ws");
        var create = await sandbox.FarosAsync("workspace", "create", workspace, "--context", "via-ca");
        Assert.That(create.Succeeded, create.ToString());

        var use = await sandbox.KubectlFarosAsync("workspace", "use", workspace, "--context", "via-ca");
        Assert.That(use.Succeeded, use.ToString());
        Assert.That(await File.ReadAllTextAsync(sandbox.KubeconfigPath), Is.EqualTo(firstBefore), "the first file does not hold via-ca");
        Assert.That(await File.ReadAllTextAsync(second), Does.Contain($"namespace: {workspace}"));

        var login = await sandbox.FarosAsync("login", "--hub-url", admin.Hub.Server.ToString(), "--token", admin.Hub.AdminToken, "--insecure-skip-tls-verify");
        Assert.That(login.Succeeded, login.ToString());
        var first = await File.ReadAllTextAsync(sandbox.KubeconfigPath);
        Assert.That(first, Does.Contain("current-context: faros").And.Contain("name: faros"), "new entries and current-context go to the first file");
        Assert.That(await File.ReadAllTextAsync(second), Does.Not.Contain("faros"));
        Assert.That(File.Exists(Path.Combine(sandbox.Directory, "missing")), Is.False);

        var current = await sandbox.KubectlAsync("config", "current-context");
        Assert.That(current.StandardOutput.Trim(), Is.EqualTo("faros"), current.ToString());
    }
}
