// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Contracts;
using Lineage.Metadata.Service;
using Microsoft.Extensions.Logging;

namespace Lineage.Node.Storage;

/// <summary>Composition helper: the Lineage <c>transaction</c> service over SQLite in a data directory.</summary>
public static class LineageStorage
{
    /// <summary>File name of the database inside the data directory.</summary>
    public const string DatabaseFileName = "lineage.db";

    /// <summary>
    /// Opens (creating if needed) <c>dataDirectory/lineage.db</c> and starts the service on it. Pending transactions
    /// left by a crash are executed before new writes. Dispose the service to stop it and close the database.
    /// </summary>
    public static Task<TransactionService> OpenServiceAsync(
        string dataDirectory,
        TransactionServiceOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        IMetaContractResolver? resolver = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(dataDirectory);
        var store = new SqliteLineageStore(Path.Combine(dataDirectory, DatabaseFileName));
        try
        {
            var service = new TransactionService(store, options, resolver, loggerFactory?.CreateLogger<TransactionService>(), timeProvider: null, ownsStore: true);
            return Task.FromResult(service);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
