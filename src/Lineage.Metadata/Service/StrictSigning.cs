// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Metadata.Model;

namespace Lineage.Metadata.Service;

/// <summary>
/// Strict signing (replay hardening of defect D3): the signed <c>data</c> must be a JSON object with a
/// <c>lineage_target</c> object naming where it may be applied — <c>method</c>, <c>chain_id</c>,
/// <c>token_address</c>, <c>token_id</c>, <c>alias</c>, <c>version</c>, <c>meta_contract_id</c> — each equal to the
/// request (chain and address case-insensitively), and optionally <c>previous</c>, the CID the addressed row must
/// currently point at ("" for a new row), which makes the signature single-use.
/// </summary>
internal static class StrictSigning
{
    public const string TargetMember = "lineage_target";

    /// <summary>Null when the target matches; otherwise the reason.</summary>
    public static string? Check(TransactionRequest request, string effectiveMetaContractId, out string? previous)
    {
        previous = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Data);
        }
        catch (JsonException)
        {
            return $"strict signing: data must be a JSON object with a {TargetMember} member";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(TargetMember, out JsonElement target)
                || target.ValueKind != JsonValueKind.Object)
            {
                return $"strict signing: data must be a JSON object with a {TargetMember} object";
            }

            (string Name, string Expected, bool IgnoreCase)[] fields =
            [
                ("method", request.Method, false),
                ("chain_id", request.ChainId, true),
                ("token_address", request.TokenAddress, true),
                ("token_id", request.TokenId, false),
                ("alias", request.Alias, false),
                ("version", request.Version, false),
                ("meta_contract_id", effectiveMetaContractId, false),
            ];
            foreach (var (name, expected, ignoreCase) in fields)
            {
                if (!target.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.String)
                {
                    return $"strict signing: {TargetMember}.{name} is required";
                }

                if (!string.Equals(value.GetString(), expected, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                {
                    return $"strict signing: {TargetMember}.{name} does not match the request";
                }
            }

            if (target.TryGetProperty("previous", out JsonElement previousValue))
            {
                if (previousValue.ValueKind != JsonValueKind.String)
                {
                    return $"strict signing: {TargetMember}.previous must be a string";
                }

                previous = previousValue.GetString();
            }
        }

        return null;
    }
}
