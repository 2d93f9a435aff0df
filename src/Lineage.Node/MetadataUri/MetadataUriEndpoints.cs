// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Metadata.Model;
using Lineage.Metadata.Queries;
using Lineage.Metadata.Service;
using Lineage.Node.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Lineage.Node.MetadataUri;

/// <summary>
/// The metadata-URI routes of the reference server (<c>lineage-protocol.md</c> §15.2): an NFT's Lineage fields merged
/// into one flat OpenSea-style JSON object, usable as the token's <c>tokenURI</c>.
/// </summary>
/// <remarks>
/// Rows are those of registry contract <c>0x01</c> for (token_key, token_id); <c>/pk</c> keeps only rows written under
/// <c>0x01</c> or the given public key. Each row's newest DAG block is read and its <c>content</c> merged: a row with
/// alias <c>""</c> spreads its object into the top level, any other row sets <c>data[alias]</c>. Merge order is fixed
/// (whole-object rows first, then by alias; <c>0x01</c> before user keys) so the answer does not depend on storage
/// order. A token without rows answers 404.
/// </remarks>
internal sealed class MetadataUriEndpoints(ITransactionService service, ILogger logger)
{
    private const string RegistryContract = "0x01";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/tk/{tokenKey}/{tokenId}", context =>
            ServeAsync(context, Route(context, "tokenKey"), Route(context, "tokenId"), publicKey: null));
        routes.MapGet("/pk/{pk}/{tokenKey}/{tokenId}", context =>
            ServeAsync(context, Route(context, "tokenKey"), Route(context, "tokenId"), Route(context, "pk")));
        routes.MapGet("/ta/{chainId}/{tokenAddress}/{tokenId}", context =>
        {
            string tokenKey = service.GenerateTokenKey(Route(context, "chainId"), Route(context, "tokenAddress"));
            return ServeAsync(context, tokenKey, Route(context, "tokenId"), publicKey: null);
        });
    }

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? string.Empty;

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    private static bool SameKey(string a, string b) =>
        a.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
            : string.Equals(a, b, StringComparison.Ordinal);

    private async Task ServeAsync(HttpContext context, string tokenKey, string tokenId, string? publicKey)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        var filter = new SearchFilter
        {
            Query =
            [
                new QueryCondition { Column = "token_key", Op = "=", Query = tokenKey },
                new QueryCondition { Column = "token_id", Op = "=", Query = tokenId },
                new QueryCondition { Column = "meta_contract_id", Op = "=", Query = RegistryContract },
            ],
        };
        MetadatasResult rows = await service.SearchMetadatasAsync(filter, cancellationToken).ConfigureAwait(false);
        IEnumerable<MetadataRecord> selected = rows.Metadatas;
        if (publicKey is not null)
        {
            selected = selected.Where(r => r.PublicKey == RegistryContract || SameKey(r.PublicKey, publicKey));
        }

        List<MetadataRecord> ordered = [.. selected
            .OrderBy(r => r.Alias.Length == 0 ? 0 : 1)
            .ThenBy(r => r.Alias, StringComparer.Ordinal)
            .ThenBy(r => r.PublicKey == RegistryContract ? 0 : 1)
            .ThenBy(r => r.PublicKey, StringComparer.Ordinal)];
        if (ordered.Count == 0)
        {
            await WriteJsonAsync(context, StatusCodes.Status404NotFound, w =>
            {
                w.WriteStartObject();
                w.WriteString("error", "no Lineage metadata for this token");
                w.WriteEndObject();
            }).ConfigureAwait(false);
            return;
        }

        var merged = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (MetadataRecord row in ordered)
        {
            IpfsGetResult block = await service.IpfsGetAsync(row.Cid, cancellationToken).ConfigureAwait(false);
            if (!block.Success || !TryReadContent(block.Content, out JsonElement content))
            {
                string reason = $"block {row.Cid} of field '{row.Alias}' is unreadable: {block.Error}";
                Log.MetadataUriFailed(logger, reason);
                continue;
            }

            if (row.Alias.Length == 0 && content.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty property in content.EnumerateObject())
                {
                    Set(merged, order, property.Name, property.Value);
                }
            }
            else
            {
                Set(merged, order, row.Alias, content);
            }
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            foreach (string key in order)
            {
                w.WritePropertyName(key);
                merged[key].WriteTo(w);
            }

            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static void Set(Dictionary<string, JsonElement> merged, List<string> order, string key, JsonElement value)
    {
        if (!merged.ContainsKey(key))
        {
            order.Add(key);
        }

        merged[key] = value;
    }

    private static bool TryReadContent(string blockJson, out JsonElement content)
    {
        content = default;
        try
        {
            using JsonDocument block = JsonDocument.Parse(blockJson);
            if (block.RootElement.ValueKind == JsonValueKind.Object && block.RootElement.TryGetProperty("content", out JsonElement value))
            {
                content = value.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
            // reported by the caller
        }

        return false;
    }
}
