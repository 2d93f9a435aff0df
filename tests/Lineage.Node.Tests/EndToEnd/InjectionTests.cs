// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Client;
using Lineage.Client.Model;

namespace Lineage.Node.Tests.EndToEnd;

/// <summary>SQL and shell metacharacters in every field are stored verbatim and harm nothing.</summary>
public sealed class InjectionTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Hostile = "x' OR '1'='1; DROP TABLE metadatas; -- $(touch /tmp/lineage-pwned) `id` \"q\" \\ ✓";

    [Fact]
    public async Task Hostile_strings_in_every_field_round_trip_verbatim()
    {
        var wallet = await fixture.Ethers.NewWalletAsync();
        string mc = "mc " + Hostile;
        string collection = "0xabc" + Hostile;
        string chain = "80001" + Hostile;
        TransactionRequest bind = await fixture.SignAsync(GatewayFixture.ContractRequest(collection, mc) with { ChainId = chain }, wallet);
        (_, TransactionReceipt bound) = await fixture.PublishAndWaitAsync(bind);
        bound.Status.Should().Be(1, bound.ErrorText);

        string data = JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = Hostile, ["description"] = "'; --" });
        TransactionRequest write = await fixture.SignAsync(new TransactionRequest
        {
            Method = "metadata",
            MetaContractId = mc,
            ChainId = chain,
            TokenAddress = collection,
            TokenId = "1" + Hostile,
            Alias = "alias" + Hostile,
            Version = "v" + Hostile,
            Mcdata = "{\"loose\":1,\"note\":\"" + Hostile.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"}",
            Data = data,
        }, wallet);
        (string hash, TransactionReceipt receipt) = await fixture.PublishAndWaitAsync(write);
        receipt.Status.Should().Be(1, receipt.ErrorText);

        string dataKey = await fixture.Client.GenerateDataKeyAsync(chain, collection, "1" + Hostile, CancellationToken.None);
        MetadataResult row = await fixture.Client.GetMetadataAsync(dataKey, mc, wallet.Address, "alias" + Hostile, "v" + Hostile, CancellationToken.None);
        row.Success.Should().BeTrue(row.ErrMsg);
        row.Metadata!.Alias.Should().Be("alias" + Hostile);
        row.Metadata.Version.Should().Be("v" + Hostile);
        row.Metadata.MetaContractId.Should().Be(mc);
        row.Metadata.TokenId.Should().Be("1" + Hostile);
        JsonElement? content = await fixture.ReadContentAsync(dataKey, mc, wallet.Address, "alias" + Hostile, "v" + Hostile);
        content!.Value.GetProperty("name").GetString().Should().Be(Hostile);

        JsonElement tx = await fixture.Client.CallAsync<JsonElement>("get_transaction", new[] { hash }, CancellationToken.None);
        JsonElement stored = tx.GetProperty("transaction");
        stored.GetProperty("data").GetString().Should().Be(data);
        stored.GetProperty("mcdata").GetString().Should().Be(write.Mcdata);
        stored.GetProperty("chain_id").GetString().Should().Be(chain);
        stored.GetProperty("token_address").GetString().Should().Be(collection);

        // Searching with a hostile value finds exactly the row (values are bound, never spliced into SQL).
        MetadatasResult found = await fixture.Client.SearchMetadatasAsync(
            new SearchFilter { Query = [new QueryCondition { Column = "alias", Op = "=", Query = "alias" + Hostile }] }, CancellationToken.None);
        found.Metadatas.Should().ContainSingle().Which.DataKey.Should().Be(dataKey);
        MetadatasResult none = await fixture.Client.SearchMetadatasAsync(
            new SearchFilter { Query = [new QueryCondition { Column = "alias", Op = "=", Query = "' OR '1'='1" }] }, CancellationToken.None);
        none.Metadatas.Should().BeEmpty();

        File.Exists("/tmp/lineage-pwned").Should().BeFalse();
    }

    [Theory]
    [InlineData("alias; DROP TABLE metadatas; --", "=")]
    [InlineData("alias", "= 'x' OR 1=1 --")]
    [InlineData("(select 1)", "=")]
    [InlineData("alias", "")]
    public async Task Hostile_filter_columns_and_operators_are_invalid_params(string column, string op)
    {
        var filter = new SearchFilter { Query = [new QueryCondition { Column = column, Op = op == "" ? "~" : op, Query = "x" }] };
        Func<Task> search = () => fixture.Client.SearchMetadatasAsync(filter, CancellationToken.None);
        (await search.Should().ThrowAsync<LineageRpcException>()).Which.Code.Should().Be(-32602);

        var ordering = new SearchFilter { Ordering = [new QueryOrdering { Column = column, Sort = "desc; DROP TABLE x" }] };
        Func<Task> transactions = () => fixture.Client.CallAsync<JsonElement>("get_transactions", ordering, CancellationToken.None);
        (await transactions.Should().ThrowAsync<LineageRpcException>()).Which.Code.Should().Be(-32602);

        // Still serving, tables intact.
        (await fixture.Client.GetNodeClockAsync(CancellationToken.None)).Timestamp.Should().BePositive();
        (await fixture.Client.SearchMetadatasCountAsync(new SearchFilter(), CancellationToken.None)).Should().BeGreaterThanOrEqualTo(0UL);
    }
}
