// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;
using Lineage.Metadata.Service;
using Lineage.Node.Storage;

namespace Lineage.Metadata.Tests.Support;

/// <summary>The real service over real SQLite in a temporary data directory, deleted on dispose.</summary>
internal sealed class ServiceHarness : IAsyncDisposable
{
    private ServiceHarness(string directory, TransactionService service)
    {
        DataDirectory = directory;
        Service = service;
    }

    public string DataDirectory { get; }

    public TransactionService Service { get; private set; }

    public static async Task<ServiceHarness> StartAsync(TransactionServiceOptions? options = null)
    {
        string directory = Path.Combine(Path.GetTempPath(), "lineage-metadata-tests-" + Guid.NewGuid().ToString("N"));
        TransactionService service = await LineageStorage.OpenServiceAsync(directory, options);
        return new ServiceHarness(directory, service);
    }

    /// <summary>Stops the service and opens a new one on the same data directory.</summary>
    public async Task RestartAsync(TransactionServiceOptions? options = null)
    {
        await Service.DisposeAsync();
        Service = await LineageStorage.OpenServiceAsync(DataDirectory, options);
    }

    public async Task<(PublishResult Result, TransactionReceipt Receipt)> PublishAsync(TransactionRequest request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        PublishResult result = await Service.PublishAsync(request, timeout.Token);
        TransactionReceipt receipt = await Service.WaitForReceiptAsync(result.TransactionHash, timeout.Token);
        return (result, receipt);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory does not affect results.
        }
    }
}
