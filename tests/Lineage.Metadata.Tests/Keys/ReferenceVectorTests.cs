// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lineage.Core.Multiformats;
using Lineage.Metadata.Dag;
using Lineage.Metadata.Keys;
using Lineage.Metadata.Signing;
using Lineage.Metadata.Tests.Support;

namespace Lineage.Metadata.Tests.Keys;

/// <summary>Every vector of ../shared/fixtures/lineage/vectors.json, section by section.</summary>
public sealed class ReferenceVectorTests
{
    private static string Sha256Hex(string preimage) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(preimage)));

    [Fact]
    public void Token_and_data_keys()
    {
        using JsonDocument vectors = Fixtures.Vectors();
        var list = vectors.RootElement.GetProperty("keys").GetProperty("vectors").EnumerateArray().ToList();
        list.Should().NotBeEmpty();
        foreach (JsonElement v in list)
        {
            string chain = v.GetProperty("chain_id").GetString()!;
            string address = v.GetProperty("token_address").GetString()!;
            string actual = v.TryGetProperty("token_id", out JsonElement id)
                ? LineageKeys.DataKey(chain, address, id.GetString()!)
                : LineageKeys.TokenKey(chain, address);
            Sha256Hex(v.GetProperty("preimage").GetString()!).Should().Be(v.GetProperty("sha256_hex").GetString());
            actual.Should().Be(v.GetProperty("expected").GetString(), v.GetProperty("name").GetString());
        }
    }

    [Fact]
    public void Transaction_hashes_including_the_previous_cid()
    {
        using JsonDocument vectors = Fixtures.Vectors();
        var list = vectors.RootElement.GetProperty("transaction_hashes").GetProperty("vectors").EnumerateArray().ToList();
        list.Should().HaveCountGreaterThanOrEqualTo(3);
        foreach (JsonElement v in list)
        {
            var request = Fixtures.Request(v.GetProperty("file").GetString()!);
            string tokenKey = request.ChainId.Length > 0 && request.TokenAddress.Length > 0 ? LineageKeys.TokenKey(request.ChainId, request.TokenAddress) : "";
            string dataKey = tokenKey.Length > 0 && request.TokenId.Length > 0 ? LineageKeys.DataKey(request.ChainId, request.TokenAddress, request.TokenId) : "";
            tokenKey.Should().Be(v.GetProperty("token_key").GetString());
            dataKey.Should().Be(v.GetProperty("data_key").GetString());
            string hash = LineageKeys.TransactionHash(v.GetProperty("meta_contract_id").GetString()!, tokenKey, dataKey, request.Data,
                request.PublicKey, request.Alias, request.Method, request.Version, request.Mcdata, v.GetProperty("previous_content").GetString()!);
            Sha256Hex(v.GetProperty("preimage").GetString()!).Should().Be(v.GetProperty("sha256_hex").GetString());
            hash.Should().Be(v.GetProperty("expected").GetString());
        }
    }

    [Fact]
    public void Metadata_row_hashes()
    {
        using JsonDocument vectors = Fixtures.Vectors();
        foreach (JsonElement v in vectors.RootElement.GetProperty("metadata_row_hashes").GetProperty("vectors").EnumerateArray())
        {
            LineageKeys.MetadataHash(v.GetProperty("data_key").GetString()!, v.GetProperty("meta_contract_id").GetString()!, v.GetProperty("alias").GetString()!,
                v.GetProperty("public_key").GetString()!, v.GetProperty("version").GetString()!).Should().Be(v.GetProperty("expected").GetString());
        }
    }

    [Fact]
    public void Binding_and_cron_hashes_from_the_protocol_document()
    {
        // lineage-protocol.md §10 vectors.
        LineageKeys.BindingHash("724Xu9NeKHoMvvBc7ov5VBmuLsj4S9QF1urnqGNPp7Vc", "e2e67469-1118-4b73-b611-306e9e8edbbe", "0xee1f0084514f12e6f02557e43f76669d81ef0022")
            .Should().Be("5KvciJgf2b1YEnqoLVUBCoYtP6pKSuDXdiktRqCk5omd");
        LineageKeys.CronHash("80001", "0xd7b94daeebaf778fd37de3082e3944c49ed10bae", "0x957f358702a4cd1c866fb29aefe080a9a56303adf02d47a081a56707d2d30033")
            .Should().Be("F1EVjiD4hnFj5Rysug35JvtHPr5ft6s9sk1JAc9pTCBC");
    }

    [Fact]
    public void Eip191_digests_and_signers()
    {
        using JsonDocument vectors = Fixtures.Vectors();
        var list = vectors.RootElement.GetProperty("signatures").GetProperty("vectors").EnumerateArray().ToList();
        list.Should().NotBeEmpty();
        foreach (JsonElement v in list)
        {
            string message = v.GetProperty("message").GetString()!;
            Convert.ToHexStringLower(SignatureVerifier.PersonalMessageDigest(message)).Should().Be(v.GetProperty("eip191_digest_hex").GetString());
            SignatureVerifier.TryRecoverAddress(v.GetProperty("signature").GetString(), message, out string signer, out string? error).Should().BeTrue(error);
            signer.Should().Be(v.GetProperty("expected_signer").GetString());
            SignatureVerifier.Verify(v.GetProperty("public_key_in_request").GetString(), v.GetProperty("signature").GetString(), message).Should().BeNull();
            SignatureVerifier.Verify(v.GetProperty("expected_signer_checksummed").GetString(), v.GetProperty("signature").GetString(), message).Should().BeNull();
        }
    }

    [Fact]
    public void Dag_blocks_from_put_block_arguments()
    {
        using JsonDocument vectors = Fixtures.Vectors();
        var list = vectors.RootElement.GetProperty("dag_blocks").GetProperty("vectors").EnumerateArray().ToList();
        list.Should().HaveCount(3);
        foreach (JsonElement v in list)
        {
            JsonElement args = v.GetProperty("put_block_args");
            string previousText = args.GetProperty("previous_cid").GetString()!;
            using JsonDocument transactionJson = JsonDocument.Parse(args.GetProperty("transaction").GetString()!);
            JsonElement t = transactionJson.RootElement;
            BlockTransaction? transaction = t.EnumerateObject().Any()
                ? new BlockTransaction(t.GetProperty("hash").GetString()!, t.GetProperty("timestamp").GetInt64(), t.GetProperty("meta_contract_id").GetString()!,
                    t.GetProperty("method").GetString()!, t.GetProperty("value").GetString()!)
                : null;
            (Cid cid, byte[] bytes) = DagBlock.Encode(args.GetProperty("timestamp").GetInt64(), args.GetProperty("content").GetString()!,
                previousText.Length == 0 ? null : Cid.Parse(previousText), transaction);
            Convert.ToHexStringLower(bytes).Should().Be(v.GetProperty("dag_cbor_hex").GetString(), v.GetProperty("name").GetString());
            cid.ToString().Should().Be(v.GetProperty("cid").GetString());
            DagBlock.ReadPrevious(bytes)?.ToString().Should().Be(previousText.Length == 0 ? null : previousText);
        }
    }
}
