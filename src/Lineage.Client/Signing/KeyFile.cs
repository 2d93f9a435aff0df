// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lineage.Client.Signing;

/// <summary>
/// A local signing key on disk: JSON <c>{"type": "secp256k1"|"ed25519", "private_key": "…", "public_key": "…"}</c>,
/// written with mode 0600. secp256k1 private keys are <c>0x</c> hex (as ethers prints them), ed25519 seeds hex.
/// </summary>
public sealed record KeyFile
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    [JsonPropertyName("private_key")]
    public string PrivateKey { get; init; } = "";

    /// <summary>Address or public key, for the reader's convenience (recomputed on load, never trusted).</summary>
    [JsonPropertyName("public_key")]
    public string PublicKey { get; init; } = "";

    /// <summary>Creates a key file record for a new random key of <paramref name="type"/>.</summary>
    public static KeyFile Generate(string type) => type switch
    {
        "secp256k1" => From(EthereumSigner.Generate()),
        "ed25519" => From(Ed25519Signer.Generate()),
        _ => throw new ArgumentException($"key type must be secp256k1 or ed25519, got '{type}'", nameof(type)),
    };

    /// <summary>Reads and validates a key file; throws <see cref="InvalidDataException"/> with the reason.</summary>
    public static KeyFile Load(string path)
    {
        KeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a key file ({ex.Message.Split('\n')[0]})");
        }

        if (file is null)
        {
            throw new InvalidDataException($"{path}: not a key file");
        }

        try
        {
            _ = file.CreateSigner();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new InvalidDataException($"{path}: {ex.Message}");
        }

        return file;
    }

    /// <summary>Writes the key file with owner-only permissions; refuses to overwrite unless asked.</summary>
    public void Save(string path, bool overwrite)
    {
        var options = new FileStreamOptions { Mode = overwrite ? FileMode.Create : FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(ToJson() + "\n"));
    }

    /// <summary>The key file's JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_indented);

    /// <summary>The signer for this key.</summary>
    public ISigner CreateSigner()
    {
        string hex = PrivateKey.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? PrivateKey[2..] : PrivateKey;
        byte[] key;
        try
        {
            key = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new FormatException("private_key must be hex");
        }

        if (key.Length != 32)
        {
            throw new FormatException($"private_key must be 32 bytes, got {key.Length}");
        }

        return Type switch
        {
            "secp256k1" => new EthereumSigner(key),
            "ed25519" => new Ed25519Signer(key),
            _ => throw new FormatException($"type must be secp256k1 or ed25519, got '{Type}'"),
        };
    }

    private static KeyFile From(EthereumSigner signer) =>
        new() { Type = signer.KeyType, PrivateKey = signer.ExportPrivateKey(), PublicKey = signer.PublicKey };

    private static KeyFile From(Ed25519Signer signer) =>
        new() { Type = signer.KeyType, PrivateKey = signer.ExportPrivateKey(), PublicKey = signer.PublicKey };
}
