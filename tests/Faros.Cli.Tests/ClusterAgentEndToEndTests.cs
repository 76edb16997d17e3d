using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Faros.Agent.Tests.Agent.EndToEnd;
using Faros.Api.Core;
using Faros.Api.Kubernetes;
using Faros.Cli.Tests.Environment;
using k8s;
using k8s.Models;

namespace Faros.Cli.Tests;

/// <summary>
/// `kubectl faros clusters init` end to end with the real operator (in-process, watching this fixture's namespace)
/// and the real agent process in cluster mode. No kubelet runs here, so the test does what the Deployment would:
/// it writes the manifest's Secret where the pod would mount it and starts the agent with the container's args. The
/// test API server doubles as the target cluster (for the dry-run apply and as the cluster the agent reports on).
/// </summary>
[TestFixture]
public sealed class ClusterAgentEndToEndTests : RealOperatorTestBase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected override string NamespacePrefix => "clus";

    [Test]
    public async Task The_printed_manifest_runs_the_real_agent_to_Ready_losing_it_turns_the_cluster_Failed_and_a_new_one_brings_it_back()
    {
        // The manifest is written to a file that appears (by rename) once init closed stdout; init goes on waiting.
        var manifestFile = Path.Combine(sandbox.Directory, "manifest.yaml");
        var init = sandbox.RunAsync("bash", ["-c",
            $"set -o pipefail; kubectl faros clusters init east -n {ns} --heartbeat-timeout 10s --timeout 50s | (cat > '{manifestFile}.part' && mv '{manifestFile}.part' '{manifestFile}')"],
            FarosTool.Directory);
        await WaitForAsync(() => File.Exists(manifestFile) || init.IsCompleted, "the printed manifest");
        Assert.That(File.Exists(manifestFile), $"no manifest: {(init.IsCompleted ? (await init).ToString() : "")}");

        var objects = await DryRunOnTheTargetAsync(manifestFile);
        var deployment = objects.Single(o => Kind(o) == "Deployment");
        var podSpec = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec");
        var container = podSpec.GetProperty("containers").EnumerateArray().Single();
        Assert.That(deployment.GetProperty("spec").GetProperty("replicas").GetInt32(), Is.EqualTo(1));
        Assert.That(container.GetProperty("image").GetString(), Does.Match(@"^ghcr\.io/faros-sh/faros-agent:\d+\.\d+\.\d+"));

        using var pod = new TempDirectory("cluster-agent-pod");
        var arguments = PodArguments(objects, podSpec, container, pod.Path);
        Assert.That(arguments, Is.SupersetOf(new[] { "--mode", "cluster", "--name", "east", "--namespace", ns }));

        // In place of the pod's in-cluster config (the only argument added): the target cluster is the test API server.
        string[] podArguments = [.. arguments, "--target-kubeconfig", admin.Hub.KubeconfigPath];
        var toReady = Stopwatch.StartNew();
        var agent = BuiltProgram.Start("agent/Faros.Agent", "Faros.Agent", podArguments);
        try
        {
            var result = await init;
            toReady.Stop();
            Assert.That(result.Succeeded, $"{result}{System.Environment.NewLine}agent: {agent.Output}");
            Assert.That(result.StandardError, Does.Contain($"Cluster {ns}/east is Ready."));
            Assert.That(agent.HasExited, Is.False, "the agent accepted every container arg and keeps running");

            var coreAgent = await new ResourceClient<CoreAgent>(admin.Client).GetAsync(ns, "east");
            Assert.That(coreAgent.Status.LastHeartbeat, Is.Not.Null);
            Assert.That(coreAgent.Status.AgentVersion, Does.Match(@"^\d+\.\d+\.\d+"));
            var target = coreAgent.Status.FindCondition("TargetReachable");
            Assert.That(target?.Status, Is.EqualTo("True"), agent.Output.ToString());
            Assert.That(target!.Message, Does.Contain("Kubernetes v1.20.2"));

            // With the operator's token it may also read its token Secret, where the operator renews the token.
            await WaitForAsync(() => agent.Output.ToString().Contains("The hub token in use is the current one", StringComparison.Ordinal), "the agent's first token check");
            Assert.That(agent.Output.ToString(), Does.Not.Contain("Keeping the hub token current failed"));
        }
        finally
        {
            await agent.DisposeAsync();
        }

        // The agent is gone: past the 10 s heartbeat timeout the operator marks the cluster Failed.
        var clusters = new ResourceClient<Cluster>(admin.Client);
        var stopped = Stopwatch.StartNew();
        await WaitForAsync(async () => (await clusters.GetAsync(ns, "east")).Status.Phase == ClusterPhases.Failed, "the cluster Failed after the agent stopped");
        var failed = await clusters.GetAsync(ns, "east");
        Assert.That(failed.Status.FindCondition(ClusterConditions.Ready)?.Reason, Is.EqualTo(ClusterConditions.Reasons.HeartbeatLost));

        // A new pod (the Deployment recreating it) brings the same Cluster back to Ready.
        var recovered = Stopwatch.StartNew();
        await using (var again = BuiltProgram.Start("agent/Faros.Agent", "Faros.Agent", podArguments))
        {
            await WaitForAsync(async () => (await clusters.GetAsync(ns, "east")).Status.Phase == ClusterPhases.Ready, "the cluster Ready again with a new agent");
        }

        await TestContext.Progress.WriteLineAsync(
            $"Cluster agent: start -> init's wait Ready {toReady.Elapsed.TotalSeconds:F1} s; stopped -> Failed {stopped.Elapsed.TotalSeconds:F1} s (timeout 10 s); restarted -> Ready {recovered.Elapsed.TotalSeconds:F1} s.");
    }

    [Test]
    public async Task The_agent_refuses_an_argument_it_does_not_know_naming_it()
    {
        await using var agent = BuiltProgram.Start("agent/Faros.Agent", "Faros.Agent", ["--mode", "cluster", "--cluster", "east"]);
        // So an arg that drifted from the agent fails the pod at once instead of running on defaults.
        await WaitForAsync(() => agent.HasExited && agent.Output.ToString().Contains("Invalid agent arguments", StringComparison.Ordinal), "the agent to exit with its error");
        Assert.That(agent.Output.ToString(), Does.Contain("'--cluster' is not an agent setting; use one of --mode"));
    }

    /// <summary>`kubectl apply --dry-run=server` of the manifest on the target; the objects as the server admitted them.</summary>
    private async Task<List<JsonElement>> DryRunOnTheTargetAsync(string manifestFile)
    {
        // A dry run creates nothing, so the manifest's own namespace must exist for the objects in it to be admitted.
        var existing = await admin.Client.CoreV1.ListNamespaceAsync(fieldSelector: "metadata.name=faros-system");
        if (existing.Items.Count == 0)
        {
            await admin.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "faros-system" } });
        }

        var dryRun = await sandbox.KubectlAsync("apply", "--dry-run=server", "-o", "json", "-f", manifestFile);
        Assert.That(dryRun.Succeeded, dryRun.ToString());
        using var document = JsonDocument.Parse(dryRun.StandardOutput);
        var objects = document.RootElement.GetProperty("items").EnumerateArray().Select(item => item.Clone()).ToList();
        Assert.That(objects.Select(Kind), Is.EquivalentTo(new[] { "Namespace", "Secret", "ServiceAccount", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment" }));
        return objects;
    }

    /// <summary>
    /// What the kubelet would give the container: each Secret volume's keys as files under a local stand-in for its
    /// mount path, and the container's args with the mount paths mapped onto those folders.
    /// </summary>
    private static List<string> PodArguments(List<JsonElement> objects, JsonElement podSpec, JsonElement container, string root)
    {
        var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mount in container.GetProperty("volumeMounts").EnumerateArray())
        {
            var volumeName = mount.GetProperty("name").GetString();
            var volume = podSpec.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("name").GetString() == volumeName);
            var local = Path.Combine(root, volumeName!);
            Directory.CreateDirectory(local);
            if (volume.TryGetProperty("secret", out var secretVolume))
            {
                var secretName = secretVolume.GetProperty("secretName").GetString();
                var secret = objects.Single(o => Kind(o) == "Secret" && o.GetProperty("metadata").GetProperty("name").GetString() == secretName);
                foreach (var (key, value) in SecretData(secret))
                {
                    File.WriteAllText(Path.Combine(local, key), value);
                }
            }

            mounts[mount.GetProperty("mountPath").GetString()!] = local;
        }

        return container.GetProperty("args").EnumerateArray().Select(arg =>
        {
            var text = arg.GetString()!;
            var mount = mounts.Keys.FirstOrDefault(path => text == path || text.StartsWith(path + "/", StringComparison.Ordinal));
            return mount is null ? text : mounts[mount] + text[mount.Length..];
        }).ToList();
    }

    private static IEnumerable<(string Key, string Value)> SecretData(JsonElement secret)
    {
        if (secret.TryGetProperty("data", out var data))
        {
            foreach (var entry in data.EnumerateObject())
            {
                yield return (entry.Name, Encoding.UTF8.GetString(Convert.FromBase64String(entry.Value.GetString()!)));
            }
        }

        if (secret.TryGetProperty("stringData", out var stringData))
        {
            foreach (var entry in stringData.EnumerateObject())
            {
                yield return (entry.Name, entry.Value.GetString()!);
            }
        }
    }

    private static string Kind(JsonElement item) => item.GetProperty("kind").GetString()!;

    private static Task WaitForAsync(Func<bool> condition, string what) => WaitForAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"Timed out after {Patience.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
