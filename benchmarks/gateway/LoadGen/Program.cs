// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lineage.Client;
using Lineage.Client.Model;
using Lineage.Client.Signing;

namespace Lineage.Benchmarks.GatewayLoad;

/// <summary>
/// Gateway load generator. 1) Sustained publish throughput: pre-signed <c>metadata</c> requests (one per token, so
/// every one executes its meta contract and writes a row and a DAG block) sent by a fixed number of concurrent
/// clients; the figure counts a transaction only once its receipt exists. 2) publish→receipt latency at a fixed rate
/// (half the measured throughput): each transaction is timed from sending <c>publish</c> until
/// <c>wait_transaction_receipt</c> returns its receipt.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Dictionary<string, string> options = ParseArgs(args);
        var node = new Uri(options.GetValueOrDefault("--node", "http://127.0.0.1:8080"));
        string keyType = options.GetValueOrDefault("--key-type", "secp256k1");
        int count = int.Parse(options.GetValueOrDefault("--count", "20000"), CultureInfo.InvariantCulture);
        int concurrency = int.Parse(options.GetValueOrDefault("--concurrency", "64"), CultureInfo.InvariantCulture);
        double latencySeconds = double.Parse(options.GetValueOrDefault("--latency-seconds", "10"), CultureInfo.InvariantCulture);
        double? fixedRate = options.TryGetValue("--rate", out string? rateText) ? double.Parse(rateText, CultureInfo.InvariantCulture) : null;

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false, UseCookies = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(120) };
        using var client = new LineageClient(node, http);
        var rpc = new Uri(node, LineageClient.JsonRpcPath);

        ISigner signer = keyType == "ed25519" ? Ed25519Signer.Generate() : EthereumSigner.Generate();
        string run = Guid.NewGuid().ToString("N")[..8];
        string metaContract = $"bench-{run}";
        const string chain = "80001";
        string collection = "0x" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000";

        // Bind the collection to a contract (default behaviour: echo the field) so metadata writes execute it.
        TransactionRequest bind = new TransactionRequest
        {
            Method = "contract",
            MetaContractId = metaContract,
            ChainId = chain,
            TokenAddress = collection,
            Data = $"{{\"is_registry\":false,\"registry_id\":\"\",\"registry_name\":\"\",\"meta_contract_id\":\"{metaContract}\",\"migrate_from\":\"\"}}",
        }.SignWith(signer);
        using (var bindTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            PublishResult bound = await client.PublishAsync(bind, bindTimeout.Token);
            TransactionReceipt receipt = await client.WaitForReceiptAsync(bound.TransactionHash, bindTimeout.Token);
            if (receipt.Status != 1)
            {
                Console.Error.WriteLine($"binding the benchmark contract failed: {receipt.ErrorText}");
                return 1;
            }
        }

        int warmup = Math.Min(1000, count / 10);
        int total = warmup + count;
        Console.Error.WriteLine($"pre-signing {total} {keyType} requests…");
        var signing = Stopwatch.StartNew();
        byte[][] bodies = PreSign(signer, run, metaContract, chain, collection, 0, total);
        Console.Error.WriteLine($"signed in {signing.Elapsed.TotalSeconds:F1} s");

        // Warm-up (JIT, connection pool, SQLite page cache).
        string[] warmHashes = await PublishAllAsync(http, rpc, bodies, 0, warmup, concurrency);
        await WaitForReceiptsAsync(http, rpc, warmHashes);

        // Throughput.
        Console.Error.WriteLine($"throughput: {count} publishes, {concurrency} concurrent clients…");
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        string[] hashes = await PublishAllAsync(http, rpc, bodies, warmup, count, concurrency);
        double acceptedSeconds = clock.Elapsed.TotalSeconds;
        (int failed, int ok) = await WaitForReceiptsAsync(http, rpc, hashes);
        double executedSeconds = clock.Elapsed.TotalSeconds;
        double loadCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        double acceptedRate = count / acceptedSeconds;
        double executedRate = count / executedSeconds;

        // Latency at half the sustained load (or --rate).
        double rate = fixedRate ?? executedRate / 2;
        int latencyCount = Math.Max(1, (int)(rate * latencySeconds));
        byte[][] latencyBodies = PreSign(signer, run, metaContract, chain, collection, total, latencyCount);
        Console.Error.WriteLine($"latency: {latencyCount} transactions at {rate:F0} tx/s…");
        double[] latencies = await MeasureLatencyAsync(http, rpc, latencyBodies, 0, latencyCount, rate);
        Array.Sort(latencies);

        var result = new Dictionary<string, object>
        {
            ["key_type"] = keyType,
            ["count"] = count,
            ["concurrency"] = concurrency,
            ["accepted_tx_per_s"] = Math.Round(acceptedRate, 1),
            ["executed_tx_per_s"] = Math.Round(executedRate, 1),
            ["receipts_ok"] = ok,
            ["receipts_failed"] = failed,
            ["latency_rate_tx_per_s"] = Math.Round(rate, 1),
            ["latency_samples"] = latencies.Length,
            ["latency_p50_ms"] = Math.Round(Percentile(latencies, 0.50), 2),
            ["latency_p99_ms"] = Math.Round(Percentile(latencies, 0.99), 2),
            ["latency_max_ms"] = Math.Round(latencies.Length == 0 ? 0 : latencies[^1], 2),
            ["total_transactions"] = 1 + warmup + count + latencyCount,
            ["load_generator_cpu_ms_per_tx"] = Math.Round(loadCpuMs / count, 3),
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(result));
        return failed == 0 ? 0 : 1;
    }

    private static byte[][] PreSign(ISigner signer, string run, string metaContract, string chain, string collection, int first, int count)
    {
        byte[][] bodies = new byte[count][];
        Parallel.For(0, count, k =>
        {
            int i = first + k;
            string data = $"{{\"name\":\"token {i} of {run}\",\"n\":{i}}}";
            TransactionRequest request = new TransactionRequest
            {
                Method = "metadata",
                MetaContractId = metaContract,
                ChainId = chain,
                TokenAddress = collection,
                TokenId = i.ToString(CultureInfo.InvariantCulture),
                Alias = "name",
                Version = "1",
                Mcdata = "{\"loose\":1}",
                Data = data,
            }.SignWith(signer);
            bodies[k] = JsonSerializer.SerializeToUtf8Bytes(new { jsonrpc = "2.0", method = "publish", @params = request, id = i });
        });
        return bodies;
    }

    private static async Task<string[]> PublishAllAsync(HttpClient http, Uri rpc, byte[][] bodies, int start, int count, int concurrency)
    {
        string[] hashes = new string[count];
        int next = -1;
        async Task WorkerAsync()
        {
            while (true)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= count)
                {
                    return;
                }

                hashes[i] = await PublishAsync(http, rpc, bodies[start + i]);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        return hashes;
    }

    private static async Task<string> PublishAsync(HttpClient http, Uri rpc, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await http.PostAsync(rpc, content);
        byte[] answer = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"publish answered HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(answer)}");
        }

        using JsonDocument document = JsonDocument.Parse(answer);
        if (!document.RootElement.TryGetProperty("result", out JsonElement result))
        {
            throw new InvalidOperationException($"publish failed: {Encoding.UTF8.GetString(answer)}");
        }

        return result.GetProperty("transaction_hash").GetString()!;
    }

    /// <summary>
    /// Confirms every receipt with <c>wait_transaction_receipt</c>, 200 calls per JSON-RPC batch: the check costs the
    /// node (which shares the cores) a few HTTP requests instead of one per transaction.
    /// </summary>
    private static async Task<(int Failed, int Ok)> WaitForReceiptsAsync(HttpClient http, Uri rpc, string[] hashes)
    {
        const int PerBatch = 200;
        int failed = 0;
        int ok = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        IEnumerable<string[]> batches = hashes.Chunk(PerBatch);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = timeout.Token }, async (batch, ct) =>
        {
            object[] calls = batch.Select((hash, i) => (object)new { jsonrpc = "2.0", method = "wait_transaction_receipt", @params = new object[] { hash, 60_000 }, id = i }).ToArray();
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(calls));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await http.PostAsync(rpc, content, ct);
            using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() != batch.Length)
            {
                throw new InvalidOperationException($"receipt batch answered {document.RootElement}");
            }

            foreach (JsonElement answer in document.RootElement.EnumerateArray())
            {
                string hash = batch[answer.GetProperty("id").GetInt32()];
                if (answer.TryGetProperty("result", out JsonElement result) && result.GetProperty("success").GetBoolean()
                    && result.GetProperty("receipt").GetProperty("status").GetInt64() == 1)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Console.Error.WriteLine($"transaction {hash} has no successful receipt: {answer}");
                }
            }
        });
        return (failed, ok);
    }

    private static async Task<double[]> MeasureLatencyAsync(HttpClient http, Uri rpc, byte[][] bodies, int start, int count, double rate)
    {
        double[] latencies = new double[count];
        var tasks = new Task[count];
        var clock = Stopwatch.StartNew();
        double interval = 1.0 / rate;
        for (int i = 0; i < count; i++)
        {
            double due = i * interval;
            double wait = due - clock.Elapsed.TotalSeconds;
            if (wait > 0.002)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait));
            }

            int index = i;
            tasks[i] = Task.Run(async () =>
            {
                long sent = Stopwatch.GetTimestamp();
                string hash = await PublishAsync(http, rpc, bodies[start + index]);
                byte[] wait = JsonSerializer.SerializeToUtf8Bytes(new { jsonrpc = "2.0", method = "wait_transaction_receipt", @params = new object[] { hash, 30_000 }, id = index });
                using var content = new ByteArrayContent(wait);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using HttpResponseMessage response = await http.PostAsync(rpc, content);
                using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                JsonElement result = document.RootElement.GetProperty("result");
                if (!result.GetProperty("success").GetBoolean() || result.GetProperty("receipt").GetProperty("status").GetInt64() != 1)
                {
                    throw new InvalidOperationException($"transaction {hash} has no successful receipt: {result}");
                }

                latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            });
        }

        await Task.WhenAll(tasks);
        return latencies;
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        int index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    private static Dictionary<string, string> ParseArgs(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        return options;
    }
}
