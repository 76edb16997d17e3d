using System.Text.Json;
using Faros.Cli.Tests.Environment;
using k8s;
using k8s.Models;

namespace Faros.Cli.Tests;

/// <summary>`kubectl faros workspace ...` on the real API server, with RBAC checked by the server itself.</summary>
[TestFixture]
public sealed class WorkspaceTests : HubTestBase
{
    [Test]
    public async Task Create_labels_the_namespace_and_binds_members_who_then_may_manage_faros_resources()
    {
        var name = NewName("ws");
        var create = await sandbox.KubectlFarosAsync("workspace", "create", name, "--members", "alice,group:devs");
        Assert.That(create.Succeeded, create.ToString());

        var ns = await admin.Client.CoreV1.ReadNamespaceAsync(name);
        Assert.That(ns.Metadata.Labels, Does.ContainKey("faros.sh/workspace"));
        var binding = await admin.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("faros-workspace-members", name);
        Assert.That(binding.RoleRef.Name, Is.EqualTo("faros-workspace-member"));
        Assert.That(binding.Subjects.Select(subject => $"{subject.Kind}/{subject.Name}"), Is.EquivalentTo(new[] { "User/alice", "Group/devs" }));

        // The server's own authorizer: members may manage Faros resources in the workspace, others may not.
        Assert.That(await CanAsync("alice", [], "edge.faros.sh", "agents", name), Is.True);
        Assert.That(await CanAsync("carol", ["devs"], "", "secrets", name), Is.True);
        Assert.That(await CanAsync("mallory", [], "edge.faros.sh", "agents", name), Is.False);
        Assert.That(await CanAsync("alice", [], "edge.faros.sh", "agents", "default"), Is.False);

        // kubectl agrees, impersonating a member.
        var kubectl = await sandbox.KubectlAsync("auth", "can-i", "create", "secrets", "-n", name, "--as", "alice");
        Assert.That(kubectl.StandardOutput.Trim(), Is.EqualTo("yes"), kubectl.ToString());
    }

    [Test]
    public async Task Create_with_an_existing_cluster_role_binds_to_it()
    {
        var name = NewName("ws");
        var create = await sandbox.FarosAsync("workspace", "create", name, "--members", "serviceaccount:default:robot", "--role", "edit");
        Assert.That(create.Succeeded, create.ToString());
        var binding = await admin.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("faros-workspace-members", name);
        Assert.That(binding.RoleRef.Name, Is.EqualTo("edit"));
        Assert.That(binding.Subjects.Single().Kind, Is.EqualTo("ServiceAccount"));
        Assert.That(binding.Subjects.Single().NamespaceProperty, Is.EqualTo("default"));
    }

    [Test]
    public async Task Create_with_a_missing_role_or_a_bad_member_creates_nothing()
    {
        var name = NewName("ws");
        var missingRole = await sandbox.FarosAsync("workspace", "create", name, "--members", "alice", "--role", "no-such-role");
        Assert.That(missingRole.ExitCode, Is.EqualTo(3), missingRole.ToString());
        Assert.That(missingRole.StandardError, Does.Contain("no-such-role").And.Contain("--role"));

        var badMember = await sandbox.FarosAsync("workspace", "create", name, "--members", "robot:x");
        Assert.That(badMember.ExitCode, Is.EqualTo(2), badMember.ToString());
        Assert.That(badMember.StandardError, Does.Contain("group:NAME"));

        var namespaces = await admin.Client.CoreV1.ListNamespaceAsync(fieldSelector: $"metadata.name={name}");
        Assert.That(namespaces.Items, Is.Empty);
    }

    [Test]
    public async Task Create_twice_exits_7_and_get_of_a_plain_namespace_exits_3()
    {
        var name = NewName("ws");
        Assert.That((await sandbox.FarosAsync("workspace", "create", name)).Succeeded);
        var again = await sandbox.FarosAsync("workspace", "create", name);
        Assert.That(again.ExitCode, Is.EqualTo(7), again.ToString());
        Assert.That(again.StandardError, Does.Contain("exists already"));

        var plain = await sandbox.FarosAsync("workspace", "get", "kube-public");
        Assert.That(plain.ExitCode, Is.EqualTo(3), plain.ToString());
        Assert.That(plain.StandardError, Does.Contain("not a Faros workspace"));

        var missing = await sandbox.FarosAsync("workspace", "get", "no-such-workspace");
        Assert.That(missing.ExitCode, Is.EqualTo(3), missing.ToString());
    }

    [Test]
    public async Task List_and_get_print_table_json_and_yaml()
    {
        var name = NewName("ws");
        Assert.That((await sandbox.FarosAsync("workspace", "create", name, "--members", "bob")).Succeeded);

        var table = await sandbox.KubectlFarosAsync("workspace", "list");
        Assert.That(table.Succeeded, table.ToString());
        var lines = table.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Match(@"^NAME\s+MEMBERS\s+ROLE\s+STATUS\s+AGE$"));
        Assert.That(lines, Has.Some.Match($@"^{name}\s+bob\s+faros-workspace-member\s+Active\s+\d+s$"));
        Assert.That(lines, Has.None.StartsWith("kube-system"), "plain namespaces are not workspaces");

        var json = await sandbox.FarosAsync("workspace", "list", "-o", "json");
        var items = JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("items");
        var item = items.EnumerateArray().Single(candidate => candidate.GetProperty("name").GetString() == name);
        Assert.That(item.GetProperty("members")[0].GetString(), Is.EqualTo("bob"));

        var yaml = await sandbox.FarosAsync("workspace", "get", name, "-o", "yaml");
        Assert.That(yaml.Succeeded, yaml.ToString());
        Assert.That(yaml.StandardOutput, Does.Contain($"name: {name}").And.Contain("members:\n- bob").And.Contain("phase: Active"));
    }

    [Test]
    public async Task Use_sets_the_namespace_of_the_current_context()
    {
        var name = NewName("ws");
        Assert.That((await sandbox.FarosAsync("workspace", "create", name)).Succeeded);

        var use = await sandbox.KubectlFarosAsync("workspace", "use", name);
        Assert.That(use.Succeeded, use.ToString());
        var ns = await sandbox.KubectlAsync("config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}");
        Assert.That(ns.StandardOutput.Trim(), Is.EqualTo(name), ns.ToString());

        var missing = await sandbox.FarosAsync("workspace", "use", "kube-system");
        Assert.That(missing.ExitCode, Is.EqualTo(3), missing.ToString());
        ns = await sandbox.KubectlAsync("config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}");
        Assert.That(ns.StandardOutput.Trim(), Is.EqualTo(name), "a failed use changes nothing");
    }

    [Test]
    public async Task Delete_waits_until_the_namespace_is_gone_and_times_out_with_exit_4()
    {
        // The test API server runs no controller-manager, so no namespace controller finalizes deleted namespaces:
        // a wait times out, unless the test plays the namespace controller's part through the finalize subresource.
        var stuck = NewName("ws");
        Assert.That((await sandbox.FarosAsync("workspace", "create", stuck)).Succeeded);
        var timedOut = await sandbox.FarosAsync("workspace", "delete", stuck, "--wait", "--timeout", "2s");
        Assert.That(timedOut.ExitCode, Is.EqualTo(4), timedOut.ToString());
        Assert.That(timedOut.StandardError, Does.Contain("Waiting for workspace").And.Contain("Timed out after 2s"));

        var finished = NewName("ws");
        Assert.That((await sandbox.FarosAsync("workspace", "create", finished)).Succeeded);
        var deletion = sandbox.KubectlFarosAsync("workspace", "delete", finished, "--wait", "--timeout", "60s");
        await PlayNamespaceControllerAsync(finished);
        var deleted = await deletion;
        Assert.That(deleted.Succeeded, deleted.ToString());
        Assert.That(deleted.StandardOutput, Does.Contain($"Workspace \"{finished}\" deleted."));
    }

    [Test]
    public async Task A_user_without_rights_gets_exit_5_with_what_to_do()
    {
        var token = await admin.CreatePowerlessTokenAsync(NewName("nobody"));
        var login = await sandbox.FarosAsync("login", "--hub-url", admin.Hub.Server.ToString(), "--token", token, "--insecure-skip-tls-verify");
        Assert.That(login.Succeeded, login.ToString());

        var list = await sandbox.FarosAsync("workspace", "list");
        Assert.That(list.ExitCode, Is.EqualTo(5), list.ToString());
        Assert.That(list.StandardError, Does.Contain("Forbidden").And.Contain("Ask a hub administrator"));
    }

    /// <summary>What kube-controller-manager's namespace controller does once a namespace is empty: clear spec.finalizers.</summary>
    private async Task PlayNamespaceControllerAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var ns = await admin.Client.CoreV1.ReadNamespaceAsync(name);
            if (ns.Metadata.DeletionTimestamp is not null)
            {
                ns.Spec.Finalizers = [];
                await admin.Client.CoreV1.ReplaceNamespaceFinalizeAsync(ns, name);
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{name} was never marked for deletion.");
    }

    /// <summary>Asks the API server's authorizer (a SubjectAccessReview) whether a user may create a resource.</summary>
    private async Task<bool> CanAsync(string user, string[] groups, string group, string resource, string ns)
    {
        var review = await admin.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user,
                Groups = groups,
                ResourceAttributes = new V1ResourceAttributes { Verb = "create", Group = group, Resource = resource, NamespaceProperty = ns },
            },
        });
        return review.Status.Allowed;
    }
}
