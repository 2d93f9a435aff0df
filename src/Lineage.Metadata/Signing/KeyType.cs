// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Signing;

/// <summary>Signature scheme implied by a <c>public_key</c> (reference §7).</summary>
public enum KeyType
{
    /// <summary>Empty public key: no scheme.</summary>
    None,

    /// <summary><c>0x…</c> Ethereum address, EIP-191 personal_sign.</summary>
    Secp256k1,

    /// <summary>Anything else: base58 ed25519 public key.</summary>
    Ed25519,
}
