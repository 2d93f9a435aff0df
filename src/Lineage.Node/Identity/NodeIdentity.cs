// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Lineage.Core.Crypto;
using Lineage.Core.Multiformats;
using Lineage.P2p.Identity;
using P2pPublicKey = Lineage.P2p.Identity.PublicKey;

namespace Lineage.Node.Identity;

/// <summary>
/// The node's long-lived ed25519 identity: one key file in the data directory, created on first start and reused
/// afterwards. The same key is the node's libp2p/Fluence identity, so the peer id is derived here, in one place.
/// </summary>
/// <remarks>
/// File format (<see cref="FileName"/>): one line, <c>ed25519:</c> followed by the base64 of the 32-byte private
/// seed. The file is created with mode 0600. The seed leaves this type only through <see cref="Sign"/> and
/// <see cref="ExportSeed"/>, which the Fluence peer needs for its libp2p identity and for AquaVM (it signs the
/// particle data this peer produces).
/// </remarks>
public sealed class NodeIdentity
{
    /// <summary>Name of the key file inside the data directory.</summary>
    public const string FileName = "node-identity.key";

    private const string Prefix = "ed25519:";

    private readonly byte[] _seed;

    private NodeIdentity(byte[] seed)
    {
        _seed = seed;
        PublicKey = Ed25519.GetPublicKey(seed);
        PeerId = Lineage.P2p.Identity.PeerId.FromPublicKey(P2pPublicKey.Create(KeyType.Ed25519, PublicKey.Span)).ToString();
    }

    /// <summary>The 32-byte ed25519 public key.</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>The public key in base58 (the form Lineage uses for ed25519 signers).</summary>
    public string PublicKeyBase58 => Base58.Encode(PublicKey.Span);

    /// <summary>
    /// The libp2p peer id (base58btc of the identity multihash of the protobuf-encoded public key,
    /// <c>12D3KooW…</c>), as Fluence peers show it.
    /// </summary>
    public string PeerId { get; }

    /// <summary>Creates a fresh random identity (not persisted).</summary>
    public static NodeIdentity Generate() => new(Ed25519.GenerateSeed());

    /// <summary>Builds an identity from a known 32-byte seed.</summary>
    public static NodeIdentity FromSeed(ReadOnlySpan<byte> seed) => new(seed.ToArray());

    /// <summary>
    /// Loads the identity from <paramref name="dataDirectory"/>, creating and saving a new one when the file does not
    /// exist yet. A damaged key file is an error (never silently replaced: that would change the node's peer id).
    /// </summary>
    public static NodeIdentity LoadOrCreate(string dataDirectory, out bool created) =>
        LoadOrCreateFile(Path.Combine(dataDirectory, FileName), out created);

    /// <summary>
    /// Loads the identity from the key file at <paramref name="path"/> (format above), creating it when it does not
    /// exist. A damaged key file is an error.
    /// </summary>
    public static NodeIdentity LoadOrCreateFile(string path, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            created = false;
            return Parse(File.ReadAllText(path, Encoding.UTF8), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        NodeIdentity identity = Generate();
        string temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(Prefix + Convert.ToBase64String(identity._seed) + "\n");
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: false);
        created = true;
        return identity;
    }

    /// <summary>
    /// A copy of the 32-byte private seed, for the components that must hold the key itself: the libp2p host
    /// (Noise handshakes) and AquaVM (<c>secret_key_bytes</c>). Never log it.
    /// </summary>
    public byte[] ExportSeed() => (byte[])_seed.Clone();

    /// <summary>Signs a message with the node key.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message) => Ed25519.Sign(_seed, message);

    internal static NodeIdentity Parse(string text, string source)
    {
        string line = text.Trim();
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: node identity must start with '{Prefix}'");
        }

        byte[] seed;
        try
        {
            seed = Convert.FromBase64String(line[Prefix.Length..]);
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"{source}: node identity is not valid base64");
        }

        if (seed.Length != Ed25519.SeedLength)
        {
            throw new InvalidDataException($"{source}: node identity seed must be {Ed25519.SeedLength} bytes, got {seed.Length}");
        }

        return new NodeIdentity(seed);
    }
}
