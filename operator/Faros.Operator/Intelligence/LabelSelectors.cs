using k8s.Models;

namespace Faros.Operator.Intelligence;

/// <summary>Turns a metav1 LabelSelector into the label-selector string that list calls take.</summary>
public static class LabelSelectors
{
    public static string ToQuery(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return "";
        }

        var terms = new List<string>();
        terms.AddRange((selector.MatchLabels ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var values = string.Join(",", expression.Values ?? []);
            terms.Add(expression.OperatorProperty switch
            {
                "In" => $"{expression.Key} in ({values})",
                "NotIn" => $"{expression.Key} notin ({values})",
                "Exists" => expression.Key,
                "DoesNotExist" => "!" + expression.Key,
                var other => throw new ArgumentException($"clusterSelector operator '{other}' is not In, NotIn, Exists or DoesNotExist."),
            });
        }

        return string.Join(",", terms);
    }
}
