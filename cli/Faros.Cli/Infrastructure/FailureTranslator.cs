using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using k8s.Autorest;
using NuGet.Protocol.Core.Types;

namespace Faros.Cli.Infrastructure;

/// <summary>
/// Turns what the Kubernetes client, NuGet client and network throw into a <see cref="CliException"/> whose message
/// says what to do. One place, so every command reports the same failure the same way.
/// </summary>
public static class FailureTranslator
{
    public static CliException Translate(Exception exception, string? hub)
    {
        switch (exception)
        {
            case CliException cli:
                return cli;
            case HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound } http when MissingFarosApi(http) is { } resource:
                return new CliException(ExitCodes.NotFound,
                    $"The hub{At(hub)} does not serve {resource}: Faros is not installed there (its CRDs are missing). Install it (operator/deploy), or pick the Faros hub's context with --context.", http);
            case HttpOperationException http:
                return FromStatus(http.Response.StatusCode, StatusMessage(http.Response.Content) ?? http.Message, hub, http);
            case FatalProtocolException protocol when FindNetworkFailure(protocol) is { } network:
                return Unreachable("the registry", network, protocol);
            case FatalProtocolException protocol:
                return new CliException(ExitCodes.Error, $"The registry answered unexpectedly: {protocol.Message}", protocol);
            case k8s.Exceptions.KubeConfigException kubeconfig:
                return new CliException(ExitCodes.Error, $"The kubeconfig cannot be used: {kubeconfig.Message}. Fix it, pick another context with --context, or run `kubectl faros login`.", kubeconfig);
            case FileNotFoundException missing:
                return new CliException(ExitCodes.Error,
                    $"{missing.Message} If the kubeconfig names this file (certificate-authority, client-certificate, client-key), fix it or pick another context with --context.", missing);
            default:
                if (FindNetworkFailure(exception) is { } failure)
                {
                    return Unreachable(hub is null ? "the hub" : $"the hub at {hub}", failure, exception);
                }

                return new CliException(ExitCodes.Error, exception.Message, exception);
        }
    }

    public static CliException FromStatus(HttpStatusCode status, string message, string? hub, Exception? inner = null) => status switch
    {
        HttpStatusCode.Unauthorized => new CliException(ExitCodes.Unauthorized,
            $"The hub{At(hub)} rejected the credentials ({message}). Log in again with `kubectl faros login --hub-url URL --token TOKEN`.", inner),
        HttpStatusCode.Forbidden => new CliException(ExitCodes.Unauthorized,
            $"Forbidden: {message}. Ask a hub administrator for access to this resource, or use another context (--context).", inner),
        HttpStatusCode.NotFound => new CliException(ExitCodes.NotFound, message, inner),
        HttpStatusCode.Conflict => new CliException(ExitCodes.Conflict, message, inner),
        HttpStatusCode.UnprocessableEntity => new CliException(ExitCodes.Usage, $"The hub refused the request as invalid: {message}", inner),
        _ => new CliException(ExitCodes.Error, $"The hub{At(hub)} answered {(int)status}: {message}", inner),
    };

    /// <summary>"agents.edge.faros.sh" when a request to a Faros API group failed because the type itself is unknown (not a missing object).</summary>
    private static string? MissingFarosApi(HttpOperationException http)
    {
        var segments = http.Request?.RequestUri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments is not ["apis", var group, _, _, ..] || !group.EndsWith(".faros.sh", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(http.Response.Content ?? "");
            var hasName = document.RootElement.TryGetProperty("details", out var details) && details.TryGetProperty("name", out _);
            if (hasName)
            {
                return null;
            }
        }
        catch (JsonException)
        {
            // A bare 404 page: the type is unknown.
        }

        var plural = segments[3] == "namespaces" && segments.Length > 5 ? segments[5] : segments[3];
        return $"{plural}.{group}";
    }

    private static string At(string? hub) => hub is null ? "" : $" at {hub}";

    private static CliException Unreachable(string what, Exception network, Exception inner)
    {
        var hint = network is AuthenticationException
            ? "The TLS handshake failed: pass --certificate-authority with the hub's CA (or log in again with it)."
            : "Check the URL, that the server is running, and your network.";
        return new CliException(ExitCodes.Unreachable, $"Cannot reach {what}: {network.Message}. {hint}", inner);
    }

    private static Exception? FindNetworkFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException { StatusCode: null } or SocketException or AuthenticationException)
            {
                return current is HttpRequestException { InnerException: { } inner } ? inner : current;
            }
        }

        return null;
    }

    /// <summary>The message of a metav1.Status body, which says far more than the status line.</summary>
    private static string? StatusMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return content.Length > 300 ? content[..300] : content;
        }
    }
}
