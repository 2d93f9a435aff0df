// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Cron.Evm;

/// <summary>
/// The EVM JSON-RPC calls the mint watcher needs (the reference's <c>fevm_json_rpc</c>, lineage-protocol.md §4).
/// Implementations throw <see cref="EvmRpcException"/> for every transport, protocol or decoding failure, so a
/// caller can report one clear error per endpoint and keep going.
/// </summary>
public interface IEvmChainClient
{
    /// <summary>A display form of the endpoint that never includes a path or query (they often hold API keys).</summary>
    string Endpoint { get; }

    /// <summary><c>eth_chainId</c>.</summary>
    Task<ulong> GetChainIdAsync(CancellationToken cancellationToken);

    /// <summary><c>eth_blockNumber</c>.</summary>
    Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken);

    /// <summary><c>eth_getLogs</c> over an inclusive block range.</summary>
    Task<IReadOnlyList<EvmLog>> GetLogsAsync(EvmLogFilter filter, CancellationToken cancellationToken);

    /// <summary><c>eth_getBlockByNumber(number, false)</c>; null when the chain has no such block yet.</summary>
    Task<EvmBlockHeader?> GetBlockByNumberAsync(ulong number, CancellationToken cancellationToken);

    /// <summary><c>eth_getTransactionReceipt</c>; null when the transaction is unknown or not mined.</summary>
    Task<EvmTransactionReceipt?> GetTransactionReceiptAsync(string transactionHash, CancellationToken cancellationToken);
}
