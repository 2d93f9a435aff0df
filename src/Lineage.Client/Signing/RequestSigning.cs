// SPDX-License-Identifier: Apache-2.0

using Lineage.Client.Model;

namespace Lineage.Client.Signing;

/// <summary>Signing of transaction requests.</summary>
public static class RequestSigning
{
    /// <summary>
    /// Returns <paramref name="request"/> with <c>public_key</c> set to the signer and <c>signature</c> over
    /// <c>data</c> (the only field the node verifies; see docs/security.md for what that implies).
    /// </summary>
    public static TransactionRequest SignWith(this TransactionRequest request, ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signer);
        return request with { PublicKey = signer.PublicKey, Signature = signer.Sign(request.Data) };
    }
}
