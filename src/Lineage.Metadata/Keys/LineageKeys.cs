// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lineage.Core.Multiformats;

namespace Lineage.Metadata.Keys;

/// <summary>
/// Keys and row hashes exactly as the reference computes them (<c>lineage-protocol.md</c> §5, §6.3, §10):
/// base58btc of sha256 over the UTF-8 bytes of plain concatenations, without separators.
/// </summary>
public static class LineageKeys
{
    /// <summary><c>base58(sha256(lower(chain_id) + lower(token_address)))</c>.</summary>
    public static string TokenKey(string chainId, string tokenAddress) =>
        Base58Sha256(chainId.ToLowerInvariant() + tokenAddress.ToLowerInvariant());

    /// <summary><c>base58(sha256(lower(chain_id) + lower(token_address) + lower(token_id)))</c>.</summary>
    public static string DataKey(string chainId, string tokenAddress, string tokenId) =>
        Base58Sha256(chainId.ToLowerInvariant() + tokenAddress.ToLowerInvariant() + tokenId.ToLowerInvariant());

    /// <summary>
    /// Transaction hash: <c>base58(sha256(meta_contract_id + token_key + data_key + data + public_key + alias + method
    /// + version + mcdata + previous_content))</c>; <paramref name="previousContent"/> is the current CID of the
    /// addressed metadata row (empty if none), so the hash changes once the row changes.
    /// </summary>
    public static string TransactionHash(string metaContractId, string tokenKey, string dataKey, string data, string publicKey,
        string alias, string method, string version, string mcdata, string previousContent) =>
        Base58Sha256(string.Concat([metaContractId, tokenKey, dataKey, data, publicKey, alias, method, version, mcdata, previousContent]));

    /// <summary>Metadata row hash: <c>base58(sha256(data_key + meta_contract_id + alias + public_key + version))</c>.</summary>
    public static string MetadataHash(string dataKey, string metaContractId, string alias, string publicKey, string version) =>
        Base58Sha256(string.Concat(dataKey, metaContractId, alias, publicKey, version));

    /// <summary>Meta-contract binding hash: <c>base58(sha256(token_key + meta_contract_id + public_key))</c>.</summary>
    public static string BindingHash(string tokenKey, string metaContractId, string publicKey) =>
        Base58Sha256(string.Concat(tokenKey, metaContractId, publicKey));

    /// <summary>Cron hash: <c>base58(sha256(chain + address + topic))</c> (no case folding).</summary>
    public static string CronHash(string chain, string address, string topic) =>
        Base58Sha256(string.Concat(chain, address, topic));

    /// <summary>Cron tx hash: <c>base58(sha256(address + topic + token_type + chain + decimal(block) + tx_hash + token_id))</c>.</summary>
    public static string CronTxHash(string address, string topic, string tokenType, string chain, ulong blockNumber, string txHash, string tokenId) =>
        Base58Sha256(string.Concat([address, topic, tokenType, chain, blockNumber.ToString(CultureInfo.InvariantCulture), txHash, tokenId]));

    /// <summary>base58btc of sha256 over the UTF-8 bytes of <paramref name="preimage"/>.</summary>
    public static string Base58Sha256(string preimage)
    {
        ArgumentNullException.ThrowIfNull(preimage);
        int byteCount = Encoding.UTF8.GetByteCount(preimage);
        byte[] utf8 = new byte[byteCount];
        Encoding.UTF8.GetBytes(preimage, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, digest);
        return Base58.Encode(digest);
    }
}
