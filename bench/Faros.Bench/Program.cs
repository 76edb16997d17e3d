using Faros.Bench;

// Faros.Bench: generates the registry benchmark workload (see bench/registry-read.sh and docs/performance.md).
//   Faros.Bench seed <outDir>   writes <outDir>/distinct/*.nupkg (200 ids) and <outDir>/many/*.nupkg (one id, 300 versions)
//   Faros.Bench regex-cost [n]  CPU cost of building the registry's scope regex (RegexOptions.Compiled) per request
if (args.Length == 2 && args[0] == "seed")
{
    var options = WorkloadOptions.FromEnvironment();
    var written = Workload.Write(args[1], options);
    Console.WriteLine($"wrote {written.Distinct} distinct packages and {written.Versions} versions of {options.ManyId} to {Path.GetFullPath(args[1])}");
    return 0;
}

if (args.Length is 1 or 2 && args[0] == "regex-cost")
{
    RegexCost.Run(args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300);
    return 0;
}

Console.Error.WriteLine("usage: Faros.Bench seed <outDir> | Faros.Bench regex-cost [iterations]");
return 2;
