// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Client.Signing;
using Lineage.Metadata.Cron;
using Lineage.Metadata.Cron.Abi;
using Lineage.Metadata.Model;
using Lineage.Metadata.Service;
using Lineage.Node.Cron;
using Lineage.Node.Storage;

namespace Lineage.Node.Tests.Cron;

/// <summary>
/// The domain service over real SQLite in a temp data directory plus the mint watcher, restartable in place (same
/// data directory), as the node composes them.
/// </summary>
public sealed class CronTestNode : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly CronWatcherOptions _options;

    private CronTestNode(string dataDirectory, CronWatcherOptions options)
    {
        DataDirectory = dataDirectory;
        _options = options;
    }

    public string DataDirectory { get; }

    public ITransactionService Service { get; private set; } = null!;

    public CronWatcher Watcher { get; private set; } = null!;

    public static async Task<CronTestNode> StartAsync(CronFollowerOptions? follower = null)
    {
        string directory = Path.Combine(Path.GetTempPath(), "lineage-cron-" + Guid.NewGuid().ToString("N"));
        var options = new CronWatcherOptions
        {
            Follower = follower ?? new CronFollowerOptions { PollInterval = TimeSpan.FromMilliseconds(100), RetryBaseDelay = TimeSpan.FromMilliseconds(200) },
            RefreshInterval = TimeSpan.FromMilliseconds(100),
        };
        var node = new CronTestNode(directory, options);
        await node.OpenAsync();
        return node;
    }

    /// <summary>Stops the watcher and closes the database, then opens both again on the same data directory.</summary>
    public async Task RestartAsync()
    {
        await CloseAsync();
        await OpenAsync();
    }

    /// <summary>Publishes a signed request and waits for its receipt.</summary>
    public async Task<TransactionReceipt> PublishAsync(EthereumSigner signer, string method, string metaContractId, string data, string chainId, string tokenAddress)
    {
        var request = new TransactionRequest
        {
            MetaContractId = metaContractId,
            PublicKey = signer.PublicKey,
            Signature = signer.Sign(data),
            Data = data,
            Method = method,
            ChainId = chainId,
            TokenAddress = tokenAddress,
        };
        PublishResult published = await Service.PublishAsync(request, CancellationToken.None);
        return await Service.WaitForReceiptAsync(published.TransactionHash, CancellationToken.None).WaitAsync(s_wait);
    }

    /// <summary>Binds <paramref name="metaContractId"/> to the collection and registers a cron watching it; returns the cron.</summary>
    public async Task<CronRecord> CreateCronAsync(EthereumSigner owner, GanacheChain chain, string contract, string metaContractId, Uri? nodeUrl = null)
    {
        string binding = JsonSerializer.Serialize(new
        {
            is_registry = false,
            registry_id = "",
            registry_name = "",
            meta_contract_id = metaContractId,
            migrate_from = "",
        });
        TransactionReceipt bound = await PublishAsync(owner, "contract", metaContractId, binding, chain.ChainId, contract);
        bound.Status.Should().Be(1, bound.ErrorText);
        TransactionReceipt created = await PublishAsync(owner, "cron", metaContractId, CronData("create", "", contract, chain.ChainId, 1, nodeUrl ?? chain.RpcUrl), chain.ChainId, contract);
        created.Status.Should().Be(1, created.ErrorText);
        CronsResult crons = await Service.GetAllCronsAsync(CancellationToken.None);
        CronRecord cron = crons.Crons.Single(c => c.Address == contract);
        Watcher.Refresh();
        return cron;
    }

    public static string CronData(string action, string hash, string contract, string chain, long status, Uri nodeUrl) => JsonSerializer.Serialize(new
    {
        action,
        hash,
        address = contract,
        chain,
        topic = MintedEvent.Topic,
        token_type = "erc721",
        status,
        node_url = nodeUrl.AbsoluteUri,
        abi_url = "",
    });

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds, polling every 20 ms.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? s_wait);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    public CronStatus Status(string cronHash) => Watcher.GetStatus(cronHash) ?? new CronStatus { Hash = cronHash, State = "unknown" };

    public async Task<IReadOnlyList<MetadataRecord>> RowsAsync(string chainId, string contract, string tokenId)
    {
        string dataKey = Service.GenerateDataKey(chainId, contract, tokenId);
        MetadatasResult rows = await Service.GetMetadatasAllVersionAsync(dataKey, CancellationToken.None);
        return rows.Metadatas;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private async Task OpenAsync()
    {
        Service = await LineageStorage.OpenServiceAsync(DataDirectory);
        Watcher = CronWatcher.Create(Service, DataDirectory, _options);
        Watcher.Start();
    }

    private async Task CloseAsync()
    {
        if (Watcher is not null)
        {
            await Watcher.DisposeAsync();
            Watcher = null!;
        }

        if (Service is not null)
        {
            await Service.DisposeAsync();
            Service = null!;
        }
    }
}
