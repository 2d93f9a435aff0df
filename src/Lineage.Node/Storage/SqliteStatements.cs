// SPDX-License-Identifier: Apache-2.0

using Microsoft.Data.Sqlite;

namespace Lineage.Node.Storage;

/// <summary>
/// Prepared commands of one connection, keyed by their (constant) SQL text. A command keeps its compiled SQLite
/// statement between executions, so the writer connection compiles each statement once instead of once per call
/// (compiling dominated the cost of the small per-transaction statements).
/// </summary>
internal sealed class SqliteStatements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteStatements(SqliteConnection connection)
    {
        _connection = connection;
    }

    /// <summary>
    /// The command for <paramref name="sql"/> (only the storage's own constants, never input) with its parameters
    /// <paramref name="parameterNames"/> created once; set their values by position.
    /// </summary>
    public SqliteCommand Get(string sql, SqliteTransaction? transaction, params ReadOnlySpan<string> parameterNames)
    {
        if (!_commands.TryGetValue(sql, out SqliteCommand? command))
        {
            command = _connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is one of the storage's constants; values are bound parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            foreach (string name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            _commands[sql] = command;
        }

        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (SqliteCommand command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
