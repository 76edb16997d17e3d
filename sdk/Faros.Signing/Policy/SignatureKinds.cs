namespace Faros.Signing.Policy;

/// <summary>The signature kind names a trust policy lists under <c>signatureKinds</c>.</summary>
public static class SignatureKinds
{
    /// <summary>A Sigstore bundle (<c>{id}.{version}.sigstore.json</c>) over the nupkg bytes.</summary>
    public const string Sigstore = "sigstore";

    /// <summary>A NuGet author signature (<c>.signature.p7s</c> inside the nupkg).</summary>
    public const string NuGet = "nuget";
}
