// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Net.Sockets;
using Lineage.Metadata.Cron.Abi;
using Lineage.Metadata.Cron.Evm;
using Lineage.Node.Evm;

namespace Lineage.Node.Tests.Cron;

[Collection(SharedGanache.Name)]
public sealed class HttpEvmChainClientTests(GanacheFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly EvmClientOptions _options = new() { RequestTimeout = TimeSpan.FromSeconds(5) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task ReadsHeadLogsBlocksAndReceiptsFromGanache()
    {
        GanacheChain chain = fixture.Chain;
        string contract = await chain.DeployAsync();
        MintReceipt first = await chain.MintAsync("1", contract: contract);
        MintReceipt second = await chain.MintAsync("2", [0xCA, 0xFE], "key", contract);
        var client = new HttpEvmChainClient(_http, chain.RpcUrl, _options, limiter: null);

        ulong head = await client.GetBlockNumberAsync(CancellationToken.None);
        head.Should().BeGreaterThanOrEqualTo(second.BlockNumber);

        IReadOnlyList<EvmLog> logs = await client.GetLogsAsync(
            new EvmLogFilter(contract, first.BlockNumber, second.BlockNumber, MintedEvent.Topic), CancellationToken.None);
        logs.Should().HaveCount(2);
        logs[0].TransactionHash.Should().Be(first.TransactionHash);
        logs[0].BlockHash.Should().Be(first.BlockHash);
        logs[1].BlockNumber.Should().Be(second.BlockNumber);
        logs.Should().OnlyContain(l => l.Address == contract && l.Topics.Count == 1 && !l.Removed);
        MintedEvent minted = MintedEvent.Decode(logs[1]);
        minted.TokenId.Should().Be("2");
        minted.To.Should().Be(chain.Holder);
        MintData.Decode(minted.Data.Span).PayloadHex.Should().Be("cafe");

        IReadOnlyList<EvmLog> onlyFirst = await client.GetLogsAsync(
            new EvmLogFilter(contract, first.BlockNumber, first.BlockNumber, MintedEvent.Topic), CancellationToken.None);
        onlyFirst.Should().ContainSingle();

        EvmBlockHeader? block = await client.GetBlockByNumberAsync(second.BlockNumber, CancellationToken.None);
        block!.Hash.Should().Be(second.BlockHash);
        block.Number.Should().Be(second.BlockNumber);
        (await client.GetBlockByNumberAsync(head + 1000, CancellationToken.None)).Should().BeNull();

        EvmTransactionReceipt? receipt = await client.GetTransactionReceiptAsync(second.TransactionHash, CancellationToken.None);
        receipt!.Succeeded.Should().BeTrue();
        receipt.BlockNumber.Should().Be(second.BlockNumber);
        receipt.Logs.Should().Contain(l => l.Topics[0] == MintedEvent.Topic);
        (await client.GetTransactionReceiptAsync("0x" + new string('1', 64), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task JsonRpcErrorFromGanacheIsReportedWithItsCode()
    {
        var client = new HttpEvmChainClient(_http, fixture.Chain.RpcUrl, _options, limiter: null);
        Func<Task> call = () => client.GetTransactionReceiptAsync("not-a-hash", CancellationToken.None);
        (await call.Should().ThrowAsync<EvmRpcException>()).Which.Kind.Should().Be(EvmRpcErrorKind.RpcError);
    }

    [Fact]
    public async Task UnreachableEndpointIsAClearError()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = new HttpEvmChainClient(_http, new Uri($"http://127.0.0.1:{port}/v2/api-key"), _options, limiter: null);

        Func<Task> call = () => client.GetBlockNumberAsync(CancellationToken.None);
        EvmRpcException error = (await call.Should().ThrowAsync<EvmRpcException>()).Which;
        error.Kind.Should().Be(EvmRpcErrorKind.Unreachable);
        error.Message.Should().Contain($"127.0.0.1:{port}").And.Contain("eth_blockNumber").And.NotContain("api-key");
    }

    [Theory]
    [InlineData("<html>502 bad gateway</html>", "not JSON")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"banana\"}", "hex quantity")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}", "neither result nor error")]
    [InlineData("[1,2,3]", "response object")]
    [InlineData("{\"id\":1,\"result\":\"0x1\"}", "jsonrpc")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1ffffffffffffffff\"}", "64-bit")]
    public async Task GarbageAnswersAreMalformedResponseErrors(string body, string expected)
    {
        await using var server = new CannedHttpServer(CannedHttpServer.Ok(body));
        var client = new HttpEvmChainClient(_http, server.Url, _options, limiter: null);
        Func<Task> call = () => client.GetBlockNumberAsync(CancellationToken.None);
        EvmRpcException error = (await call.Should().ThrowAsync<EvmRpcException>()).Which;
        error.Kind.Should().Be(EvmRpcErrorKind.MalformedResponse);
        error.Message.Should().Contain(expected).And.NotContain("secret-api-key");
    }

    [Fact]
    public async Task GarbageLogsAreMalformedResponseErrors()
    {
        const string body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[{\"address\":\"0x12\",\"topics\":[],\"data\":\"0x\"}]}";
        await using var server = new CannedHttpServer(CannedHttpServer.Ok(body));
        var client = new HttpEvmChainClient(_http, server.Url, _options, limiter: null);
        Func<Task> call = () => client.GetLogsAsync(new EvmLogFilter("0x" + new string('a', 40), 0, 1, MintedEvent.Topic), CancellationToken.None);
        (await call.Should().ThrowAsync<EvmRpcException>()).Which.Message.Should().Contain("log.address");
    }

    [Fact]
    public async Task HttpErrorStatusIsReported()
    {
        await using var server = new CannedHttpServer("HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var client = new HttpEvmChainClient(_http, server.Url, _options, limiter: null);
        Func<Task> call = () => client.GetBlockNumberAsync(CancellationToken.None);
        EvmRpcException error = (await call.Should().ThrowAsync<EvmRpcException>()).Which;
        error.Kind.Should().Be(EvmRpcErrorKind.HttpStatus);
        error.Message.Should().Contain("429");
    }

    [Fact]
    public async Task OversizedAnswerIsRejected()
    {
        string body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x" + new string('0', 4096) + "1\"}";
        await using var server = new CannedHttpServer(CannedHttpServer.Ok(body));
        var client = new HttpEvmChainClient(_http, server.Url, new EvmClientOptions { MaxResponseBytes = 1024 }, limiter: null);
        Func<Task> call = () => client.GetBlockNumberAsync(CancellationToken.None);
        (await call.Should().ThrowAsync<EvmRpcException>()).Which.Kind.Should().Be(EvmRpcErrorKind.ResponseTooLarge);
    }

    [Fact]
    public async Task SilentEndpointTimesOut()
    {
        await using var server = new CannedHttpServer(rawResponse: null);
        var client = new HttpEvmChainClient(_http, server.Url, new EvmClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) }, limiter: null);
        Func<Task> call = () => client.GetBlockNumberAsync(CancellationToken.None);
        (await call.Should().ThrowAsync<EvmRpcException>()).Which.Kind.Should().Be(EvmRpcErrorKind.Timeout);
    }

    [Fact]
    public async Task SharedEndpointLimiterSpacesRequests()
    {
        using var limiters = new EvmEndpointLimiters(new EvmClientOptions { RequestsPerSecond = 10, Burst = 1 });
        var client = new HttpEvmChainClient(_http, fixture.Chain.RpcUrl, _options, limiters.For(fixture.Chain.RpcUrl));
        var other = new HttpEvmChainClient(_http, fixture.Chain.RpcUrl, _options, limiters.For(fixture.Chain.RpcUrl));
        limiters.For(fixture.Chain.RpcUrl).Should().BeSameAs(limiters.For(new Uri(fixture.Chain.RpcUrl.AbsoluteUri)));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 3; i++)
        {
            await client.GetBlockNumberAsync(CancellationToken.None);
            await other.GetBlockNumberAsync(CancellationToken.None);
        }

        // 6 requests with a burst of 1 and 1 token per 100 ms need at least 5 refills.
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450));
    }
}
