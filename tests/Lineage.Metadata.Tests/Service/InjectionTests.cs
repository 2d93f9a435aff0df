// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Metadata.Keys;
using Lineage.Metadata.Model;
using Lineage.Metadata.Queries;
using Lineage.Metadata.Tests.Support;

namespace Lineage.Metadata.Tests.Service;

public sealed class InjectionTests
{
    private static readonly string[] s_hostile =
    [
        "'", "';", "'; DROP TABLE metadatas; --", "\" OR 1=1 --", "$(touch /tmp/lineage-pwned)", "`id`", "; rm -rf / ;", "\\'", "%_", "\u0000nul",
    ];

    [Fact]
    public async Task Hostile_strings_in_every_field_are_stored_verbatim()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TestSigner owner = TestSigner.NewSecp256k1();
        string contractId = "mc-'; DROP TABLE transactions; -- $(id)";
        (await harness.PublishAsync(owner.Request(TransactionMethods.Contract, JsonSerializer.Serialize(new ContractData { MetaContractId = contractId }, LineageJsonContext.Default.ContractData),
            chainId: "1'; --", tokenAddress: "0x$(id)", tokenId: ""))).Receipt.Status.Should().Be(ReceiptStatus.Success);

        foreach (string hostile in s_hostile)
        {
            string data = JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = hostile });
            TransactionRequest request = owner.Request(TransactionMethods.Metadata, data, contractId, alias: hostile, version: hostile,
                chainId: "1'; --", tokenAddress: "0x$(id)", tokenId: hostile, mcdata: hostile);
            var (result, receipt) = await harness.PublishAsync(request);
            receipt.Status.Should().Be(ReceiptStatus.Success, receipt.ErrorText);

            Transaction stored = (await harness.Service.GetTransactionAsync(result.TransactionHash, CancellationToken.None)).Transaction!;
            stored.Should().BeEquivalentTo(new { Alias = hostile, Version = hostile, TokenId = hostile, Mcdata = hostile, Data = data, MetaContractId = contractId, ChainId = "1'; --" });

            string dataKey = LineageKeys.DataKey("1'; --", "0x$(id)", hostile);
            var row = await harness.Service.GetMetadataWithHistoryAsync(dataKey, contractId, owner.PublicKey, hostile, hostile, CancellationToken.None);
            row.Success.Should().BeTrue(row.ErrMsg);
            JsonDocument.Parse(row.Metadata).RootElement.GetProperty("content").GetProperty("text").GetString().Should().Be(hostile);

            var found = await harness.Service.SearchMetadatasAsync(new SearchFilter { Query = [new QueryCondition { Column = "alias", Op = "=", Query = hostile }] }, CancellationToken.None);
            found.Metadatas.Should().ContainSingle().Which.Alias.Should().Be(hostile);
        }

        (await harness.Service.SearchMetadatasCountAsync(new SearchFilter(), CancellationToken.None)).Should().Be((ulong)s_hostile.Length);
        File.Exists("/tmp/lineage-pwned").Should().BeFalse();
    }

    [Theory]
    [InlineData("alias; DROP TABLE metadatas", "=")]
    [InlineData("1=1 OR alias", "=")]
    [InlineData("alias", "= 'x' OR 1=1 --")]
    [InlineData("alias", "IN")]
    [InlineData("signature", "=")]
    [InlineData("", "=")]
    public async Task Filters_outside_the_whitelist_are_rejected_with_a_clear_error(string column, string op)
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        var filter = new SearchFilter { Query = [new QueryCondition { Column = column, Op = op, Query = "x" }] };
        Func<Task> search = () => harness.Service.SearchMetadatasAsync(filter, CancellationToken.None);
        await search.Should().ThrowAsync<InvalidQueryException>();
        Func<Task> transactions = () => harness.Service.GetTransactionsAsync(filter, CancellationToken.None);
        await transactions.Should().ThrowAsync<InvalidQueryException>();
        Func<Task> ordering = () => harness.Service.SearchMetadatasAsync(new SearchFilter { Ordering = [new QueryOrdering { Column = "alias", Sort = "DESC; DROP TABLE x" }] }, CancellationToken.None);
        await ordering.Should().ThrowAsync<InvalidQueryException>();
        Func<Task> range = () => harness.Service.SearchMetadatasAsync(new SearchFilter { From = -1 }, CancellationToken.None);
        await range.Should().ThrowAsync<InvalidQueryException>();
    }

    [Fact]
    public async Task Whitelisted_filters_order_and_page()
    {
        await using ServiceHarness harness = await ServiceHarness.StartAsync();
        TestSigner owner = TestSigner.NewSecp256k1();
        string contractId = Guid.NewGuid().ToString();
        (await harness.PublishAsync(owner.Request(TransactionMethods.Contract, $"{{\"meta_contract_id\":\"{contractId}\"}}"))).Receipt.Status.Should().Be(ReceiptStatus.Success);
        foreach (string alias in new[] { "c", "a", "b" })
        {
            (await harness.PublishAsync(owner.Request(TransactionMethods.Metadata, "\"v\"", contractId, alias, "1"))).Receipt.Status.Should().Be(ReceiptStatus.Success);
        }

        var page = await harness.Service.SearchMetadatasAsync(new SearchFilter
        {
            Query = [new QueryCondition { Column = "meta_contract_id", Op = "=", Query = contractId }, new QueryCondition { Column = "alias", Op = "like", Query = "%" }],
            Ordering = [new QueryOrdering { Column = "alias", Sort = "desc" }],
            From = 1,
            To = 1,
        }, CancellationToken.None);
        page.Metadatas.Select(m => m.Alias).Should().Equal("b");
        var transactions = await harness.Service.GetTransactionsAsync(new SearchFilter { Query = [new QueryCondition { Column = "status", Op = ">=", Query = "1" }] }, CancellationToken.None);
        transactions.Transactions.Should().HaveCount(4);
        (await harness.Service.GetCompleteTransactionsAsync(0, 0, CancellationToken.None)).Transactions.Should().HaveCount(4);
    }
}
