using System.Globalization;
using Faros.Bench;
using Faros.Bench.Edge;

// Faros.Bench: generates the registry benchmark workload (see bench/registry-read.sh and docs/performance.md).
//   Faros.Bench seed <outDir>   writes <outDir>/distinct/*.nupkg (200 ids) and <outDir>/many/*.nupkg (one id, 300 versions)
//   Faros.Bench regex-cost [n]  CPU cost of building the registry's scope regex (RegexOptions.Compiled) per request
//   Faros.Bench operator [n]    n (1,000) edge Agents x 3 plugin references resolved from nothing by the operator process
//   Faros.Bench agent [n]       the agent process: spec change -> plugin Running (n samples, 20), hot swap, idle RSS with 3 plugins
//   Faros.Bench rss-floor       this process's RSS bare, with a generic host, and with KubernetesClient's serializer: the agent's floor
// The edge benchmarks (operator, agent) start kube-apiserver + etcd, a registry, the operator and the agent as real
// processes on 127.0.0.1 (see bench/edge.sh and docs/performance.md); results go to stdout as Markdown.
if (args.Length == 2 && args[0] == "seed")
{
    var options = WorkloadOptions.FromEnvironment();
    var written = Workload.Write(args[1], options);
    Console.WriteLine($"wrote {written.Distinct} distinct packages and {written.Versions} versions of {options.ManyId} to {Path.GetFullPath(args[1])}");
    return 0;
}

if (args.Length is 1 or 2 && args[0] == "regex-cost")
{
    RegexCost.Run(args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300);
    return 0;
}

if (args.Length is 1 or 2 && args[0] is "operator" or "agent")
{
    var count = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
    return args[0] == "operator"
        ? await OperatorBenchmark.RunAsync(count > 0 ? count : 1000)
        : await AgentBenchmark.RunAsync(count > 0 ? count : 20);
}

if (args is ["rss-floor"])
{
    return await RssFloor.RunAsync();
}

Console.Error.WriteLine("usage: Faros.Bench seed <outDir> | Faros.Bench regex-cost [iterations] | Faros.Bench operator [agents] | Faros.Bench agent [samples] | Faros.Bench rss-floor");
return 2;
