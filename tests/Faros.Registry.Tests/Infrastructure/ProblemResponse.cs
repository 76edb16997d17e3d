using System.Text.Json.Nodes;

namespace Faros.Registry.Tests.Infrastructure;

/// <summary>The parts of an error response a client gets to see: status, reason phrase, RFC 9457 problem body.</summary>
public sealed record ProblemResponse(int Status, string? ReasonPhrase, string? ContentType, string Body, string? Detail)
{
    public static async Task<ProblemResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        string? detail = null;
        try
        {
            detail = JsonNode.Parse(body)?["detail"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: the content-type assertion will report it.
        }
        catch (InvalidOperationException)
        {
            // "detail" is not a string.
        }

        return new ProblemResponse((int)response.StatusCode, response.ReasonPhrase, response.Content.Headers.ContentType?.MediaType, body, detail);
    }

    public override string ToString() => $"{Status} {ReasonPhrase} ({ContentType}): {Body}";
}
