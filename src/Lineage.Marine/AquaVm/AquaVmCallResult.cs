// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.AquaVm;

/// <summary>The result of a call request: <c>ret_code</c> 0 and the JSON text of the value, or an error code and message JSON.</summary>
public sealed record AquaVmCallResult(int RetCode, string Result)
{
    /// <summary>A successful result holding <paramref name="json"/> (JSON text).</summary>
    public static AquaVmCallResult Ok(string json) => new(0, json);
}
