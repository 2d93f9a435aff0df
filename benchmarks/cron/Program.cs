// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lineage.Client.Signing;
using Lineage.Metadata.Cron;
using Lineage.Metadata.Cron.Abi;
using Lineage.Metadata.Model;
using Lineage.Metadata.Service;
using Lineage.Node.Cron;
using Lineage.Node.Storage;
using Lineage.Node.Tests.Cron;

// Usage: CronBenchmark [POLL_MS=1000] [LATENCY_SAMPLES=20] [BACKLOG=10000]
// 1. delay from the mined block (mint transaction answered by ganache's instamine) to the metadata being readable
//    through the domain facade, with the default poll interval;
// 2. events/s working through a backlog of mint events minted while the watcher was stopped.
int pollMs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
int samples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
int backlog = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
const double ReferencePollMs = 30_000;

await using GanacheChain chain = await GanacheChain.StartAsync();
string directory = Path.Combine(Path.GetTempPath(), "lineage-cron-bench-" + Guid.NewGuid().ToString("N"));
var options = new CronWatcherOptions
{
    Follower = new CronFollowerOptions { PollInterval = TimeSpan.FromMilliseconds(pollMs), Parallelism = 32 },
    RefreshInterval = TimeSpan.FromMilliseconds(pollMs),
};
try
{
    // ---- latency ----
    await using (TransactionService service = await LineageStorage.OpenServiceAsync(directory))
    {
        var owner = EthereumSigner.Generate();
        string contract = chain.Contract;
        await CreateCronAsync(service, owner, chain, contract);
        await using CronWatcher watcher = CronWatcher.Create(service, directory, options);
        watcher.Start();
        await MintAndWaitAsync(service, chain, contract, "0"); // warm-up (JIT, first poll)
        var delays = new List<double>();
        for (int i = 1; i <= samples; i++)
        {
            string tokenId = i.ToString(CultureInfo.InvariantCulture);
            delays.Add(await MintAndWaitAsync(service, chain, contract, tokenId));
        }

        delays.Sort();
        double p50 = delays[delays.Count / 2];
        double p95 = delays[Math.Min(delays.Count - 1, (int)Math.Ceiling(delays.Count * 0.95) - 1)];
        double max = delays[^1];
        double mean = delays.Average();
        Console.WriteLine($"latency: mined block -> metadata readable, poll interval {pollMs} ms, {samples} mints");
        Console.WriteLine($"  ours       mean {mean,8:0} ms  p50 {p50,8:0} ms  p95 {p95,8:0} ms  max {max,8:0} ms   (target max <= {pollMs + 100} ms: {(max <= pollMs + 100 ? "met" : "MISSED")})");
        Console.WriteLine($"  reference  mean {ReferencePollMs / 2,8:0} ms                            max {ReferencePollMs,8:0} ms   (30 s scheduled poll, processing not counted)");
        Console.WriteLine($"  ratio reference/ours: mean {ReferencePollMs / 2 / mean:0.0}x, worst case {ReferencePollMs / max:0.0}x");
    }

    // ---- backlog ----
    string backlogDirectory = directory + "-backlog";
    await using (TransactionService service = await LineageStorage.OpenServiceAsync(backlogDirectory))
    {
        var owner = EthereumSigner.Generate();
        string contract = await chain.DeployAsync();
        await CreateCronAsync(service, owner, chain, contract);
        const int PerTransaction = 500;
        for (int first = 0; first < backlog; first += PerTransaction)
        {
            await chain.MintBatchAsync(1_000_000 + first, Math.Min(PerTransaction, backlog - first), contract);
        }

        await using CronWatcher watcher = CronWatcher.Create(service, backlogDirectory, options);
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        watcher.Start();
        CronsResult crons = await service.GetAllCronsAsync(CancellationToken.None);
        string cronHash = crons.Crons.Single().Hash;
        while ((watcher.GetStatus(cronHash)?.EventsProcessed ?? 0) < backlog)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new TimeoutException($"backlog not done: {watcher.GetStatus(cronHash)}");
            }

            await Task.Delay(10);
        }

        clock.Stop();
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        string lastKey = service.GenerateDataKey(chain.ChainId, contract, (1_000_000 + backlog - 1).ToString(CultureInfo.InvariantCulture));
        int lastRows = (await service.GetMetadatasAllVersionAsync(lastKey, CancellationToken.None)).Metadatas.Count;
        double rate = backlog / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"backlog: {backlog} Minted events in {backlog / PerTransaction} transactions, watcher started after minting");
        Console.WriteLine($"  ours       {clock.Elapsed.TotalSeconds,8:0.00} s  {rate,8:0} events/s  (target >= 500/s: {(rate >= 500 ? "met" : "MISSED")}; last token has {lastRows} rows)");
        Console.WriteLine($"  CPU of this process (watcher + domain + SQLite; ganache not counted): {cpuSeconds:0.00} s = {1000 * cpuSeconds / backlog:0.000} ms per event "
            + $"=> {backlog / cpuSeconds:0} events per CPU-second; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        Console.WriteLine($"  reference  first poll after up to 30 s; one eth_getLogs per 30 s tick, each event a chain of Aqua service calls");
        Console.WriteLine($"  ratio: first events after {pollMs} ms vs up to 30000 ms ({ReferencePollMs / pollMs:0}x sooner)");
    }
}
finally
{
    foreach (string dir in new[] { directory, directory + "-backlog" })
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

static async Task CreateCronAsync(ITransactionService service, EthereumSigner owner, GanacheChain chain, string contract)
{
    string binding = JsonSerializer.Serialize(new { is_registry = false, registry_id = "", registry_name = "", meta_contract_id = "bench-mc", migrate_from = "" });
    await PublishAsync(service, owner, "contract", binding, chain.ChainId, contract);
    string cron = JsonSerializer.Serialize(new
    {
        action = "create", hash = "", address = contract, chain = chain.ChainId, topic = MintedEvent.Topic,
        token_type = "erc721", status = 1, node_url = chain.RpcUrl.AbsoluteUri, abi_url = "",
    });
    await PublishAsync(service, owner, "cron", cron, chain.ChainId, contract);
}

static async Task PublishAsync(ITransactionService service, EthereumSigner signer, string method, string data, string chainId, string contract)
{
    PublishResult published = await service.PublishAsync(new TransactionRequest
    {
        MetaContractId = "bench-mc", PublicKey = signer.PublicKey, Signature = signer.Sign(data), Data = data,
        Method = method, ChainId = chainId, TokenAddress = contract,
    }, CancellationToken.None);
    TransactionReceipt receipt = await service.WaitForReceiptAsync(published.TransactionHash, CancellationToken.None);
    if (receipt.Status != 1)
    {
        throw new InvalidOperationException($"{method} failed: {receipt.ErrorText}");
    }
}

static async Task<double> MintAndWaitAsync(ITransactionService service, GanacheChain chain, string contract, string tokenId)
{
    string dataKey = service.GenerateDataKey(chain.ChainId, contract, tokenId);
    await chain.MintAsync(tokenId, contract: contract);
    var clock = Stopwatch.StartNew(); // the block is mined when ganache answers (instamine)
    while ((await service.GetMetadatasAllVersionAsync(dataKey, CancellationToken.None)).Metadatas.Count == 0)
    {
        if (clock.Elapsed > TimeSpan.FromMinutes(1))
        {
            throw new TimeoutException($"token {tokenId} never got metadata");
        }

        await Task.Delay(1);
    }

    return clock.Elapsed.TotalMilliseconds;
}
