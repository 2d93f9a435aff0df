// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lineage.Node.Identity;
using Lineage.Node.Tests.Support;

namespace Lineage.Node.Tests.Hosting;

/// <summary>Health, metrics, CORS and identity of a real node.</summary>
public sealed class HttpSurfaceTests
{
    [Fact]
    public async Task Health_reports_ok_and_the_peer_id()
    {
        await using TestNode node = await TestNode.StartAsync();
        using HttpResponseMessage response = await node.Http.GetAsync("/health");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().Should().Be("ok");
        body.RootElement.GetProperty("peer_id").GetString().Should().Be(node.Node.Identity.PeerId);
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_and_count_rpc_calls()
    {
        await using TestNode node = await TestNode.StartAsync();
        await node.RpcAsync("{\"jsonrpc\":\"2.0\",\"method\":\"no_such_method\",\"id\":1}");
        await node.RpcAsync("{broken");
        using HttpResponseMessage response = await node.Http.GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        string text = await response.Content.ReadAsStringAsync();

        text.Should().Contain("# TYPE lineage_rpc_calls_total counter");
        text.Should().Contain("lineage_rpc_calls_total{method=\"unknown\",outcome=\"-32601\"} 1");
        text.Should().Contain("lineage_rpc_rejected_total{reason=\"parse_error\"} 1");
        text.Should().Contain("# TYPE lineage_rpc_call_duration_seconds histogram");
        text.Should().Contain("lineage_rpc_call_duration_seconds_bucket{method=\"unknown\",le=\"+Inf\"} 1");
        text.Should().MatchRegex(@"(?m)^lineage_node_uptime_seconds [0-9.E+-]+$");
        text.Should().Contain("# TYPE http_server_request_duration_seconds histogram");

        // Every sample line is NAME{labels} VALUE with a parseable number.
        var sample = new Regex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)*\})? (\+Inf|-Inf|NaN|-?[0-9.]+(E[+-]?[0-9]+)?)$");
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
        {
            sample.IsMatch(line).Should().BeTrue($"'{line}' must be a valid Prometheus sample");
        }
    }

    [Fact]
    public async Task Cors_allows_any_origin_by_default()
    {
        await using TestNode node = await TestNode.StartAsync();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v0/json-rpc");
        preflight.Headers.Add("Origin", "https://dapp.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using HttpResponseMessage response = await node.Http.SendAsync(preflight);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
    }

    [Fact]
    public async Task Cors_restricts_to_configured_origins()
    {
        await using TestNode node = await TestNode.StartAsync(o => o.CorsOrigins = "https://good.example");
        using var good = new HttpRequestMessage(HttpMethod.Get, "/health");
        good.Headers.Add("Origin", "https://good.example");
        using HttpResponseMessage goodResponse = await node.Http.SendAsync(good);
        goodResponse.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://good.example");

        using var evil = new HttpRequestMessage(HttpMethod.Get, "/health");
        evil.Headers.Add("Origin", "https://evil.example");
        using HttpResponseMessage evilResponse = await node.Http.SendAsync(evil);
        evilResponse.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task Cors_can_be_switched_off()
    {
        await using TestNode node = await TestNode.StartAsync(o => o.CorsOrigins = "");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", "https://dapp.example");
        using HttpResponseMessage response = await node.Http.SendAsync(request);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task Identity_is_generated_once_and_reused_on_restart()
    {
        string directory = Directory.CreateTempSubdirectory("lineage-identity-").FullName;
        try
        {
            string first;
            await using (TestNode node = await TestNode.StartAsync(dataDirectory: directory))
            {
                first = node.Node.Identity.PeerId;
                first.Should().StartWith("12D3KooW");
                node.Node.ListeningLine.Should().Be(
                    $"listening http={node.Node.HttpAddress.ToString().TrimEnd('/')} tcp={node.Node.Peer.TcpAddress} ws={node.Node.Peer.WsAddress}");
                node.Node.Peer.TcpAddress.ToString().Should().MatchRegex($"^/ip4/127\\.0\\.0\\.1/tcp/[0-9]+/p2p/{first}$");
                node.Node.Peer.WsAddress.ToString().Should().MatchRegex($"^/ip4/127\\.0\\.0\\.1/tcp/[0-9]+/ws/p2p/{first}$");
            }

            await using (TestNode again = await TestNode.StartAsync(dataDirectory: directory))
            {
                again.Node.Identity.PeerId.Should().Be(first);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(Path.Combine(directory, NodeIdentity.FileName))
                    .Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
