using Faros.Agent;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Settings: appsettings.json, environment (Agent__Name=...), or the command line (--Agent:Name=...).
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--trust-policy"] = "Agent:TrustPolicy",
    ["--trust-policy-resource"] = "Agent:TrustPolicyResource",
});
var options = builder.Configuration.GetSection("Agent").Get<AgentOptions>() ?? new AgentOptions();
try
{
    options.Validate();
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

builder.Services.AddSingleton(options);
builder.Services.AddSingleton<IKubernetes>(_ => new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig)));
builder.Services.AddSingleton(provider => new AgentLoop(options, provider.GetRequiredService<IKubernetes>(), provider.GetRequiredService<ILoggerFactory>()));
builder.Services.AddHostedService<AgentService>();
await builder.Build().RunAsync();
return 0;
