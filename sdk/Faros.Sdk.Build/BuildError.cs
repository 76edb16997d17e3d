namespace Faros.Sdk.Build;

/// <summary>An error in MSBuild's canonical format, which the Exec task turns into a build error with a code.</summary>
internal sealed record BuildError(string Code, string Message)
{
    public string Format(string file) => $"{file} : error {Code}: {Message}";
}
