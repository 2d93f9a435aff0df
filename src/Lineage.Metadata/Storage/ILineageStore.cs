// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Metadata.Storage;

/// <summary>
/// Persistence of the Lineage tables and DAG blocks. Small on purpose: an embedded SQLite backend ships in
/// Lineage.Node; a PostgreSQL backend implements the same three interfaces.
/// </summary>
public interface ILineageStore : IDisposable
{
    /// <summary>A read session (snapshot-consistent reads; many may be open concurrently).</summary>
    ILineageReadSession OpenRead();

    /// <summary>
    /// The write session. There is one writer at a time (the service's ordered executor); nothing is visible to
    /// readers until <see cref="ILineageWriteSession.Commit"/>, which is durable when it returns.
    /// </summary>
    ILineageWriteSession BeginWrite();
}
