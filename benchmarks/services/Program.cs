// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Lineage.Marine.Hosting;
using Lineage.Peer.Services;
using Lineage.TestKit;
using Lineage.TestKit.Marine;

// Hosted Marine services: deploy, restore after restart, call latency (vs marine-js on V8), and calls to one
// service vs two services at once. Wall time and process CPU time (user + system) side by side.
int calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
using var process = Process.GetCurrentProcess();
string data = Directory.CreateTempSubdirectory("lineage-services-bench-").FullName;
const string Host = "12D3KooWBenchHostBenchHostBenchHostBenchHostBen";
var options = new ServiceManagerOptions { DataDirectory = data, HostPeerId = Host };
Console.WriteLine($"{"figure",-52} {"Lineage",10} {"marine-js",10} {"ratio",7} {"CPU ours",9} {"CPU m-js",9} {"ratio",7}");
try
{
    // marine-js wants the SDK version section the Rust SDK emits; both sides get the same bytes.
    byte[] lib = WasmCustomSections.Append(TestModules.Lib, "__fluence_sdk_version", "0.14.0"u8);
    byte[] facade = WasmCustomSections.Append(TestModules.Facade, "__fluence_sdk_version", "0.14.0"u8);
    // marine-js 0.13 does not link modules to each other (import "lib" fails), so the reference runs the one-module case.
    JsonNode referenceLib = MarineJs([("lib", lib)], "greet", new JsonArray("alice"), calls);

    ServiceManager services = ServiceManager.Open(options);
    string libHash = services.Modules.AddModule(lib, new ServiceModuleConfig { Name = "lib" });
    string facadeHash = services.Modules.AddModule(facade, new ServiceModuleConfig { Name = "facade" });
    string blueprint = services.Modules.AddBlueprint(Blueprint.Create("greeter", [libHash, facadeHash]));
    string libOnly = services.Modules.AddBlueprint(Blueprint.Create("lib", [libHash]));

    // 1. srv.create: first one-module service (cold) vs marine-js loading the same module; then two-module services.
    (double ms, double cpu) = Measure(() => services.Create(libOnly, Host, Host));
    Row("create 1-module service, first (ms)", ms, referenceLib["load_ms"]!.GetValue<double>(), cpu, referenceLib["load_cpu_ms"]!.GetValue<double>());
    (ms, cpu) = Measure(() => services.Create(blueprint, Host, Host));
    Row("create 2-module service, first (ms)", ms, null, cpu, null);
    (ms, cpu) = Measure(() => { for (int i = 0; i < 20; i++) { services.Create(blueprint, Host, Host); } });
    Row("create 2-module service, warm mean of 20 (ms)", ms / 20, null, cpu / 20, null);

    // 2. Restart: open the data directory holding those 21 services.
    services.Dispose();
    (ms, cpu) = Measure(() => services = ServiceManager.Open(options));
    Row($"restore {services.List(Host).Count} services after a restart (ms)", ms, null, cpu, null);

    // 3. Call latency: lib alone (vs marine-js), and facade -> lib (two modules, values copied across memories).
    List<ServiceInfo> all = [.. services.List(Host)];
    string libId = all.First(s => s.BlueprintId == libOnly).Id;
    string greeterId = all.First(s => s.BlueprintId == blueprint).Id;
    foreach ((string label, string id, string function, JsonArray arguments, JsonNode? theirs) in new[]
    {
        ("call greet(\"alice\") one module (µs)", libId, "greet", new JsonArray("alice"), referenceLib),
        ("call hello([2 names]) facade->lib (µs)", greeterId, "hello", new JsonArray(new JsonArray("alice", "bob")), (JsonNode?)null),
    })
    {
        string ours = Call(services, id, function, arguments)!.ToJsonString();
        if (theirs is not null && ours != theirs["result"]!.ToJsonString())
        {
            throw new InvalidOperationException($"results differ: {ours} vs {theirs["result"]!.ToJsonString()}");
        }

        for (int i = 0; i < 200; i++)
        {
            Call(services, id, function, arguments);
        }

        // Best of 3 rounds: the first ones still run code that has not tiered up yet.
        (ms, cpu) = Enumerable.Range(0, 3)
            .Select(_ => Measure(() => { for (int i = 0; i < calls; i++) { Call(services, id, function, arguments); } }))
            .MinBy(r => r.CpuMs);
        Row(label, ms * 1000 / calls, theirs?["ms_per_call"]!.GetValue<double>() * 1000, cpu * 1000 / calls, theirs?["cpu_ms_per_call"]!.GetValue<double>() * 1000);
    }

    // 4. 2×N calls on one service (serialised) vs N calls on each of two services at once.
    string second = all.First(s => s.BlueprintId == blueprint && s.Id != greeterId).Id;
    Calls(services, second, 200).GetAwaiter().GetResult(); // warm the second instance too
    (double oneMs, double oneCpu) = Measure(() => Task.WhenAll(Calls(services, greeterId, calls), Calls(services, greeterId, calls)).GetAwaiter().GetResult());
    (double twoMs, double twoCpu) = Measure(() => Task.WhenAll(Calls(services, greeterId, calls), Calls(services, second, calls)).GetAwaiter().GetResult());
    Row($"{2 * calls} concurrent calls: one service (ms)", oneMs, null, oneCpu, null);
    Row($"{2 * calls} concurrent calls: two services (ms)", twoMs, null, twoCpu, null);
    Console.WriteLine($"{"  two services / one service, wall",-52} {twoMs / oneMs,10:0.00}");
    services.Dispose();
}
finally
{
    Directory.Delete(data, recursive: true);
}

static JsonNode? Call(ServiceManager services, string id, string function, JsonArray arguments) =>
    services.CallAsync(Host, id, function, (JsonArray)arguments.DeepClone(), info => MarineCallParameters.Empty, CancellationToken.None).GetAwaiter().GetResult();

static Task Calls(ServiceManager services, string id, int count) => Task.Run(async () =>
{
    for (int i = 0; i < count; i++)
    {
        await services.CallAsync(Host, id, "hello", [new JsonArray("alice", "bob")], info => MarineCallParameters.Empty, CancellationToken.None);
    }
});

(double Ms, double CpuMs) Measure(Action action)
{
    process.Refresh();
    TimeSpan cpu0 = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    action();
    clock.Stop();
    process.Refresh();
    return (clock.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu0).TotalMilliseconds);
}

static void Row(string label, double ours, double? theirs, double oursCpu, double? theirsCpu) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-52} {ours,10:0.0} {Text(theirs),10} {Ratio(ours, theirs),7} {oursCpu,9:0.0} {Text(theirsCpu),9} {Ratio(oursCpu, theirsCpu),7}"));

static string Text(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "–";

static string Ratio(double ours, double? theirs) => theirs is { } t && t > 0 ? (ours / t).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

static JsonNode MarineJs((string Name, byte[] Wasm)[] modules, string function, JsonArray arguments, int iterations)
{
    var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryPaths.Harness("marine-js"), RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
    start.ArgumentList.Add("service-bench.mjs");
    using Process node = Process.Start(start)!;
    var request = new JsonObject
    {
        ["modules"] = new JsonArray([.. modules.Select(m => (JsonNode?)new JsonObject { ["name"] = m.Name, ["wasm"] = Convert.ToBase64String(m.Wasm) })]),
        ["function"] = function,
        ["args"] = arguments,
        ["iterations"] = iterations,
    };
    node.StandardInput.Write(request.ToJsonString());
    node.StandardInput.Close();
    JsonNode answer = JsonNode.Parse(node.StandardOutput.ReadToEnd())!;
    node.WaitForExit();
    return answer["ok"]!.GetValue<bool>() ? answer : throw new InvalidOperationException("marine-js: " + answer["error"]);
}
