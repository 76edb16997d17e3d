using Faros.Marketplace.Registry.Wire;

namespace Faros.Marketplace.Catalog;

/// <summary>The identity that signed a package; <see cref="Verified"/> means the registry checked it.</summary>
public sealed record Signer(string Identity, bool Verified)
{
    public static Signer? From(SignerDocument? document) =>
        document is { Identity: { Length: > 0 } identity } ? new Signer(identity, document.Verified) : null;
}
