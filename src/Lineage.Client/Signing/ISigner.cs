// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Client.Signing;

/// <summary>Signs Lineage transaction payloads with a local key.</summary>
public interface ISigner
{
    /// <summary><c>secp256k1</c> or <c>ed25519</c>.</summary>
    string KeyType { get; }

    /// <summary>The signer as Lineage names it: a <c>0x</c> Ethereum address (secp256k1) or a base58 public key (ed25519).</summary>
    string PublicKey { get; }

    /// <summary>Signs the UTF-8 text <paramref name="data"/> in the form the node verifies.</summary>
    string Sign(string data);
}
