using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Operator.Tests.EdgeAgents;
using k8s;
using k8s.Models;

namespace Faros.Operator.Tests.Benchmarks;

/// <summary>
/// The issue's benchmark: 1,000 edge Agents with 3 plugin references each, resolved from nothing by the real
/// operator process. Reports wall time, API requests (from kube-apiserver's own request counter) and the
/// operator's peak RSS. Explicit: run it on a quiet machine with
/// <c>dotnet test tests/Faros.Operator.Tests -c Release --filter Name~Thousand_agents</c>.
/// </summary>
[TestFixture]
[Explicit("Benchmark; minutes of work, figures recorded in docs/performance.md")]
[Category("Benchmark")]
public sealed partial class ResolveThousandAgentsBenchmark
{
    private const int Agents = 1000;

    [Test]
    public async Task Thousand_agents_with_three_plugins_each_resolve_from_nothing()
    {
        using var admin = OperatorTestEnvironment.NewClient();
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(admin, "bench");
        await using var registry = await RegistryProcess.StartAsync();
        var packages = new PluginPackages(registry);
        foreach (var id in new[] { "Bench.Vpn", "Bench.Runtime", "Bench.Metrics" })
        {
            await packages.PushPluginAsync(id, "1.0.0");
            await packages.PushPluginAsync(id, "1.1.0");
        }

        var agents = new ResourceClient<EdgeAgent>(admin);
        await Parallel.ForEachAsync(Enumerable.Range(0, Agents), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await agents.CreateAsync(new EdgeAgent
            {
                Metadata = new V1ObjectMeta { Name = $"device-{i:D4}", NamespaceProperty = ns },
                Spec = new EdgeAgentSpec
                {
                    Plugins =
                    [
                        new PluginReference { Name = "vpn", Package = "Bench.Vpn", Version = "1.*" },
                        new PluginReference { Name = "runtime", Package = "Bench.Runtime", Version = "[1.0.0]" },
                        new PluginReference { Name = "metrics", Package = "Bench.Metrics", Version = "1.0.0" },
                    ],
                },
            }, ct));

        var requestsBefore = await ApiRequestsAsync(admin);
        var output = new CapturedOutput();
        var startInfo = new ProcessStartInfo(DotnetHost.Path);
        DotnetHost.Sanitize(startInfo);
        foreach (var argument in new[]
        {
            OperatorDll(), "--kubeconfig", OperatorTestEnvironment.Server.KubeconfigPath, "--Operator:Namespace", ns,
            "--Operator:LeaderElection", "false", "--Operator:RegistryUrl", registry.ServiceIndex.AbsoluteUri,
            "--trust-policy", EdgeAgents.OperatorTrustPolicy.FilePath,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        var process = ChildProcess.Start(startInfo, output);
        var polls = 0;
        long peakRss;
        try
        {
            while (true)
            {
                polls++;
                var list = await agents.ListAsync(ns);
                if (list.Items.Count(a => a.Status.IsConditionTrue(EdgeAgentConditions.PluginsResolved)) == Agents)
                {
                    break;
                }

                Assert.That(process.HasExited, Is.False, output.ToString());
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(10)), "not resolved within 10 minutes");
                await Task.Delay(500);
            }

            clock.Stop();
            peakRss = PeakRssKilobytes(process.Id);
        }
        finally
        {
            await ChildProcess.StopAsync(process, TimeSpan.FromSeconds(10));
        }

        // The benchmark's own polling lists (and the metrics reads) are not the operator's.
        var operatorRequests = await ApiRequestsAsync(admin) - requestsBefore - polls - 1;
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{Agents} agents x 3 plugins resolved in {clock.Elapsed.TotalSeconds:0.0} s; {operatorRequests} API requests by the operator; peak RSS {peakRss / 1024.0:0} MiB; {System.Environment.ProcessorCount} cores"));
    }

    private static async Task<long> ApiRequestsAsync(Kubernetes admin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(OperatorTestEnvironment.Server.Server, "metrics"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorTestEnvironment.Server.AdminToken);
        using var response = await admin.HttpClient.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (long)RequestTotal().Matches(text).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    private static long PeakRssKilobytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).Single();

    private static string OperatorDll()
    {
        var configuration = typeof(ResolveThousandAgentsBenchmark).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        return Path.Combine(RepositoryRoot.Find(), "operator", "Faros.Operator", "bin", configuration, "net10.0", "Faros.Operator.dll");
    }

    [GeneratedRegex(@"^apiserver_request_total\{[^}]*\} ([0-9.e+]+)$", RegexOptions.Multiline)]
    private static partial Regex RequestTotal();
}
