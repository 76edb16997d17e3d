using System.Net;
using System.Text.Json;

namespace Faros.Cli.Registry;

/// <summary>
/// What the registry answered to a push: the status, the problem+json <c>detail</c> (the registry's reason, worded for
/// the publisher) and a 201's <c>warning</c> (a warn rule of the trust policy that would refuse the package under require).
/// </summary>
public sealed record RegistryAnswer(HttpStatusCode Status, string Detail, string? Warning)
{
    private const int MaxPlainText = 500;

    public static async Task<RegistryAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? detail = null;
        string? warning = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                detail = Text(document.RootElement, "detail") ?? Text(document.RootElement, "message");
                warning = Text(document.RootElement, "warning");
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the text or the reason phrase says what there is to say.
            detail = body.Length > MaxPlainText ? body[..MaxPlainText] : body;
        }

        return new RegistryAnswer(response.StatusCode, string.IsNullOrWhiteSpace(detail) ? response.ReasonPhrase ?? "" : detail.Trim(), warning);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
