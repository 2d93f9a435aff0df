// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Node.Storage;

/// <summary>The SQLite schema: the reference's logical tables (§10) plus a block store.</summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS transactions (
            hash TEXT PRIMARY KEY NOT NULL, method TEXT NOT NULL, meta_contract_id TEXT NOT NULL, token_key TEXT NOT NULL,
            data_key TEXT NOT NULL, data TEXT NOT NULL, public_key TEXT NOT NULL, alias TEXT NOT NULL, timestamp INTEGER NOT NULL,
            chain_id TEXT NOT NULL, token_address TEXT NOT NULL, token_id TEXT NOT NULL, version TEXT NOT NULL, mcdata TEXT NOT NULL,
            status INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS transactions_status ON transactions(status);
        CREATE INDEX IF NOT EXISTS transactions_timestamp ON transactions(timestamp);
        CREATE TABLE IF NOT EXISTS transaction_receipt (
            hash TEXT PRIMARY KEY NOT NULL, meta_contract_id TEXT NOT NULL, status INTEGER NOT NULL, timestamp INTEGER NOT NULL,
            error_text TEXT NOT NULL, data TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS metadatas (
            hash TEXT PRIMARY KEY NOT NULL, token_key TEXT NOT NULL, data_key TEXT NOT NULL, meta_contract_id TEXT NOT NULL,
            token_id TEXT NOT NULL, alias TEXT NOT NULL, cid TEXT NOT NULL, public_key TEXT NOT NULL, version TEXT NOT NULL,
            loose INTEGER NOT NULL CHECK (loose IN (0, 1)));
        CREATE INDEX IF NOT EXISTS metadatas_data_key ON metadatas(data_key, version);
        CREATE INDEX IF NOT EXISTS metadatas_token_key ON metadatas(token_key, token_id);
        CREATE INDEX IF NOT EXISTS metadatas_meta_contract_id ON metadatas(meta_contract_id);
        CREATE TABLE IF NOT EXISTS metacontracts (
            hash TEXT PRIMARY KEY NOT NULL, token_key TEXT NOT NULL, meta_contract_id TEXT NOT NULL, public_key TEXT NOT NULL,
            cid TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS metacontracts_token_key ON metacontracts(token_key);
        CREATE INDEX IF NOT EXISTS metacontracts_meta_contract_id ON metacontracts(meta_contract_id);
        CREATE TABLE IF NOT EXISTS registry (
            registry_id TEXT PRIMARY KEY NOT NULL, registry_name TEXT NOT NULL, meta_contract_id TEXT NOT NULL, public_key TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS cron (
            hash TEXT PRIMARY KEY NOT NULL, token_key TEXT NOT NULL, address TEXT NOT NULL, token_type TEXT NOT NULL, chain TEXT NOT NULL,
            topic TEXT NOT NULL, status INTEGER NOT NULL, meta_contract_id TEXT NOT NULL, node_url TEXT NOT NULL,
            last_processed_block INTEGER NOT NULL DEFAULT 0, public_key TEXT NOT NULL, abi_url TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS cron_tx (
            hash TEXT PRIMARY KEY NOT NULL, address TEXT NOT NULL, token_type TEXT NOT NULL, chain TEXT NOT NULL, topic TEXT NOT NULL,
            meta_contract_id TEXT NOT NULL, timestamp INTEGER NOT NULL, tx_block_number INTEGER NOT NULL, tx_hash TEXT NOT NULL,
            status INTEGER NOT NULL, data TEXT NOT NULL, error_text TEXT NOT NULL, token_id TEXT NOT NULL, data_key TEXT NOT NULL,
            token_key TEXT NOT NULL, UNIQUE (address, chain, topic, tx_hash));
        CREATE TABLE IF NOT EXISTS blocks (cid TEXT PRIMARY KEY NOT NULL, data BLOB NOT NULL);
        """;

    public const string TransactionColumns = "hash AS Hash, method AS Method, meta_contract_id AS MetaContractId, token_key AS TokenKey, data_key AS DataKey, data AS Data, public_key AS PublicKey, alias AS Alias, timestamp AS Timestamp, chain_id AS ChainId, token_address AS TokenAddress, token_id AS TokenId, version AS Version, status AS Status, mcdata AS Mcdata";

    public const string ReceiptColumns = "hash AS Hash, meta_contract_id AS MetaContractId, status AS Status, timestamp AS Timestamp, error_text AS ErrorText, data AS Data";

    public const string MetadataColumns = "hash AS Hash, token_key AS TokenKey, data_key AS DataKey, meta_contract_id AS MetaContractId, token_id AS TokenId, alias AS Alias, cid AS Cid, public_key AS PublicKey, version AS Version, loose AS Loose";

    public const string BindingColumns = "hash AS Hash, token_key AS TokenKey, meta_contract_id AS MetaContractId, public_key AS PublicKey, cid AS Cid";

    public const string RegistryColumns = "registry_id AS RegistryId, registry_name AS RegistryName, meta_contract_id AS MetaContractId, public_key AS PublicKey";

    public const string CronColumns = "hash AS Hash, token_key AS TokenKey, address AS Address, token_type AS TokenType, chain AS Chain, topic AS Topic, status AS Status, meta_contract_id AS MetaContractId, node_url AS NodeUrl, last_processed_block AS LastProcessedBlock, public_key AS PublicKey, abi_url AS AbiUrl";

    public const string CronTxColumns = "hash AS Hash, address AS Address, token_type AS TokenType, chain AS Chain, topic AS Topic, meta_contract_id AS MetaContractId, timestamp AS Timestamp, tx_block_number AS TxBlockNumber, tx_hash AS TxHash, status AS Status, data AS Data, error_text AS ErrorText, token_id AS TokenId, data_key AS DataKey, token_key AS TokenKey";
}
