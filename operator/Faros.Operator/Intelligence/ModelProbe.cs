using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Reasons = Faros.Api.Intelligence.AiAgentConditions.Reasons;

namespace Faros.Operator.Intelligence;

/// <summary>Asks an OpenAI-compatible backend (GET {baseUrl}/models) whether a key works and a model exists.</summary>
public sealed class ModelProbe
{
    private readonly HttpClient _http;

    public ModelProbe(HttpClient http) => _http = http;

    /// <summary>Null when the model is available; otherwise the reason and a message naming the fix.</summary>
    public async Task<(string Reason, string Message)?> CheckAsync(Uri baseUrl, string apiKey, string model, CancellationToken cancellationToken)
    {
        var models = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/models");
        using var request = new HttpRequestMessage(HttpMethod.Get, models);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (Reasons.BackendUnavailable, $"GET {models} failed: {failure.Message}");
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return (Reasons.BackendUnauthorized, $"GET {models} answered {(int)response.StatusCode}: the key in secretRef is not accepted.");
            }

            if (!response.IsSuccessStatusCode)
            {
                return (Reasons.BackendUnavailable, $"GET {models} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            List<string> ids;
            try
            {
                using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                ids = document.RootElement.GetProperty("data").EnumerateArray()
                    .Select(entry => entry.GetProperty("id").GetString() ?? "").ToList();
            }
            catch (Exception malformed) when (malformed is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return (Reasons.InvalidBackend, $"GET {models} did not answer an OpenAI model list ({{\"data\":[{{\"id\":...}}]}}): {malformed.Message}");
            }

            return ids.Contains(model, StringComparer.Ordinal)
                ? null
                : (Reasons.ModelNotFound, $"model '{model}' is not among the {ids.Count} models the backend lists ({string.Join(", ", ids.Take(10))}{(ids.Count > 10 ? ", ..." : "")}).");
        }
    }
}
