// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using Lineage.Node.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lineage.Node.JsonRpc;

/// <summary>
/// HTTP binding of the JSON-RPC handler at <c>POST /api/v0/json-rpc</c>: reads the body up to the configured limit,
/// answers <c>200</c> with the JSON-RPC response, <c>204</c> when only notifications were sent, and <c>413</c> (with a
/// JSON-RPC error body) when the body is too large.
/// </summary>
internal sealed class JsonRpcEndpoint(JsonRpcHandler handler, long maxBodyBytes, NodeMetrics metrics, ILogger logger)
{
    public const string Path = "/api/v0/json-rpc";

    public async Task HandleAsync(HttpContext context)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        byte[]? body = await ReadBodyAsync(context.Request.BodyReader, cancellationToken).ConfigureAwait(false);
        byte[]? response;
        if (body is null)
        {
            string reason = string.Create(CultureInfo.InvariantCulture, $"request body exceeds the limit of {maxBodyBytes} bytes");
            metrics.RpcRejected("body_too_large");
            Log.RpcRejected(logger, reason);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            response = JsonRpcHandler.ErrorOnly(JsonRpcErrorCode.InvalidRequest, "invalid request: " + reason);
        }
        else
        {
            response = await handler.HandleAsync(body, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = response.Length;
        await context.Response.Body.WriteAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the whole body, or returns null once it exceeds the limit (Kestrel enforces it too).</summary>
    private async Task<byte[]?> ReadBodyAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                ReadResult read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (read.Buffer.Length > maxBodyBytes)
                {
                    reader.AdvanceTo(read.Buffer.End);
                    return null;
                }

                if (read.IsCompleted)
                {
                    byte[] body = read.Buffer.ToArray();
                    reader.AdvanceTo(read.Buffer.End);
                    return body;
                }

                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
