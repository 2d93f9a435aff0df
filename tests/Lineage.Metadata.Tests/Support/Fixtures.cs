// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Lineage.Metadata.Model;
using Lineage.TestKit;

namespace Lineage.Metadata.Tests.Support;

/// <summary>The shared Lineage fixtures (../shared/fixtures/lineage).</summary>
internal static class Fixtures
{
    public static string Directory => Path.Combine(RepositoryPaths.Shared, "fixtures", "lineage");

    public static JsonDocument Vectors() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "vectors.json")));

    public static TransactionRequest Request(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, file)));
        return JsonSerializer.Deserialize(document.RootElement.GetProperty("request").GetRawText(), LineageJsonContext.Default.TransactionRequest)!;
    }
}
