// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Node.Tests.Cron;

/// <summary>Tests that share one real ganache chain; xunit runs a collection's tests sequentially.</summary>
[CollectionDefinition(Name)]
public sealed class SharedGanache : ICollectionFixture<GanacheFixture>
{
    public const string Name = "ganache";
}
