// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Node.Identity;
using Microsoft.AspNetCore.Http;

namespace Lineage.Node.Health;

/// <summary>
/// <c>GET /health</c>: <c>200 {"status":"ok",…}</c> once the node serves requests, <c>503</c> while it is stopping.
/// Liveness and readiness are the same thing here: the node only starts listening once storage is open.
/// </summary>
internal sealed class HealthEndpoint(NodeIdentity identity, Func<bool> isStopping, DateTimeOffset startedAt)
{
    public const string Path = "/health";

    public async Task HandleAsync(HttpContext context)
    {
        bool stopping = isStopping();
        context.Response.StatusCode = stopping ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", stopping ? "stopping" : "ok");
            writer.WriteString("peer_id", identity.PeerId);
            writer.WriteString("started_at", startedAt);
            writer.WriteNumber("uptime_seconds", Math.Round((DateTimeOffset.UtcNow - startedAt).TotalSeconds, 3));
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }
}
