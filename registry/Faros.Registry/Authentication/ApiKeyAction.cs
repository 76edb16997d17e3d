namespace Faros.Registry.Authentication;

/// <summary>What an API key may do.</summary>
[Flags]
public enum ApiKeyAction
{
    None = 0,
    Push = 1,
    Unlist = 2,
    Delete = 4,
    All = Push | Unlist | Delete,
}
