// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text;
using Lineage.Core.DagJson;
using Lineage.Core.Multiformats;
using Lineage.TestKit;

namespace Lineage.Core.Tests.DagJson;

/// <summary>
/// Compares our DAG-JSON → DAG-CBOR → CID with the real @ipld/dag-json 11.0.1 + @ipld/dag-cbor 10.0.2 +
/// multiformats 14.0.5 (tests/harness/ipld, installed by scripts/setup.sh), running in node.
/// </summary>
public sealed class IpldOracleTests
{
    private static string[] RunOracle(IReadOnlyList<string> documents)
    {
        string harness = RepositoryPaths.Harness("ipld");
        Directory.Exists(Path.Combine(harness, "node_modules", "@ipld", "dag-cbor")).Should().BeTrue("scripts/setup.sh installs tests/harness/ipld");
        var start = new ProcessStartInfo("node", "encode.mjs")
        {
            WorkingDirectory = harness,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        using Process process = Process.Start(start)!;
        try
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            foreach (string document in documents)
            {
                process.StandardInput.Write(document);
                process.StandardInput.Write('\n');
            }

            process.StandardInput.Close();
            process.WaitForExit(60_000).Should().BeTrue("the oracle answers within a minute");
            string text = output.Wait(TimeSpan.FromSeconds(10)) ? output.Result : string.Empty;
            process.ExitCode.Should().Be(0, errors.Result);
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void Cids_equal_those_of_ipld_dag_cbor()
    {
        var documents = JsonCorpus.Fixed.Concat(Enumerable.Range(1, 300).Select(JsonCorpus.Random)).ToList();
        string[] expected = RunOracle(documents);
        expected.Should().HaveCount(documents.Count);
        for (int i = 0; i < documents.Count; i++)
        {
            expected[i].Should().NotStartWith("error", documents[i]);
            byte[] ours = DagJsonToCbor.Encode(documents[i]);
            string actual = $"{Convert.ToHexStringLower(ours)} {Cid.ComputeV1(Multicodec.DagCbor, ours)}";
            actual.Should().Be(expected[i], documents[i]);
        }
    }

    [Fact]
    public void Fixture_block_cids_equal_those_of_ipld_dag_cbor()
    {
        using var vectors = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Shared, "fixtures", "lineage", "vectors.json")));
        var blocks = vectors.RootElement.GetProperty("dag_blocks").GetProperty("vectors").EnumerateArray().ToList();
        string[] oracle = RunOracle(blocks.Select(b => b.GetProperty("input_json").GetString()!).ToList());
        for (int i = 0; i < blocks.Count; i++)
        {
            byte[] ours = DagJsonToCbor.Encode(blocks[i].GetProperty("input_json").GetString()!);
            Convert.ToHexStringLower(ours).Should().Be(blocks[i].GetProperty("dag_cbor_hex").GetString());
            Cid.ComputeV1(Multicodec.DagCbor, ours).ToString().Should().Be(blocks[i].GetProperty("cid").GetString());
            oracle[i].Should().Be($"{Convert.ToHexStringLower(ours)} {Cid.ComputeV1(Multicodec.DagCbor, ours)}");
        }
    }
}
