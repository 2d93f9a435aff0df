// SPDX-License-Identifier: Apache-2.0

using System.ComponentModel;
using System.Diagnostics;
using Lineage.Marine.Abi;
using Lineage.Marine.Config;
using Lineage.Marine.InterfaceTypes;
using Lineage.Wasm.Model;
using Lineage.Wasm.Runtime;
using ValueType = Lineage.Wasm.Model.ValueType;

namespace Lineage.Marine.Hosting;

/// <summary>
/// The Marine host API (namespaces <c>host</c> = v0 and <c>__marine_host_api_v1/v2/v3</c>): get_call_parameters,
/// log_utf8_string, and mounted binaries (any other name in these namespaces).
/// </summary>
internal static class HostApi
{
    public const string GetCallParameters = "get_call_parameters";
    public const string LogUtf8String = "log_utf8_string";

    /// <summary>Marine's ret_code when a mounted binary could not be started (and 100000 when it was killed).</summary>
    private const int SpawnError = 100001;
    private const int Killed = 100000;

    public static bool IsHostNamespace(string ns) =>
        ns is "host" or "__marine_host_api_v0" or "__marine_host_api_v1" or "__marine_host_api_v2" or "__marine_host_api_v3";

    public static bool IsBuiltin(string name) => name is GetCallParameters or LogUtf8String;

    public static WasmFunction CallParametersFunction(FunctionType type, MarineService.ModuleSlot slot, Func<MarineCallParameters> current, string ns)
    {
        Expect(type, [], GetCallParameters);
        // v0 and v1 have flat records (no particle record); v2 lays out like v3 (its tetraplet field is named lambda).
        (ulong recordId, Func<MarineCallParameters, Values.MarineRecord> shape) = ns switch
        {
            "host" or "__marine_host_api_v0" => (HostApiTypes.CallParametersV0Id, HostApiTypes.CallParametersV0),
            "__marine_host_api_v1" => (HostApiTypes.CallParametersV1Id, HostApiTypes.CallParametersV1),
            _ => (HostApiTypes.CallParametersId, (Func<MarineCallParameters, Values.MarineRecord>)HostApiTypes.CallParametersV3),
        };
        return WasmFunction.FromCallback(type, (_, _) =>
        {
            MarineModuleInstance instance = slot.Instance!;
            MarineCallParameters parameters = current();
            RecordTypeDefinition record = HostApiTypes.Types.Record(recordId);
            int pointer = new ValueLowerer(instance, HostApiTypes.Types).LowerRecord(record, shape(parameters));
            instance.SetResultPointer(pointer);
        });
    }

    public static WasmFunction LogFunction(FunctionType type, MarineService.ModuleSlot slot, MarineModuleConfig config, Action<int, int, string> sink)
    {
        int parameters = type.Parameters.Length;
        if (parameters is < 2 or > 4 || type.Parameters.Any(p => p != ValueType.I32) || type.Results.Length != 0)
        {
            throw new WasmLinkException($"{LogUtf8String} imported with type {type}; expected (level, target, ptr, size: i32) -> ()");
        }

        return WasmFunction.FromCallback(type, (args, _) =>
        {
            if (!config.LoggerEnabled)
            {
                return;
            }

            int level = parameters >= 3 ? args[0].I32 : 3;
            int target = parameters == 4 ? args[1].I32 : 0;
            if ((config.LoggingMask & target) != 0)
            {
                return;
            }

            string message = new ValueLifter(slot.Instance!, HostApiTypes.Types)
                .ReadString(args[parameters - 2].I32, args[parameters - 1].I32, "log message");
            sink(level, target, message);
        });
    }

    public static WasmFunction MountedBinaryFunction(FunctionType type, MarineService.ModuleSlot slot, string name, string path, MarineHostOptions options)
    {
        Expect(type, [ValueType.I32, ValueType.I32], name);
        return WasmFunction.FromCallback(type, (args, _) =>
        {
            MarineModuleInstance instance = slot.Instance!;
            var arguments = (object?[])new ValueLifter(instance, HostApiTypes.Types)
                .LiftArray(IType.Utf8String, args[0].I32, args[1].I32, $"arguments of mounted binary '{name}'");
            var result = Run(path, arguments.Cast<string>(), options);
            int pointer = new ValueLowerer(instance, HostApiTypes.Types)
                .LowerRecord(HostApiTypes.Types.Record(HostApiTypes.MountedBinaryResultId), result);
            instance.SetResultPointer(pointer);
        });
    }

    /// <summary>Runs the binary directly (no shell: arguments are passed as a list, never parsed).</summary>
    private static Values.MarineRecord Run(string path, IEnumerable<string> arguments, MarineHostOptions options)
    {
        var start = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("process did not start");
        }
        catch (Win32Exception e)
        {
            return HostApiTypes.MountedBinaryResult(SpawnError, $"cannot start '{path}': {e.Message}", [], []);
        }

        using (process)
        {
            process.StandardInput.Close();
            Task<byte[]> stdout = ReadLimited(process.StandardOutput.BaseStream, options.MountedBinaryOutputLimit);
            Task<byte[]> stderr = ReadLimited(process.StandardError.BaseStream, options.MountedBinaryOutputLimit);
            if (!process.WaitForExit(options.MountedBinaryTimeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return HostApiTypes.MountedBinaryResult(Killed, $"'{path}' was killed after {options.MountedBinaryTimeout.TotalSeconds:0.###} s", stdout.Result, stderr.Result);
            }

            return HostApiTypes.MountedBinaryResult(process.ExitCode, "", stdout.Result, stderr.Result);
        }
    }

    private static async Task<byte[]> ReadLimited(Stream stream, int limit)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            int keep = (int)Math.Min(read, limit - buffer.Length);
            if (keep > 0)
            {
                buffer.Write(chunk, 0, keep);
            }
        }

        return buffer.ToArray();
    }

    private static void Expect(FunctionType type, ValueType[] parameters, string name)
    {
        if (!type.Parameters.SequenceEqual(parameters) || type.Results.Length != 0)
        {
            throw new WasmLinkException($"host function '{name}' imported with type {type}; expected ({string.Join(", ", parameters)}) -> ()");
        }
    }
}
