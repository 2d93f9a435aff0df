// SPDX-License-Identifier: Apache-2.0

using Dapper;
using Lineage.Metadata.Storage;
using Microsoft.Data.Sqlite;

namespace Lineage.Node.Storage;

/// <summary>
/// The embedded SQLite backend: one database file in the data directory, WAL journal with
/// <c>synchronous=FULL</c> — every commit fsyncs the WAL before it returns, so an acknowledged write survives
/// kill -9 and power loss. Group commit (one commit per writer batch) keeps fsyncs to one per batch.
/// One writer connection (the service has one writer); readers use pooled connections and never block it.
/// </summary>
public sealed class SqliteLineageStore : ILineageStore
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SqliteStatements _writerStatements;
    private readonly SemaphoreSlim _writerGate = new(1, 1);

    public SqliteLineageStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        SQLitePCL.Batteries_V2.Init();
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        DatabasePath = databasePath;
        _writer = Open();
        _writer.Execute("PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=OFF;");
        _writer.Execute("PRAGMA journal_mode=WAL;");
        _writer.Execute(SqliteSchema.Create);
        _writerStatements = new SqliteStatements(_writer);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    // Readers only read (synchronous is about commits; foreign keys are off by default; Microsoft.Data.Sqlite retries
    // a busy statement for the command timeout), so a pooled read connection runs no set-up statements per session.
    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public ILineageReadSession OpenRead() => new SqliteReadSession(Open(), ownsConnection: true);

    public ILineageWriteSession BeginWrite()
    {
        _writerGate.Wait();
        try
        {
            return new SqliteWriteSession(_writer, _writerStatements, () => _writerGate.Release());
        }
        catch
        {
            _writerGate.Release();
            throw;
        }
    }

    public void Dispose()
    {
        _writerStatements.Dispose();
        _writer.Dispose();
        _writerGate.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
