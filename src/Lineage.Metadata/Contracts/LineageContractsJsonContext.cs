// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Serialization;

namespace Lineage.Metadata.Contracts;

/// <summary>JSON metadata for the values native contracts serialise.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class LineageContractsJsonContext : JsonSerializerContext;
