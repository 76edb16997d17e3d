using System.CommandLine;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Cli.Infrastructure;
using Faros.Cli.Resources;
using k8s;
using k8s.Models;

namespace Faros.Cli.Commands.Agents;

/// <summary>
/// `kubectl faros agent generate NAME -f FILE`: makes sure the edge Agent and its Registration exist, waits until the
/// operator has provisioned the device's identity, and writes the device's kubeconfig (`-f -` for stdout).
/// </summary>
public static class AgentGenerateCommand
{
    public static Command Create()
    {
        var name = NameArguments.Subdomain("agent");
        var file = new Option<string>("--file", "-f")
        {
            Description = "Where to write the device's kubeconfig; '-' for stdout.",
            Required = true,
        };
        var ns = CommonOptions.Namespace();
        var timeout = CommonOptions.Timeout(TimeSpan.FromMinutes(2));
        var command = new Command("generate", "Register a device: create (or reuse) its Agent and Registration, wait for the operator, and write the device's kubeconfig.")
        {
            name, file, ns, timeout,
        };
        command.SetFarosAction(async invocation =>
        {
            var agentName = invocation.Get(name);
            var namespaceName = invocation.Namespace(ns);
            var client = invocation.Kube.Client;
            var agents = new ResourceClient<EdgeAgent>(client);
            var registrations = new ResourceClient<Registration>(client);
            var cancellationToken = invocation.CancellationToken;

            if (await agents.FindAsync(namespaceName, agentName, cancellationToken) is null)
            {
                await agents.CreateAsync(new EdgeAgent { Metadata = new V1ObjectMeta { Name = agentName, NamespaceProperty = namespaceName } }, cancellationToken);
                await invocation.Error.WriteLineAsync($"Created agent {namespaceName}/{agentName}.");
            }

            var registration = await registrations.FindAsync(namespaceName, agentName, cancellationToken);
            if (registration is null)
            {
                await registrations.CreateAsync(new Registration
                {
                    Metadata = new V1ObjectMeta { Name = agentName, NamespaceProperty = namespaceName },
                    Spec = new RegistrationSpec { AgentName = agentName },
                }, cancellationToken);
                await invocation.Error.WriteLineAsync($"Created registration {namespaceName}/{agentName}.");
            }
            else if (registration.Spec.AgentName != agentName)
            {
                throw new CliException(ExitCodes.Conflict,
                    $"Registration {namespaceName}/{agentName} exists for agent '{registration.Spec.AgentName}'. Delete it first (`kubectl faros agent delete {registration.Spec.AgentName}`) or pick another name.");
            }

            var (ready, token) = await new Waiter(invocation.Error, invocation.Get(timeout)).UntilAsync(
                $"registration {namespaceName}/{agentName}",
                async lookToken =>
                {
                    var current = await registrations.FindAsync(namespaceName, agentName, lookToken);
                    return (current, current is not null && IsReady(current) ? await SecretValues.FindAsync(client, namespaceName, current.Status.TokenSecretName!, "token", lookToken) : null);
                },
                state => Judge(state.current, state.Item2),
                "Is the Faros operator running on the hub? See `kubectl get registrations.edge.faros.sh " + agentName + " -n " + namespaceName + " -o yaml` and the operator's logs.",
                cancellationToken);

            var session = invocation.Kube;
            var certificateAuthority = ready!.Status.CertificateAuthorityData ?? session.CertificateAuthorityData;
            var kubeconfig = DeviceKubeconfig.Create(agentName, namespaceName, ready.Status.Server ?? session.Server, certificateAuthority,
                insecureSkipTlsVerify: certificateAuthority is null && session.SkipTlsVerify, token!);
            var target = invocation.Get(file);
            if (target == "-")
            {
                await invocation.Out.WriteAsync(kubeconfig);
            }
            else
            {
                AtomicFile.Write(target, kubeconfig);
                await invocation.Out.WriteLineAsync($"Wrote the kubeconfig of agent {namespaceName}/{agentName} to {Path.GetFullPath(target)}. Copy it to the device and start the Faros agent with it.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static bool IsReady(Registration registration) =>
        registration.Status.IsConditionTrue(RegistrationConditions.Ready)
        && (registration.Status.ObservedGeneration ?? 0) >= (registration.Metadata.Generation ?? 0)
        && !string.IsNullOrEmpty(registration.Status.TokenSecretName);

    private static WaitState Judge(Registration? registration, string? token)
    {
        if (registration is null)
        {
            return WaitState.Failed("deleted", "the Registration was deleted while waiting.");
        }

        var ready = registration.Status.FindCondition(RegistrationConditions.Ready);
        if (ready?.Reason == RegistrationConditions.Reasons.InvalidSpec)
        {
            return WaitState.Failed(Conditions.Describe(ready), $"the operator rejected it: {ready.Message}");
        }

        if (IsReady(registration) && token is null)
        {
            return WaitState.Pending($"waiting for a token in Secret {registration.Status.TokenSecretName}");
        }

        return token is not null ? WaitState.Finished("Ready") : WaitState.Pending(Conditions.Describe(ready));
    }
}
