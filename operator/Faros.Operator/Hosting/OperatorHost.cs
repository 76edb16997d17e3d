using Faros.Api.Kubernetes;
using Faros.Hosting;
using Faros.Operator.Controllers;
using Faros.Operator.LeaderElection;
using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using k8s;

namespace Faros.Operator.Hosting;

/// <summary>Builds the operator's host: configuration, logging, the Kubernetes client, leader election and controllers.</summary>
public static class OperatorHost
{
    /// <summary>Short command-line switches for common settings.</summary>
    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--trust-policy"] = $"{OperatorOptions.Section}:{nameof(OperatorOptions.TrustPolicyFile)}",
        ["--trust-policy-resource"] = $"{OperatorOptions.Section}:{nameof(OperatorOptions.TrustPolicyName)}",
    };

    /// <param name="args">Command line: --kubeconfig PATH and any configuration key, e.g. --Operator:Workers 8.</param>
    /// <param name="configure">Extra services (tests add their own; reconcilers register here).</param>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        builder.Logging.AddFarosConsole();
        builder.Services.AddOptions<OperatorOptions>().Bind(builder.Configuration.GetSection(OperatorOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidation>();
        builder.Services.AddSingleton(_ => KubernetesConnection.Resolve(builder.Configuration));
        builder.Services.AddSingleton<IKubernetes>(services => new Kubernetes(services.GetRequiredService<KubernetesClientConfiguration>()));
        builder.Services.AddSingleton(services => ControllerSettingsFrom(services.GetRequiredService<IOptions<OperatorOptions>>().Value));
        builder.Services.AddSingleton(services => new LeaseElector(
            services.GetRequiredService<IKubernetes>(),
            LeaderElectionFrom(services.GetRequiredService<IOptions<OperatorOptions>>().Value),
            services.GetRequiredService<ILoggerFactory>().CreateLogger<LeaseElector>()));
        builder.Services.AddSingleton<OperatorService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OperatorService>());
        configure?.Invoke(builder);
        return builder.Build();
    }


    public static ControllerSettings ControllerSettingsFrom(OperatorOptions options) => new(
        options.Workers,
        new WatchSettings(options.Namespace, TimeSpan.FromSeconds(options.WatchTimeoutSeconds)),
        new ExponentialBackoff(TimeSpan.FromSeconds(options.InitialBackoffSeconds), TimeSpan.FromSeconds(options.MaxBackoffSeconds)));

    public static LeaderElectionSettings LeaderElectionFrom(OperatorOptions options) => new(
        options.LeaseNamespace ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "faros-system",
        options.LeaseName,
        options.Identity ?? $"{Environment.MachineName}-{Environment.ProcessId}",
        TimeSpan.FromSeconds(options.LeaseDurationSeconds),
        TimeSpan.FromSeconds(options.RenewDeadlineSeconds),
        TimeSpan.FromSeconds(options.RetryPeriodSeconds));
}
