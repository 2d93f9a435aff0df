// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Client;
using Lineage.Client.Model;
using Lineage.Node.Tests.Support;

namespace Lineage.Node.Tests.EndToEnd;

/// <summary>One real node (SQLite in a temp dir, real HTTP on a free port) and one ethers signer per test class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private static int s_collection;

    public TestNode Node { get; private set; } = null!;

    public EthersHarness Ethers { get; } = new();

    public LineageClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await TestNode.StartAsync();
        Client = new LineageClient(Node.Node.HttpAddress);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Ethers.Dispose();
        await Node.DisposeAsync();
    }

    /// <summary>A fresh collection address, so tests in one class never share rows.</summary>
    public static string NewCollection() =>
        "0x" + Interlocked.Increment(ref s_collection).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "0000";

    /// <summary>Signs <paramref name="request"/>'s data with an ethers wallet.</summary>
    public async Task<TransactionRequest> SignAsync(TransactionRequest request, (string PrivateKey, string Address) wallet) =>
        request with { PublicKey = wallet.Address, Signature = await Ethers.SignAsync(wallet.PrivateKey, request.Data) };

    /// <summary>Signs with an ed25519 key from @noble/curves.</summary>
    public async Task<TransactionRequest> SignEd25519Async(TransactionRequest request, (string Seed, string PublicKey) key) =>
        request with { PublicKey = key.PublicKey, Signature = await Ethers.SignEd25519Async(key.Seed, request.Data) };

    /// <summary>Publishes and waits (bounded) for the receipt.</summary>
    public async Task<(string Hash, TransactionReceipt Receipt)> PublishAndWaitAsync(TransactionRequest request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        PublishResult published = await Client.PublishAsync(request, timeout.Token);
        published.TransactionHash.Should().NotBeNullOrEmpty();
        TransactionReceipt receipt = await Client.WaitForReceiptAsync(published.TransactionHash, timeout.Token);
        return (published.TransactionHash, receipt);
    }

    /// <summary>Binds <paramref name="metaContractId"/> to the collection, signed by <paramref name="wallet"/>.</summary>
    public async Task BindAsync(string collection, string metaContractId, (string PrivateKey, string Address) wallet)
    {
        TransactionRequest bind = await SignAsync(ContractRequest(collection, metaContractId), wallet);
        (_, TransactionReceipt receipt) = await PublishAndWaitAsync(bind);
        receipt.Status.Should().Be(1, receipt.ErrorText);
    }

    public static TransactionRequest ContractRequest(string collection, string metaContractId) => new()
    {
        Method = "contract",
        MetaContractId = metaContractId,
        ChainId = "80001",
        TokenAddress = collection,
        Data = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["is_registry"] = false,
            ["registry_id"] = "",
            ["registry_name"] = "",
            ["meta_contract_id"] = metaContractId,
            ["migrate_from"] = "",
        }),
    };

    public static TransactionRequest MetadataRequest(string collection, string metaContractId, string tokenId, string alias, string data) => new()
    {
        Method = "metadata",
        MetaContractId = metaContractId,
        ChainId = "80001",
        TokenAddress = collection,
        TokenId = tokenId,
        Alias = alias,
        Version = "1",
        Mcdata = "{\"loose\":1}",
        Data = data,
    };

    /// <summary>The <c>content</c> of a dag-json block text.</summary>
    public static JsonElement ContentOf(string blockJson)
    {
        using JsonDocument block = JsonDocument.Parse(blockJson);
        return block.RootElement.GetProperty("content").Clone();
    }

    /// <summary>The current content of a row through <c>get_metadata</c> + <c>ipfs_get</c>.</summary>
    public async Task<JsonElement?> ReadContentAsync(string dataKey, string metaContractId, string publicKey, string alias, string version)
    {
        MetadataResult row = await Client.GetMetadataAsync(dataKey, metaContractId, publicKey, alias, version, CancellationToken.None);
        if (!row.Success || row.Metadata is null)
        {
            return null;
        }

        IpfsGetResult block = await Client.IpfsGetAsync(row.Metadata.Cid, CancellationToken.None);
        block.Success.Should().BeTrue(block.Error);
        return ContentOf(block.Content);
    }
}
