using System.CommandLine;
using System.Text.RegularExpressions;

namespace Faros.Cli.Infrastructure;

/// <summary>NAME arguments checked against Kubernetes' naming rules before anything reaches the hub.</summary>
public static partial class NameArguments
{
    /// <summary>A DNS label (namespaces, plugin names): lowercase letters, digits and '-', at most 63 characters.</summary>
    public static Argument<string> Label(string what) =>
        Create(what, DnsLabel(), "use lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");

    /// <summary>A DNS subdomain (most objects): also '.', at most 253 characters.</summary>
    public static Argument<string> Subdomain(string what) =>
        Create(what, DnsSubdomain(), "use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters");

    public static bool IsSubdomain(string value) => DnsSubdomain().IsMatch(value);

    private static Argument<string> Create(string what, Regex pattern, string rule) => new("NAME")
    {
        Description = $"The {what}'s name.",
        Validators =
        {
            result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (value is not null && !pattern.IsMatch(value))
                {
                    result.AddError($"'{value}' is not a valid {what} name; {rule}.");
                }
            },
        },
    };

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
