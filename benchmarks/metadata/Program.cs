// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lineage.Core.Crypto;
using Lineage.Core.Multiformats;
using Lineage.Metadata.Model;
using Lineage.Metadata.Service;
using Lineage.Metadata.Signing;
using Lineage.Node.Storage;

// Usage: dotnet run -c Release -- [count] [concurrency]
// Publishes `count` signed metadata transactions (registry 0x01 path: 3 rows + 3 DAG blocks each) through the
// real service over SQLite (WAL, synchronous=FULL) from `concurrency` concurrent callers, for secp256k1 and
// ed25519 keys, and prints throughput and publish→receipt latency percentiles. The HTTP figures against the issue
// targets come from benchmarks/gateway; this isolates the domain + storage share of that path.
int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4000;
int concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;

foreach (bool ed25519 in new[] { false, true })
{
    string directory = Path.Combine(Path.GetTempPath(), "lineage-bench-" + Guid.NewGuid().ToString("N"));
    await using (TransactionService service = await LineageStorage.OpenServiceAsync(directory))
    {
        var requests = new TransactionRequest[count];
        var signWatch = Stopwatch.StartNew();
        Parallel.For(0, count, i =>
        {
            byte[] key = ed25519 ? Ed25519.GenerateSeed() : Secp256k1.GeneratePrivateKey();
            string data = $"{{\"name\":\"bench {i}\",\"value\":{i}}}";
            string publicKey;
            string signature;
            if (ed25519)
            {
                publicKey = Base58.Encode(Ed25519.GetPublicKey(key));
                signature = Base58.Encode(Ed25519.Sign(key, Encoding.UTF8.GetBytes(data)));
            }
            else
            {
                byte[] pub = Secp256k1.GetPublicKey(key, compressed: false);
                publicKey = "0x" + Convert.ToHexStringLower(Keccak256.Hash(pub.AsSpan(1)).AsSpan(12));
                (byte[] sig, int recId) = Secp256k1.SignHash(key, SignatureVerifier.PersonalMessageDigest(data));
                signature = "0x" + Convert.ToHexStringLower(sig) + (27 + recId).ToString("x2", CultureInfo.InvariantCulture);
            }

            requests[i] = new TransactionRequest
            {
                Method = "metadata", MetaContractId = "0x01", Alias = "name", Version = "1", ChainId = "80001",
                TokenAddress = "0x0692f233614802D06e86CBDE6b5D090A9F5d3c10", TokenId = (i % 500).ToString(CultureInfo.InvariantCulture),
                Data = data, PublicKey = publicKey, Signature = signature, Mcdata = "{\"loose\":1}",
            };
        });
        signWatch.Stop();

        // Verification alone (the per-request CPU cost the callers pay before queueing).
        var verifyWatch = Stopwatch.StartNew();
        for (int i = 0; i < Math.Min(count, 500); i++)
        {
            _ = SignatureVerifier.Verify(requests[i].PublicKey, requests[i].Signature, requests[i].Data);
        }

        double verifyMs = verifyWatch.Elapsed.TotalMilliseconds / Math.Min(count, 500);
        var latencies = new double[count];
        int next = -1;
        int failed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                long start = Stopwatch.GetTimestamp();
                PublishResult result = await service.PublishAsync(requests[i], CancellationToken.None);
                TransactionReceipt receipt = await service.WaitForReceiptAsync(result.TransactionHash, CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (receipt.Status != ReceiptStatus.Success)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        watch.Stop();
        Array.Sort(latencies);
        Console.WriteLine($"{(ed25519 ? "ed25519  " : "secp256k1")}: {count / watch.Elapsed.TotalSeconds,8:F0} tx/s  p50 {latencies[count / 2],6:F1} ms  p99 {latencies[(int)(count * 0.99)],6:F1} ms  verify {verifyMs:F3} ms/sig  failed {failed}  ({count} tx, {concurrency} callers, {Environment.ProcessorCount} cores)");
    }

    Directory.Delete(directory, recursive: true);
}
