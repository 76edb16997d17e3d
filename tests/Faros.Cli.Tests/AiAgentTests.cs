using System.Text;
using Faros.Api.Core;
using Faros.Api.Intelligence;
using Faros.Api.Kubernetes;
using Faros.Cli.Tests.Environment;
using k8s;
using k8s.Models;

namespace Faros.Cli.Tests;

/// <summary>`kubectl faros ai-agents init|list` on the real API server.</summary>
[TestFixture]
public sealed class AiAgentTests : FarosApiTestBase
{
    [Test]
    public async Task Init_with_an_api_key_stores_it_in_a_secret_and_list_shows_the_columns()
    {
        var init = await sandbox.KubectlFarosAsync("ai-agents", "init", "--name", "ops", "--backend", "openai", "--model", "gpt-4o-mini",
            "--api-key", "sk-test-123", "--base-url", "http://127.0.0.1:9/v1", "--cluster-selector", "env=prod", "-n", ns);
        Assert.That(init.Succeeded, init.ToString());

        var secret = await admin.Client.CoreV1.ReadNamespacedSecretAsync("ops-api-key", ns);
        Assert.That(Encoding.UTF8.GetString(secret.Data["api-key"]), Is.EqualTo("sk-test-123"));
        var agent = await new ResourceClient<AiAgent>(admin.Client).GetAsync(ns, "ops");
        Assert.That(agent.Spec.Backend, Is.EqualTo("openai"));
        Assert.That(agent.Spec.Model, Is.EqualTo("gpt-4o-mini"));
        Assert.That(agent.Spec.BaseUrl, Is.EqualTo("http://127.0.0.1:9/v1"));
        Assert.That(agent.Spec.SecretRef.Name, Is.EqualTo("ops-api-key"));
        Assert.That(agent.Spec.SecretRef.Key, Is.EqualTo("api-key"));
        Assert.That(agent.Spec.ClusterSelector!.MatchLabels["env"], Is.EqualTo("prod"));

        await Operator.SetAiAgentPhaseAsync(ns, "ops", ClusterPhases.Ready);
        var list = await sandbox.FarosAsync("ai-agents", "list", "-n", ns);
        var lines = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Match(@"^NAME\s+BACKEND\s+MODEL\s+PHASE\s+AGE$"));
        Assert.That(lines[1], Does.Match(@"^ops\s+openai\s+gpt-4o-mini\s+Ready\s+\d+s$"));
    }

    [Test]
    public async Task Init_with_an_existing_secret_checks_it_first_and_waits_for_ready()
    {
        var missing = await sandbox.FarosAsync("ai-agents", "init", "--name", "ops", "--backend", "openai", "--model", "m", "--secret-name", "llm", "--secret-key", "key", "-n", ns);
        Assert.That(missing.ExitCode, Is.EqualTo(3), missing.ToString());
        Assert.That(missing.StandardError, Does.Contain("kubectl create secret generic llm"));
        Assert.That(await new ResourceClient<AiAgent>(admin.Client).FindAsync(ns, "ops"), Is.Null);

        await admin.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "llm" },
            StringData = new Dictionary<string, string> { ["key"] = "sk-live" },
        }, ns);
        var init = sandbox.FarosAsync("ai-agents", "init", "--name", "ops", "--backend", "openai", "--model", "m", "--secret-name", "llm", "--secret-key", "key", "-n", ns, "--wait", "--timeout", "60s");
        await Operator.SetAiAgentPhaseAsync(ns, "ops", ClusterPhases.Ready);
        var result = await init;
        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.StandardError, Does.Contain($"Waiting for AI agent {ns}/ops to be Ready: phase Ready"));
        Assert.That((await new ResourceClient<AiAgent>(admin.Client).GetAsync(ns, "ops")).Spec.SecretRef.Name, Is.EqualTo("llm"));
    }

    [TestCase(true, TestName = "Init_with_both_an_api_key_and_a_secret_exits_2")]
    [TestCase(false, TestName = "Init_with_neither_an_api_key_nor_a_secret_exits_2")]
    public async Task Init_needs_exactly_one_key_source(bool both)
    {
        var arguments = new List<string> { "ai-agents", "init", "--name", "ops", "--backend", "openai", "--model", "m", "-n", ns };
        if (both)
        {
            arguments.AddRange(["--api-key", "k", "--secret-name", "s"]);
        }

        var result = await sandbox.FarosAsync([.. arguments]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("Pass either --api-key"));
    }

    [Test]
    public async Task Init_reads_the_key_from_stdin_and_refuses_an_empty_one()
    {
        // The test runner closes the tool's stdin, so `--api-key -` reads nothing.
        var result = await sandbox.FarosAsync("ai-agents", "init", "--name", "ops", "--backend", "openai", "--model", "m", "--api-key", "-", "-n", ns);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("--api-key - read nothing from stdin"));
        Assert.That(await new ResourceClient<AiAgent>(admin.Client).FindAsync(ns, "ops"), Is.Null);

        var piped = await sandbox.RunAsync("bash", ["-c", $"printf 'sk-piped\\n' | kubectl faros ai-agents init --name piped --backend openai --model m --api-key - -n {ns}"], FarosTool.Directory);
        Assert.That(piped.Succeeded, piped.ToString());
        var secret = await admin.Client.CoreV1.ReadNamespacedSecretAsync("piped-api-key", ns);
        Assert.That(Encoding.UTF8.GetString(secret.Data["api-key"]), Is.EqualTo("sk-piped"));
    }

    [Test]
    public async Task Init_with_an_unknown_backend_exits_2()
    {
        var result = await sandbox.FarosAsync("ai-agents", "init", "--name", "ops", "--backend", "llama", "--model", "m", "--api-key", "k", "-n", ns);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(await admin.Client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "metadata.name=ops-api-key"), Has.Property("Items").Empty);
    }
}
