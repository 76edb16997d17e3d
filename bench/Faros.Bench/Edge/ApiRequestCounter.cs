using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Faros.Testing;

namespace Faros.Bench.Edge;

/// <summary>
/// kube-apiserver's own request counter (<c>apiserver_request_total</c> on /metrics), summed per verb and resource.
/// A request is counted when it completes, so an open watch shows up only once it ends.
/// </summary>
public sealed partial class ApiRequestCounter : IDisposable
{
    private readonly HttpClient _http;

    public ApiRequestCounter(KubernetesApiServer server)
    {
        // The serving certificate is self-signed by kube-apiserver at start-up, on loopback.
        _http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator })
        {
            BaseAddress = server.Server,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminToken);
    }

    /// <summary>Requests so far, keyed "VERB resource[/subresource]" (resource "" for non-resource paths such as /metrics).</summary>
    public async Task<Dictionary<string, long>> ReadAsync()
    {
        var text = await _http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Match sample in Sample().Matches(text))
        {
            var labels = Label().Matches(sample.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
            var resource = labels.GetValueOrDefault("resource", "") + (labels.GetValueOrDefault("subresource", "") is { Length: > 0 } sub ? "/" + sub : "");
            var key = $"{labels.GetValueOrDefault("verb", "?")} {resource}";
            counts[key] = counts.GetValueOrDefault(key) + (long)double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return counts;
    }

    /// <summary>What <paramref name="after"/> counted more than <paramref name="before"/>, largest first.</summary>
    public static IReadOnlyList<(string Request, long Count)> Difference(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Select(a => (a.Key, a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.Item2 > 0).OrderByDescending(d => d.Item2).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();

    public void Dispose() => _http.Dispose();

    [GeneratedRegex(@"^apiserver_request_total\{(?<labels>[^}]*)\} (?<value>[0-9.e+]+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"(\w+)=""([^""]*)""")]
    private static partial Regex Label();
}
