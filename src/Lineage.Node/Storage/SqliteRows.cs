// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Model;
using Microsoft.Data.Sqlite;

namespace Lineage.Node.Storage;

/// <summary>
/// Row readers for the point lookups, by column position in the <see cref="SqliteSchema"/> column lists (kept next
/// to each other so the two cannot drift apart unnoticed: the storage tests read every record type back).
/// </summary>
internal static class SqliteRows
{
    /// <summary>Reads <see cref="SqliteSchema.TransactionColumns"/>.</summary>
    public static Transaction ReadTransaction(SqliteDataReader r) => new()
    {
        Hash = r.GetString(0),
        Method = r.GetString(1),
        MetaContractId = r.GetString(2),
        TokenKey = r.GetString(3),
        DataKey = r.GetString(4),
        Data = r.GetString(5),
        PublicKey = r.GetString(6),
        Alias = r.GetString(7),
        Timestamp = r.GetInt64(8),
        ChainId = r.GetString(9),
        TokenAddress = r.GetString(10),
        TokenId = r.GetString(11),
        Version = r.GetString(12),
        Status = r.GetInt64(13),
        Mcdata = r.GetString(14),
    };

    /// <summary>Reads <see cref="SqliteSchema.ReceiptColumns"/>.</summary>
    public static TransactionReceipt ReadReceipt(SqliteDataReader r) => new()
    {
        Hash = r.GetString(0),
        MetaContractId = r.GetString(1),
        Status = r.GetInt64(2),
        Timestamp = r.GetInt64(3),
        ErrorText = r.GetString(4),
        Data = r.GetString(5),
    };

    /// <summary>Reads <see cref="SqliteSchema.MetadataColumns"/>.</summary>
    public static MetadataRecord ReadMetadata(SqliteDataReader r) => new()
    {
        Hash = r.GetString(0),
        TokenKey = r.GetString(1),
        DataKey = r.GetString(2),
        MetaContractId = r.GetString(3),
        TokenId = r.GetString(4),
        Alias = r.GetString(5),
        Cid = r.GetString(6),
        PublicKey = r.GetString(7),
        Version = r.GetString(8),
        Loose = r.GetInt64(9),
    };

    /// <summary>Reads <see cref="SqliteSchema.BindingColumns"/>.</summary>
    public static MetaContractBinding ReadBinding(SqliteDataReader r) => new()
    {
        Hash = r.GetString(0),
        TokenKey = r.GetString(1),
        MetaContractId = r.GetString(2),
        PublicKey = r.GetString(3),
        Cid = r.GetString(4),
    };

    /// <summary>Reads <see cref="SqliteSchema.RegistryColumns"/>.</summary>
    public static RegistryEntry ReadRegistry(SqliteDataReader r) => new()
    {
        RegistryId = r.GetString(0),
        RegistryName = r.GetString(1),
        MetaContractId = r.GetString(2),
        PublicKey = r.GetString(3),
    };

    /// <summary>Reads <see cref="SqliteSchema.CronColumns"/>.</summary>
    public static CronRecord ReadCron(SqliteDataReader r) => new()
    {
        Hash = r.GetString(0),
        TokenKey = r.GetString(1),
        Address = r.GetString(2),
        TokenType = r.GetString(3),
        Chain = r.GetString(4),
        Topic = r.GetString(5),
        Status = r.GetInt64(6),
        MetaContractId = r.GetString(7),
        NodeUrl = r.GetString(8),
        LastProcessedBlock = r.GetInt64(9),
        PublicKey = r.GetString(10),
        AbiUrl = r.GetString(11),
    };
}
