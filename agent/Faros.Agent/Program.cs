using Faros.Agent.Cluster;
using Faros.Agent;
using Faros.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using k8s;

// Settings: appsettings.json, environment (Agent__Name=...), the command line (--Agent:Name=... or a short switch
// of AgentCommandLine, e.g. --mode cluster).
if (AgentCommandLine.Problems(args) is { Count: > 0 } argumentProblems)
{
    Console.Error.WriteLine("Invalid agent arguments: " + string.Join(" ", argumentProblems));
    return 2;
}

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddFarosConsole();
builder.Configuration.AddCommandLine(args, AgentCommandLine.Switches.ToDictionary());
AgentOptions options;
try
{
    options = builder.Configuration.GetSection("Agent").Get<AgentOptions>() ?? new AgentOptions();
    if (options.Mode == AgentMode.Cluster)
    {
        ClusterModeOptions.Validate(options);
    }
    else
    {
        options.Validate();
    }
}
catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
{
    // InvalidOperationException: a value the binder cannot convert (e.g. --mode other than edge or cluster).
    Console.Error.WriteLine(ex is InvalidOperationException ? $"{ex.Message} --mode takes edge or cluster; intervals read like 00:00:20." : ex.Message);
    return 2;
}

builder.Services.AddSingleton(options);
if (options.Mode == AgentMode.Cluster)
{
    ClusterMode.Register(builder.Services, options);
}
else
{
    builder.Services.AddSingleton<IKubernetes>(_ => new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig)));
    builder.Services.AddSingleton(provider => new AgentLoop(options, provider.GetRequiredService<IKubernetes>(), provider.GetRequiredService<ILoggerFactory>()));
    builder.Services.AddHostedService<AgentService>();
}

await builder.Build().RunAsync();
return 0;
