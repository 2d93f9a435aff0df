// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Node.Tests.Cron;

/// <summary>One ganache chain shared by the tests of <see cref="SharedGanache"/> (they run one after another).</summary>
public sealed class GanacheFixture : IAsyncLifetime
{
    private GanacheChain? _chain;

    public GanacheChain Chain => _chain ?? throw new InvalidOperationException("chain not started");

    public async Task InitializeAsync() => _chain = await GanacheChain.StartAsync();

    public async Task DisposeAsync()
    {
        if (_chain is not null)
        {
            await _chain.DisposeAsync();
        }
    }
}
