// SPDX-License-Identifier: Apache-2.0

using Lineage.Metadata.Storage;

namespace Lineage.Metadata.Service;

/// <summary>One unit of work for the ordered writer; completed only after the group commit that holds it.</summary>
internal abstract class WriteWork
{
    /// <summary>Runs against the open write session (inside its own savepoint).</summary>
    public abstract ValueTask RunAsync(ILineageWriteSession session, CancellationToken cancellationToken);

    /// <summary>Called after the commit succeeded.</summary>
    public abstract void Complete();

    /// <summary>Called when the work or its commit failed.</summary>
    public abstract void Fail(Exception exception);
}
