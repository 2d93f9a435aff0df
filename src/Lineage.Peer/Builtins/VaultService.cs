// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json.Nodes;
using Lineage.P2p.Identity;
using Lineage.Peer.Actors;
using Lineage.Peer.Particles;

namespace Lineage.Peer.Builtins;

/// <summary>
/// <c>Vault("vault")</c>: a per-particle scratch directory (fluence-peer.md §9.2, §10). <c>put(data)</c> stores a
/// file and returns its guest path <c>/tmp/vault/{particle_id}-{token}/{name}</c>; <c>cat(path)</c> reads it back.
/// The token is the particle signature signed by the host key (nox "particle token"), so a particle can only
/// reach its own vault; paths outside it are refused.
/// </summary>
public sealed class VaultService(string vaultRoot, PrivateKey hostKey) : IBuiltinService
{
    public const string GuestRoot = "/tmp/vault";

    public string ServiceId => "vault";

    public async ValueTask<JsonNode?> CallAsync(BuiltinCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string particleDirectory = ParticleDirectoryName(request);
        switch (request.FunctionName)
        {
            case "put":
                string name = Guid.NewGuid().ToString("N");
                string hostDirectory = Path.Combine(vaultRoot, particleDirectory);
                Directory.CreateDirectory(hostDirectory);
                // Bytes, not WriteAllText: Encoding.UTF8 would prepend a BOM that cat and the dist.*_from_vault readers then see.
                await File.WriteAllBytesAsync(Path.Combine(hostDirectory, name), Encoding.UTF8.GetBytes(request.Text(0)), cancellationToken).ConfigureAwait(false);
                return JsonValue.Create($"{GuestRoot}/{particleDirectory}/{name}");
            case "cat":
                try
                {
                    return JsonValue.Create(Encoding.UTF8.GetString(await ReadAsync(request.Context, request.Text(0), cancellationToken).ConfigureAwait(false)));
                }
                catch (BuiltinException error)
                {
                    throw new BuiltinException("vault.cat: " + error.Message);
                }

            default:
                throw new UnknownFunctionException(ServiceId, request.FunctionName);
        }
    }

    /// <summary>
    /// Reads a file of the calling particle's vault by its guest path (<c>/tmp/vault/{particle}-{token}/{name}</c>),
    /// as <c>vault.cat</c> and the <c>dist.*_from_vault</c> functions do; any other path is refused.
    /// </summary>
    /// <exception cref="BuiltinException">The path is not a file of this particle's vault.</exception>
    public async Task<byte[]> ReadAsync(ParticleCallContext context, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(path);
        string particleDirectory = DirectoryName(context.ParticleId, context.Particle.Signature.Span);
        string prefix = $"{GuestRoot}/{particleDirectory}/";
        string relative = path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : string.Empty;
        if (relative.Length == 0 || relative.Contains('/', StringComparison.Ordinal) || relative.Contains('\\', StringComparison.Ordinal) || relative is "." or "..")
        {
            throw new BuiltinException($"{path} is not a file in this particle's vault");
        }

        string file = Path.Combine(vaultRoot, particleDirectory, relative);
        if (!File.Exists(file))
        {
            throw new BuiltinException($"{path} does not exist");
        }

        return await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a particle's vault when its actor is reaped.</summary>
    public void Remove(string particleId, ReadOnlySpan<byte> signature)
    {
        string directory = Path.Combine(vaultRoot, DirectoryName(particleId, signature));
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private string ParticleDirectoryName(BuiltinCall request) => DirectoryName(request.Context.ParticleId, request.Context.Particle.Signature.Span);

    private string DirectoryName(string particleId, ReadOnlySpan<byte> signature)
    {
        // The particle id is chosen by the sender: keep only safe characters in the directory name.
        string safeId = new([.. particleId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(64)]);
        return $"{safeId}-{ParticleToken.Compute(hostKey, signature)}";
    }
}
