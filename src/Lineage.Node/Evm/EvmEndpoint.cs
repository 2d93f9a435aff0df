// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Node.Evm;

/// <summary>Validation and display of EVM endpoint URLs.</summary>
internal static class EvmEndpoint
{
    /// <summary>Parses an http(s) URL; returns false with a reason for anything else.</summary>
    public static bool TryParse(string? url, out Uri endpoint, out string error)
    {
        endpoint = null!;
        if (string.IsNullOrWhiteSpace(url))
        {
            error = "node_url is empty";
            return false;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(parsed.Host))
        {
            error = "node_url must be an absolute http:// or https:// URL";
            return false;
        }

        endpoint = parsed;
        error = string.Empty;
        return true;
    }

    /// <summary>Scheme, host and port only: paths and queries of hosted RPC URLs often carry API keys (D15).</summary>
    public static string Display(Uri endpoint) => $"{endpoint.Scheme}://{endpoint.Host}:{endpoint.Port}";
}
