// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Dapper;
using Lineage.Metadata.Cron;
using Microsoft.Data.Sqlite;

namespace Lineage.Node.Cron;

/// <summary>
/// <see cref="ICronProgressStore"/> in its own SQLite file (<c>cron.db</c>) beside the domain database: WAL with
/// <c>synchronous=FULL</c>, parameterised SQL only. It is written after the domain records an event, so a crash in
/// between only causes a rescan that dedup absorbs.
/// </summary>
public sealed class SqliteCronProgressStore : ICronProgressStore, IDisposable
{
    /// <summary>File name inside the data directory.</summary>
    public const string FileName = "cron.db";

    private const int FailuresKeptPerCron = 1000;
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteCronProgressStore(string dataDirectory)
    {
        SQLitePCL.Batteries_V2.Init();
        Directory.CreateDirectory(dataDirectory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        _connection.Execute("PRAGMA journal_mode=WAL;");
        _connection.Execute("PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
        _connection.Execute("""
            CREATE TABLE IF NOT EXISTS cron_scan (
                cron_hash TEXT PRIMARY KEY NOT NULL,
                scanned_block INTEGER NULL,
                checkpoints TEXT NOT NULL,
                failed_total INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS cron_retry (
                cron_hash TEXT NOT NULL,
                tx_hash TEXT NOT NULL,
                block_number INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_ms INTEGER NOT NULL,
                last_error TEXT NOT NULL,
                PRIMARY KEY (cron_hash, tx_hash));
            CREATE TABLE IF NOT EXISTS cron_failure (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                cron_hash TEXT NOT NULL,
                tx_hash TEXT NOT NULL,
                block_number INTEGER NOT NULL,
                log_index INTEGER NULL,
                error TEXT NOT NULL,
                at_ms INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS cron_failure_by_cron ON cron_failure (cron_hash, id);
            """);
    }

    public async Task<CronProgress> LoadAsync(string cronHash, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ScanRow? scan = await _connection.QuerySingleOrDefaultAsync<ScanRow>(new CommandDefinition(
                "SELECT scanned_block AS ScannedBlock, checkpoints AS Checkpoints FROM cron_scan WHERE cron_hash = @cronHash",
                new { cronHash }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            IEnumerable<RetryRow> retries = await _connection.QueryAsync<RetryRow>(new CommandDefinition(
                """
                SELECT tx_hash AS TxHash, block_number AS BlockNumber, attempts AS Attempts,
                       next_attempt_ms AS NextAttemptMs, last_error AS LastError
                FROM cron_retry WHERE cron_hash = @cronHash ORDER BY block_number, tx_hash
                """,
                new { cronHash }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new CronProgress(
                scan?.ScannedBlock is { } block ? (ulong)block : null,
                scan is null ? [] : ParseCheckpoints(scan.Checkpoints),
                retries.Select(r => new PendingRetry(r.TxHash, (ulong)r.BlockNumber, (int)r.Attempts,
                    DateTimeOffset.FromUnixTimeMilliseconds(r.NextAttemptMs), r.LastError)).ToList());
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task SaveScanAsync(string cronHash, ulong? scannedBlock, IReadOnlyList<BlockCheckpoint> checkpoints, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO cron_scan (cron_hash, scanned_block, checkpoints) VALUES (@cronHash, @scanned, @checkpoints)
            ON CONFLICT (cron_hash) DO UPDATE SET scanned_block = excluded.scanned_block, checkpoints = excluded.checkpoints
            """,
            new { cronHash, scanned = scannedBlock is { } b ? (long?)b : null, checkpoints = FormatCheckpoints(checkpoints) },
            cancellationToken);

    public Task UpsertRetryAsync(string cronHash, PendingRetry retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retry);
        return ExecuteAsync(
            """
            INSERT INTO cron_retry (cron_hash, tx_hash, block_number, attempts, next_attempt_ms, last_error)
            VALUES (@cronHash, @tx, @block, @attempts, @next, @error)
            ON CONFLICT (cron_hash, tx_hash) DO UPDATE SET attempts = excluded.attempts,
                next_attempt_ms = excluded.next_attempt_ms, last_error = excluded.last_error
            """,
            new
            {
                cronHash,
                tx = retry.TransactionHash,
                block = (long)retry.BlockNumber,
                attempts = retry.Attempts,
                next = retry.NextAttemptAt.ToUnixTimeMilliseconds(),
                error = retry.LastError,
            },
            cancellationToken);
    }

    public Task RemoveRetryAsync(string cronHash, string transactionHash, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM cron_retry WHERE cron_hash = @cronHash AND tx_hash = @transactionHash", new { cronHash, transactionHash }, cancellationToken);

    public async Task AddFailureAsync(string cronHash, FailedMint failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            await _connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO cron_failure (cron_hash, tx_hash, block_number, log_index, error, at_ms)
                VALUES (@cronHash, @tx, @block, @logIndex, @error, @at)
                """,
                new
                {
                    cronHash,
                    tx = failure.TransactionHash,
                    block = (long)failure.BlockNumber,
                    logIndex = failure.LogIndex is { } i ? (long?)i : null,
                    error = failure.Error,
                    at = failure.At,
                },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            await _connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO cron_scan (cron_hash, scanned_block, checkpoints, failed_total) VALUES (@cronHash, NULL, '', 1)
                ON CONFLICT (cron_hash) DO UPDATE SET failed_total = failed_total + 1
                """,
                new { cronHash }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            // A hostile collection can emit endless malformed logs: keep only the newest failures per cron.
            await _connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM cron_failure WHERE cron_hash = @cronHash AND id NOT IN
                    (SELECT id FROM cron_failure WHERE cron_hash = @cronHash ORDER BY id DESC LIMIT @keep)
                """,
                new { cronHash, keep = FailuresKeptPerCron }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<(IReadOnlyList<FailedMint> Recent, long Total)> GetFailuresAsync(string cronHash, int limit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IEnumerable<FailureRow> rows = await _connection.QueryAsync<FailureRow>(new CommandDefinition(
                """
                SELECT tx_hash AS TxHash, block_number AS BlockNumber, log_index AS LogIndex, error AS Error, at_ms AS AtMs
                FROM cron_failure WHERE cron_hash = @cronHash ORDER BY id DESC LIMIT @limit
                """,
                new { cronHash, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            long total = await _connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT failed_total FROM cron_scan WHERE cron_hash = @cronHash", new { cronHash }, cancellationToken: cancellationToken))
                .ConfigureAwait(false) ?? 0;
            return (rows.Select(r => new FailedMint(r.TxHash, (ulong)r.BlockNumber, r.LogIndex is { } i ? (ulong)i : null, r.Error, r.AtMs)).ToList(), total);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string FormatCheckpoints(IReadOnlyList<BlockCheckpoint> checkpoints)
    {
        var builder = new StringBuilder();
        foreach (BlockCheckpoint checkpoint in checkpoints)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(checkpoint.Number.ToString(CultureInfo.InvariantCulture)).Append(':').Append(checkpoint.Hash);
        }

        return builder.ToString();
    }

    private static List<BlockCheckpoint> ParseCheckpoints(string text)
    {
        var checkpoints = new List<BlockCheckpoint>();
        foreach (string entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && ulong.TryParse(entry.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out ulong number))
            {
                checkpoints.Add(new BlockCheckpoint(number, entry[(colon + 1)..]));
            }
        }

        return checkpoints;
    }

    private sealed record ScanRow(long? ScannedBlock, string Checkpoints);

    private sealed record RetryRow(string TxHash, long BlockNumber, long Attempts, long NextAttemptMs, string LastError);

    private sealed record FailureRow(string TxHash, long BlockNumber, long? LogIndex, string Error, long AtMs);
}
