using System.CommandLine;
using System.Net;
using Faros.Api;
using Faros.Api.Core;
using Faros.Api.Intelligence;
using Faros.Api.Kubernetes;
using Faros.Cli.Infrastructure;
using Faros.Cli.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Faros.Cli.Commands.AiAgents;

/// <summary>
/// `kubectl faros ai-agents init`: creates an AI agent whose API key is either given (stored in Secret
/// &lt;name&gt;-api-key) or already in a Secret (--secret-name/--secret-key). Nothing is left behind on failure.
/// </summary>
public static class AiAgentsInitCommand
{
    private const string GeneratedSecretKey = "api-key";
    private static readonly string[] Backends = ["openai"];

    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "The AI agent's name.", Required = true };
        name.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !NameArguments.IsSubdomain(value))
            {
                result.AddError($"--name '{value}' is not a valid name; use lowercase letters, digits, '-' and '.'.");
            }
        });
        var backend = new Option<string>("--backend") { Description = "The model API: openai (any OpenAI-compatible API).", Required = true };
        backend.AcceptOnlyFromAmong(Backends);
        var model = new Option<string>("--model") { Description = "The model id, as the backend lists it (e.g. gpt-4o-mini).", Required = true };
        var baseUrl = CommonOptions.Url("--base-url", "The API's base URL (default: the backend's public API).", "https://api.openai.com/v1");
        var apiKey = new Option<string?>("--api-key") { Description = "The API key, stored in a new Secret <name>-api-key; '-' reads it from stdin." };
        var secretName = new Option<string?>("--secret-name") { Description = "Use the API key in this existing Secret instead." };
        var secretKey = new Option<string>("--secret-key") { Description = "The key within --secret-name.", DefaultValueFactory = _ => GeneratedSecretKey };
        var clusterSelector = new Option<string?>("--cluster-selector") { Description = "Which clusters it operates, as labels key=value,key2=value2 (default: all in the namespace)." };
        var ns = CommonOptions.Namespace();
        var wait = new Option<bool>("--wait") { Description = "Wait until the operator reports the agent Ready (backend and key checked)." };
        var timeout = CommonOptions.Timeout(TimeSpan.FromMinutes(2));
        var command = new Command("init", "Create an AI agent backed by an OpenAI-compatible model.")
        {
            name, backend, model, baseUrl, apiKey, secretName, secretKey, clusterSelector, ns, wait, timeout,
        };
        command.Validators.Add(result =>
        {
            var hasKey = result.GetValue(apiKey) is not null;
            var hasSecret = result.GetValue(secretName) is not null;
            if (hasKey == hasSecret)
            {
                result.AddError("Pass either --api-key (a new Secret <name>-api-key holds it) or --secret-name/--secret-key (an existing Secret), not both or neither.");
            }
        });

        command.SetFarosAction(async invocation =>
        {
            var agentName = invocation.Get(name);
            var namespaceName = invocation.Namespace(ns);
            var client = invocation.Kube.Client;
            var cancellationToken = invocation.CancellationToken;
            var selector = ParseSelector(invocation.Get(clusterSelector));
            var agents = new ResourceClient<AiAgent>(client);
            if (await agents.FindAsync(namespaceName, agentName, cancellationToken) is not null)
            {
                throw new CliException(ExitCodes.Conflict, $"AI agent {namespaceName}/{agentName} exists already. Pick another --name, or delete it with `kubectl delete agents.intelligence.faros.sh {agentName} -n {namespaceName}`.");
            }

            SecretKeyReference secretRef;
            string? createdSecret = null;
            if (invocation.Get(apiKey) is { } key)
            {
                var value = await SecretArgument.ReadAsync(key, "--api-key", "cat key.txt | kubectl faros ai-agents init ... --api-key -", cancellationToken);

                secretRef = new SecretKeyReference { Name = $"{agentName}-api-key", Key = GeneratedSecretKey };
                await CreateKeySecretAsync(client, namespaceName, secretRef.Name, value, cancellationToken);
                createdSecret = secretRef.Name;
            }
            else
            {
                secretRef = new SecretKeyReference { Name = invocation.Get(secretName)!, Key = invocation.Get(secretKey) };
                if (await SecretValues.FindAsync(client, namespaceName, secretRef.Name, secretRef.Key, cancellationToken) is null)
                {
                    throw CliException.NotFound($"Secret {namespaceName}/{secretRef.Name} does not exist or has no key '{secretRef.Key}'. Create it with `kubectl create secret generic {secretRef.Name} -n {namespaceName} --from-literal={secretRef.Key}=KEY`, or pass --api-key.");
                }
            }

            try
            {
                await agents.CreateAsync(new AiAgent
                {
                    Metadata = new V1ObjectMeta { Name = agentName, NamespaceProperty = namespaceName },
                    Spec = new AiAgentSpec
                    {
                        Backend = invocation.Get(backend),
                        Model = invocation.Get(model),
                        BaseUrl = invocation.Get(baseUrl)?.ToString().TrimEnd('/'),
                        SecretRef = secretRef,
                        ClusterSelector = selector,
                    },
                }, cancellationToken);
            }
            catch when (createdSecret is not null)
            {
                await client.CoreV1.DeleteNamespacedSecretAsync(createdSecret, namespaceName, cancellationToken: CancellationToken.None);
                throw;
            }

            await invocation.Out.WriteLineAsync($"AI agent {namespaceName}/{agentName} created ({invocation.Get(backend)}, {invocation.Get(model)}; key in Secret {secretRef.Name}/{secretRef.Key}).");
            if (invocation.Get(wait))
            {
                await new Waiter(invocation.Error, invocation.Get(timeout)).UntilAsync(
                    $"AI agent {namespaceName}/{agentName} to be Ready",
                    lookToken => agents.FindAsync(namespaceName, agentName, lookToken),
                    Judge,
                    "Is the Faros operator running on the hub? See `kubectl faros ai-agents list` and the agent's conditions.",
                    cancellationToken);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task CreateKeySecretAsync(IKubernetes client, string ns, string name, string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "faros" } },
                Type = "Opaque",
                StringData = new Dictionary<string, string> { [GeneratedSecretKey] = key },
            }, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exists) when (exists.Response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new CliException(ExitCodes.Conflict, $"Secret {ns}/{name} exists already. Use it with --secret-name {name}, or delete it first.", exists);
        }
    }

    private static V1LabelSelector? ParseSelector(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var labels = new Dictionary<string, string>();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw CliException.Usage($"--cluster-selector '{pair}' is not key=value; write e.g. --cluster-selector env=prod,region=eu.");
            }

            labels[parts[0]] = parts[1];
        }

        return new V1LabelSelector { MatchLabels = labels };
    }

    private static WaitState Judge(AiAgent? agent) => agent switch
    {
        null => WaitState.Failed("deleted", "the AI agent was deleted while waiting.", ExitCodes.NotFound),
        { Status.Phase: ClusterPhases.Ready } => WaitState.Finished("phase Ready"),
        { Status.Phase: ClusterPhases.Failed } => WaitState.Failed("phase Failed",
            agent.Status.Conditions.FirstOrDefault(condition => condition.Status != "True") is { } condition ? Conditions.Describe(condition) : "the operator marked it Failed."),
        _ => WaitState.Pending($"phase {agent.Status.Phase ?? ClusterPhases.Pending}"),
    };
}
