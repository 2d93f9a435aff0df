// SPDX-License-Identifier: Apache-2.0

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lineage.Peer.AquaVm;

/// <summary>
/// The answer to a call request (fluence-peer.md §6.5): <see cref="RetCode"/> 0 for success, and the
/// <b>JSON text</b> of the value (or of the error message when <see cref="RetCode"/> ≠ 0).
/// </summary>
public sealed record CallResult(int RetCode, string Result)
{
    // serde_json (nox) escapes only what JSON requires; so do we, so error texts read the same.
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A successful result holding <paramref name="value"/>.</summary>
    public static CallResult Ok(JsonNode? value) => new(0, value?.ToJsonString(s_json) ?? "null");

    /// <summary>nox's <c>FunctionOutcome::Empty</c>: success with an empty string.</summary>
    public static CallResult Empty { get; } = new(0, "\"\"");

    /// <summary>A service error; AquaVM turns it into a catchable <c>LocalServiceError</c>.</summary>
    public static CallResult Error(string message) => new(1, JsonSerializer.Serialize(message, s_json));
}
