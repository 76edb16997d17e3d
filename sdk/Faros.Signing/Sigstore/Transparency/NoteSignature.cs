namespace Faros.Signing.Sigstore.Transparency;

/// <summary>One signature line of a signed note: the signer's name, the 4-byte key hint, and the signature.</summary>
internal sealed record NoteSignature(string Name, byte[] KeyHint, byte[] Signature);
