using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Faros.Signing.Sigstore.Trust;

namespace Faros.Signing.Sigstore.Transparency;

/// <summary>
/// A log checkpoint in the signed note format: the body ("origin\nsize\nbase64(root)\n[extensions\n]"), a blank
/// line, then one or more "— name base64(keyHint[4] || signature)" lines. The signature covers the body bytes.
/// </summary>
internal sealed record SignedCheckpoint(string Origin, long TreeSize, byte[] RootHash, string Body, IReadOnlyList<NoteSignature> Signatures)
{
    private const string SignaturePrefix = "\u2014 ";

    /// <exception cref="FormatException">The text is not a signed note checkpoint.</exception>
    public static SignedCheckpoint Parse(string envelope)
    {
        var separator = envelope.IndexOf("\n\n", StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new FormatException("The checkpoint has no blank line between its body and its signatures.");
        }

        var body = envelope[..(separator + 1)];
        var lines = body.Split('\n');
        if (lines.Length < 4)
        {
            throw new FormatException("The checkpoint body needs an origin, a tree size and a root hash.");
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new FormatException($"The checkpoint tree size '{lines[1]}' is not a number.");
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw new FormatException("The checkpoint root hash is not base64.");
        }

        var signatures = new List<NoteSignature>();
        foreach (var line in envelope[(separator + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                throw new FormatException("A checkpoint signature line does not start with '— '.");
            }

            var parts = line[SignaturePrefix.Length..].Split(' ');
            byte[] blob;
            try
            {
                blob = parts.Length == 2 ? Convert.FromBase64String(parts[1]) : [];
            }
            catch (FormatException)
            {
                blob = [];
            }

            if (blob.Length <= 4)
            {
                throw new FormatException($"The checkpoint signature line '{line}' is not 'name base64(hint || signature)'.");
            }

            signatures.Add(new NoteSignature(parts[0], blob[..4], blob[4..]));
        }

        return signatures.Count == 0
            ? throw new FormatException("The checkpoint carries no signature.")
            : new SignedCheckpoint(lines[0], size, root, body, signatures);
    }

    /// <summary>Whether one of the signatures whose key hint names <paramref name="log"/>'s key verifies with it.</summary>
    public bool IsSignedBy(TransparencyLog log)
    {
        var message = Encoding.UTF8.GetBytes(Body);
        return Signatures.Any(signature => HintMatches(signature, log) && log.Key.Verify(message, signature.Signature));
    }

    private static bool HintMatches(NoteSignature signature, TransparencyLog log)
    {
        // Rekor v1 names an ECDSA key by the first bytes of its key id; Go's note format hashes name, a type byte
        // and the key (used with Ed25519 logs).
        if (signature.KeyHint.AsSpan().SequenceEqual(log.LogId.Span[..4]))
        {
            return true;
        }

        if (!log.Key.IsEd25519)
        {
            return false;
        }

        const byte Ed25519NoteKeyType = 0x01;
        byte[] noteKey = [.. Encoding.UTF8.GetBytes(signature.Name + "\n"), Ed25519NoteKeyType, .. log.Key.SubjectPublicKeyInfo.Span[^32..]];
        return signature.KeyHint.AsSpan().SequenceEqual(SHA256.HashData(noteKey).AsSpan(0, 4));
    }
}
