namespace Faros.Marketplace.Registry;

/// <summary>
/// The registry could not answer (down, timing out, or speaking something unexpected). Pages turn it into a
/// 503 so browsers and crawlers retry rather than remember a broken page.
/// </summary>
public sealed class RegistryUnavailableException : Exception
{
    public RegistryUnavailableException(string message) : base(message)
    {
    }

    public RegistryUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
