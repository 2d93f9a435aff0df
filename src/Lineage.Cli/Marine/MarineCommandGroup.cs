// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Cli.Common;
using Lineage.Marine.Config;
using Lineage.Marine.Hosting;
using Lineage.Marine.InterfaceTypes;
using Lineage.Marine.Modules;
using Lineage.Marine.Values;
using Lineage.Wasm.Binary;
using Lineage.Wasm.Model;

namespace Lineage.Cli.Marine;

/// <summary>
/// <c>lineage marine</c>: Marine's REPL as one-shot commands. <c>info FILE.wasm</c> prints a module's interface as
/// JSON; <c>call --module NAME=FILE.wasm … FUNCTION 'JSON-ARGS'</c> loads a service and prints one call's result.
/// Errors are one line on stderr with exit code 1.
/// </summary>
internal sealed class MarineCommandGroup : ICommandGroup
{
    public Command Create()
    {
        var marine = new Command("marine", "Marine services: inspect modules and call functions");
        marine.Subcommands.Add(CreateInfo());
        marine.Subcommands.Add(CreateCall());
        return marine;
    }

    private static Command CreateInfo()
    {
        var file = new Argument<FileInfo>("FILE.wasm") { Description = "A Marine module" };
        var info = new Command("info", "Print the module's interface (functions and records) as JSON");
        info.Arguments.Add(file);
        info.SetAction(parseResult => Run(() =>
        {
            FileInfo path = parseResult.GetValue(file)!;
            WasmModule module = WasmModule.Decode(File.ReadAllBytes(path.FullName));
            MarineModuleInfo moduleInfo = MarineModuleInfo.FromCustomSections(
                module.CustomSections.Select(s => new KeyValuePair<string, ReadOnlyMemory<byte>>(s.Name, s.Data)));
            JsonObject json = MarineInterfaceJson.ToJson(moduleInfo.Interface);
            json["it_version"] = moduleInfo.Interface.Section.Version;
            json["sdk_version"] = moduleInfo.SdkVersion;
            Console.Out.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }));
        return info;
    }

    private static Command CreateCall()
    {
        var modules = new Option<string[]>("--module")
        {
            Description = "NAME=FILE.wasm, repeatable, dependencies first; the last one is the facade unless the config says otherwise",
            HelpName = "NAME=FILE",
            AllowMultipleArgumentsPerToken = false,
        };
        var config = new Option<FileInfo?>("--config")
        {
            Description = "JSON service config: {total_memory_limit, facade, modules: [{name, load_from, logger_enabled, logging_mask, wasi: {envs, mapped_dirs}, mounted_binaries}]}",
            HelpName = "FILE",
        };
        var allow = new Option<string[]>("--allow-binary")
        {
            Description = "Absolute path of a host binary modules may be granted (mounted binaries are denied otherwise); repeatable",
            HelpName = "PATH",
        };
        var moduleName = new Option<string?>("--in") { Description = "Call a function of this module instead of the facade", HelpName = "MODULE" };
        var timeout = new Option<double>("--timeout") { Description = "Call time limit in seconds", DefaultValueFactory = _ => 60 };
        var function = new Argument<string>("FUNCTION") { Description = "Function to call" };
        var arguments = new Argument<string>("JSON-ARGS") { Description = "Arguments: a JSON array (positional), an object (by name) or null", DefaultValueFactory = _ => "[]" };
        var call = new Command("call", "Load a service, call one function and print the result as JSON");
        call.Options.Add(modules);
        call.Options.Add(config);
        call.Options.Add(allow);
        call.Options.Add(moduleName);
        call.Options.Add(timeout);
        call.Arguments.Add(function);
        call.Arguments.Add(arguments);
        call.SetAction(parseResult => Run(() =>
        {
            (MarineServiceConfig serviceConfig, Dictionary<string, string> files) = BuildConfig(
                parseResult.GetValue(modules) ?? [], parseResult.GetValue(config));
            var options = new MarineHostOptions
            {
                AllowedMountedBinaries = new HashSet<string>(parseResult.GetValue(allow) ?? [], StringComparer.Ordinal),
                CallTimeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
            };
            JsonNode? args;
            try
            {
                args = JsonNode.Parse(parseResult.GetValue(arguments)!);
            }
            catch (JsonException e)
            {
                throw new MarineValueException($"JSON-ARGS is not JSON: {e.Message}");
            }

            using MarineService service = MarineService.Load(serviceConfig, m => File.ReadAllBytes(files[m.Name]), options);
            JsonNode? result = service.CallJson(parseResult.GetValue(function)!, args, module: parseResult.GetValue(moduleName));
            Console.Out.WriteLine(result?.ToJsonString() ?? "null");
        }));
        return call;
    }

    private static (MarineServiceConfig Config, Dictionary<string, string> Files) BuildConfig(string[] modules, FileInfo? configFile)
    {
        MarineServiceConfig config = configFile is null
            ? new MarineServiceConfig()
            : MarineServiceConfig.Parse(File.ReadAllText(configFile.FullName));
        string baseDirectory = configFile?.DirectoryName ?? Directory.GetCurrentDirectory();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var ordered = new List<MarineModuleConfig>();
        foreach (string module in modules)
        {
            int split = module.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0 || split == module.Length - 1)
            {
                throw new FormatException($"--module '{module}' is not NAME=FILE.wasm");
            }

            string name = module[..split];
            files[name] = Path.GetFullPath(module[(split + 1)..]);
            ordered.Add(config.Modules.FirstOrDefault(m => m.Name == name) ?? new MarineModuleConfig { Name = name });
        }

        foreach (MarineModuleConfig module in config.Modules)
        {
            if (!files.ContainsKey(module.Name))
            {
                files[module.Name] = Path.GetFullPath(module.LoadFrom ?? module.Name + ".wasm", baseDirectory);
                ordered.Add(module);
            }
        }

        if (ordered.Count == 0)
        {
            throw new FormatException("no modules: pass --module NAME=FILE.wasm or --config FILE");
        }

        MarineServiceConfig result = config with { Modules = ordered };
        result.Validate();
        return (result, files);
    }

    private static int Run(Action action)
    {
        try
        {
            action();
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or WasmFormatException
            or InterfaceTypesFormatException or MarineLoadException or MarineCallException or MarineValueException or JsonException)
        {
            return ErrorLine.Fail(e.Message, ExitCodes.Failure);
        }
    }
}
