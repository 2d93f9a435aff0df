// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text.Json.Nodes;
using Lineage.Peer.Services;
using Lineage.TestKit.Marine;

namespace Lineage.Peer.Tests.Services;

/// <summary>The service registry with real Marine modules (Rust, built by Debian's rustc) and a real data directory.</summary>
public sealed class ServiceManagerTests
{
    [Fact]
    public async Task A_blueprint_of_two_modules_becomes_a_service_with_a_uuid_and_the_facade_interface()
    {
        using var bed = new ServiceTestBed();
        string blueprint = bed.Deploy("greeter", ("lib", TestModules.Lib), ("facade", TestModules.Facade));

        ServiceInfo info = bed.Services.Create(blueprint, ServiceTestBed.Manager, ServiceTestBed.Host);

        Guid.TryParse(info.Id, out Guid id).Should().BeTrue();
        id.ToString().Should().Be(info.Id);
        ((int)id.ToByteArray()[7] >> 4).Should().Be(4, "service ids are UUID v4");
        info.OwnerId.Should().Be(ServiceTestBed.Manager);
        info.WorkerId.Should().Be(ServiceTestBed.Host);
        bed.Services.List(ServiceTestBed.Host).Should().ContainSingle().Which.Id.Should().Be(info.Id);
        bed.Services.List("12D3KooWSomeWorker").Should().BeEmpty();
        bed.Services.GetInterface(ServiceTestBed.Host, info.Id).Functions.Select(f => f.Name).Should().Equal("hello");
        (await bed.CallAsync(info.Id, "hello", [new JsonArray("alice", "bob")]))!.GetValue<string>()
            .Should().Be("Hello, alice! Hello, bob! (2 names)");
        bed.Services.Modules.ListModules().Select(m => m.Config.Name).Should().BeEquivalentTo(["lib", "facade"]);
    }

    [Fact]
    public async Task Bad_calls_and_unknown_services_fail_with_clear_errors_and_the_service_keeps_serving()
    {
        using var bed = new ServiceTestBed();
        ServiceInfo info = bed.Services.Create(bed.Deploy("greeter", ("lib", TestModules.Lib), ("facade", TestModules.Facade)), ServiceTestBed.Manager, ServiceTestBed.Host);

        await FluentActions.Awaiting(() => bed.CallAsync(info.Id, "no_such_function", []))
            .Should().ThrowAsync<ServiceException>().WithMessage("*has no function 'no_such_function'*");
        await FluentActions.Awaiting(() => bed.CallAsync(info.Id, "hello", [42]))
            .Should().ThrowAsync<ServiceException>();
        await FluentActions.Awaiting(() => bed.CallAsync("nope", "hello", []))
            .Should().ThrowAsync<ServiceException>().WithMessage("Service with id 'nope' not found");
        (await bed.CallAsync(info.Id, "hello", [new JsonArray("carol")]))!.GetValue<string>().Should().StartWith("Hello, carol!");

        JsonObject stats = bed.Services.CallStats(ServiceTestBed.Host, info.Id, out _)!;
        stats["total_stats"]!["success_req_count"]!.GetValue<ulong>().Should().Be(1);
        stats["total_stats"]!["failed_req_count"]!.GetValue<ulong>().Should().Be(2);
        stats["functions_stats"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Should().Equal("hello");
    }

    [Fact]
    public void Modules_that_are_not_marine_modules_are_refused_before_they_are_stored()
    {
        using var bed = new ServiceTestBed();
        FluentActions.Invoking(() => bed.Services.Modules.AddModule(new byte[] { 0, 0x61, 0x73, 0x6d, 9 }, new ServiceModuleConfig { Name = "x" }))
            .Should().Throw<ServiceException>().WithMessage("module 'x' is not valid Wasm*");
        byte[] plainWasm = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
        FluentActions.Invoking(() => bed.Services.Modules.AddModule(plainWasm, new ServiceModuleConfig { Name = "x" }))
            .Should().Throw<ServiceException>().WithMessage("module 'x' is not a Marine module*");
        FluentActions.Invoking(() => bed.Services.Modules.AddBlueprint(Blueprint.Create("b", [ModuleCid.Compute(plainWasm).ToString()])))
            .Should().Throw<ServiceException>().WithMessage("module * not found");
        bed.Services.Modules.ListModules().Should().BeEmpty();
        Directory.EnumerateFiles(Path.Combine(bed.DataDirectory, "modules")).Should().BeEmpty();
    }

    [Fact]
    public void A_service_that_does_not_load_leaves_nothing_behind()
    {
        using var bed = new ServiceTestBed();
        // The facade imports "lib", which a blueprint of the facade alone does not provide.
        string blueprint = bed.Deploy("broken", ("facade", TestModules.Facade));

        FluentActions.Invoking(() => bed.Services.Create(blueprint, ServiceTestBed.Manager, ServiceTestBed.Host))
            .Should().Throw<ServiceException>().WithMessage("blueprint * ('broken') does not load: *'lib'*");
        FluentActions.Invoking(() => bed.Services.Create("bafkreinope", ServiceTestBed.Manager, ServiceTestBed.Host))
            .Should().Throw<ServiceException>().WithMessage("Blueprint bafkreinope not found");
        bed.Services.List(ServiceTestBed.Host).Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(Path.Combine(bed.DataDirectory, "services")).Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(Path.Combine(bed.DataDirectory, "workdir")).Should().BeEmpty();
    }

    [Fact]
    public async Task After_a_restart_services_aliases_blueprints_and_their_files_come_back()
    {
        using var bed = new ServiceTestBed();
        string blueprint = bed.Deploy("files", ("files", TestModules.WasiEscape));
        ServiceInfo first = bed.Services.Create(blueprint, ServiceTestBed.Manager, ServiceTestBed.Host);
        ServiceInfo second = bed.Services.Create(blueprint, ServiceTestBed.Host, ServiceTestBed.Host);
        bed.Services.AddAlias(ServiceTestBed.Host, "notes", first.Id, ServiceTestBed.Manager);
        (await bed.CallAsync("notes", "write", ["/local/note.txt", "kept across restarts"]))!.GetValue<string>().Should().Be("ok");
        (await bed.CallAsync(second.Id, "write", ["/local/note.txt", "the other service's file"]))!.GetValue<string>().Should().Be("ok");
        (await bed.CallAsync("notes", "env", ["service_id"]))!.GetValue<string>().Should().Be(first.Id);

        bed.Restart();

        bed.Services.List(ServiceTestBed.Host).Select(s => s.Id).Should().BeEquivalentTo([first.Id, second.Id]);
        bed.Services.ResolveAlias(ServiceTestBed.Host, "notes").Should().Be(first.Id);
        bed.Services.GetInfo(ServiceTestBed.Host, "notes").Should().BeEquivalentTo(first with { Aliases = ["notes"] });
        bed.Services.Modules.ListBlueprints().Should().ContainSingle().Which.Id.Should().Be(blueprint);
        (await bed.CallAsync("notes", "read", ["/local/note.txt"]))!.GetValue<string>().Should().Be("kept across restarts");
        (await bed.CallAsync(second.Id, "read", ["/local/note.txt"]))!.GetValue<string>().Should().Be("the other service's file");
        (await bed.CallAsync("notes", "read", ["/etc/passwd"]))!.GetValue<string>().Should().StartWith("error:");

        // Moving the alias is persisted too.
        bed.Services.AddAlias(ServiceTestBed.Host, "notes", second.Id, ServiceTestBed.Manager);
        bed.Restart();
        bed.Services.ResolveAlias(ServiceTestBed.Host, "notes").Should().Be(second.Id);
        bed.Services.GetInfo(ServiceTestBed.Host, first.Id).Aliases.Should().BeEmpty();
    }

    [Fact]
    public void Only_the_creator_the_host_or_a_management_peer_may_remove_a_service()
    {
        const string stranger = "12D3KooWStrangerStrangerStrangerStrangerStrang";
        using var bed = new ServiceTestBed();
        string blueprint = bed.Deploy("greeter", ("lib", TestModules.Lib), ("facade", TestModules.Facade));
        ServiceInfo byOwner = bed.Services.Create(blueprint, "12D3KooWOwnerOwnerOwnerOwnerOwnerOwnerOwnerOwne", ServiceTestBed.Host);
        ServiceInfo byManager = bed.Services.Create(blueprint, ServiceTestBed.Manager, ServiceTestBed.Host);
        ServiceInfo byHost = bed.Services.Create(blueprint, ServiceTestBed.Host, ServiceTestBed.Host);
        bed.Services.AddAlias(ServiceTestBed.Host, "greeter", byOwner.Id, ServiceTestBed.Manager);

        FluentActions.Invoking(() => bed.Services.Remove(ServiceTestBed.Host, "greeter", stranger))
            .Should().Throw<ServiceException>().WithMessage("Forbidden*only its creator can remove*");
        FluentActions.Invoking(() => bed.Services.AddAlias(ServiceTestBed.Host, "mine", byOwner.Id, stranger))
            .Should().Throw<ServiceException>().WithMessage("Forbidden*");
        bed.Services.List(ServiceTestBed.Host).Should().HaveCount(3);

        bed.Services.Remove(ServiceTestBed.Host, "greeter", byOwner.OwnerId);
        bed.Services.Remove(ServiceTestBed.Host, byHost.Id, ServiceTestBed.Manager);
        bed.Services.Remove(ServiceTestBed.Host, byManager.Id, ServiceTestBed.Host);

        bed.Services.List(ServiceTestBed.Host).Should().BeEmpty();
        bed.Services.ResolveAlias(ServiceTestBed.Host, "greeter").Should().BeNull();
        Directory.EnumerateFileSystemEntries(Path.Combine(bed.DataDirectory, "services")).Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(Path.Combine(bed.DataDirectory, "workdir")).Should().BeEmpty();
        bed.Restart();
        bed.Services.List(ServiceTestBed.Host).Should().BeEmpty();
    }

    [Fact]
    public void Aliases_cannot_shadow_service_ids_or_use_reserved_names()
    {
        using var bed = new ServiceTestBed();
        string blueprint = bed.Deploy("greeter", ("lib", TestModules.Lib), ("facade", TestModules.Facade));
        ServiceInfo a = bed.Services.Create(blueprint, ServiceTestBed.Manager, ServiceTestBed.Host);
        ServiceInfo b = bed.Services.Create(blueprint, ServiceTestBed.Manager, ServiceTestBed.Host);

        FluentActions.Invoking(() => bed.Services.AddAlias(ServiceTestBed.Host, b.Id, a.Id, ServiceTestBed.Manager))
            .Should().Throw<ServiceException>().WithMessage("*cannot be a service id");
        FluentActions.Invoking(() => bed.Services.AddAlias(ServiceTestBed.Host, "self", a.Id, ServiceTestBed.Manager))
            .Should().Throw<ServiceException>().WithMessage("*reserved");
        FluentActions.Invoking(() => bed.Services.AddAlias(ServiceTestBed.Host, "x", "missing", ServiceTestBed.Manager))
            .Should().Throw<ServiceException>().WithMessage("Service with id 'missing' not found");
    }

    [Fact]
    public async Task Calls_to_one_service_run_one_at_a_time_while_different_services_run_in_parallel()
    {
        // "spin" never returns: each call runs until the call time-out interrupts it. Two calls to one service
        // therefore take at least two time-outs; two calls to two services end together after one.
        TimeSpan timeout = TimeSpan.FromSeconds(3);
        using var bed = new ServiceTestBed(timeout);
        string blueprint = bed.Deploy("spinner", ("hostile", TestModules.Hostile));
        ServiceInfo a = bed.Services.Create(blueprint, ServiceTestBed.Manager, ServiceTestBed.Host);
        ServiceInfo b = bed.Services.Create(blueprint, ServiceTestBed.Manager, ServiceTestBed.Host);

        TimeSpan same = await TimeBoth(bed, a.Id, a.Id);
        TimeSpan different = await TimeBoth(bed, a.Id, b.Id);

        same.Should().BeGreaterThanOrEqualTo(2 * timeout - TimeSpan.FromMilliseconds(100), "the second call waits for the first");
        different.Should().BeLessThan(2 * timeout - TimeSpan.FromMilliseconds(500), "calls to different services overlap");
    }

    [Fact]
    public void Module_and_blueprint_ids_are_the_ones_nox_computes()
    {
        // nox service-modules/blueprint.rs test vector.
        Blueprint blueprint = Blueprint.Create("trust-graph",
            ["bafybeiey4i2vtj7uu7tlvdoc2o52uuuwxa4ahcx5g4lpqzk4qtd5klniuq", "bafybeibuvzascfzi5ikyzhjxdkridgytg4z26ujtnx7xrejq7gxq54ssdm"]);
        blueprint.Id.Should().Be("bafkreifdehdwcppttfsqaju4kodgn5wgbefrarbzc72k4sore2bwpeq2fa");
        Blueprint.ParseDagJson(Blueprint.ToDagJson(blueprint.Name, blueprint.Dependencies)).Should().BeEquivalentTo(blueprint);
        Blueprint.ParseDagJson("""{ "name": "trust-graph", "dependencies": [ {"/": "bafybeiey4i2vtj7uu7tlvdoc2o52uuuwxa4ahcx5g4lpqzk4qtd5klniuq"}, {"/":"bafybeibuvzascfzi5ikyzhjxdkridgytg4z26ujtnx7xrejq7gxq54ssdm"} ] }""")
            .Id.Should().Be(blueprint.Id);

        byte[] module = TestModules.Lib;
        string expected = "b" + Lineage.Core.Multiformats.Base32.Encode([0x01, 0x55, 0x12, 0x20, .. System.Security.Cryptography.SHA256.HashData(module)]);
        ModuleCid.Compute(module).ToString().Should().Be(expected, "a module of one chunk is CIDv1(raw, sha2-256) of its bytes");
    }

    [Fact]
    public async Task A_module_built_by_the_marine_sdk_deploys_runs_and_survives_a_restart()
    {
        // avm.wasm 0.62.0: built by marine-rs-sdk, imports WASI and __marine_host_api_v3, 5.9 MB (a multi-chunk CID).
        byte[] avm = File.ReadAllBytes(Lineage.Peer.Tests.AquaVm.AquaVmFixture.AvmWasmPath);
        string expected;
        using (var direct = Lineage.Marine.AquaVm.AquaVm.Load(avm))
        {
            expected = direct.Ast("(seq (null) (call %init_peer_id% (\"a\" \"b\") [] x))");
        }

        using var bed = new ServiceTestBed();
        ServiceInfo info = bed.Services.Create(bed.Deploy("avm", ("avm", avm)), ServiceTestBed.Manager, ServiceTestBed.Host);
        JsonArray arguments = ["(seq (null) (call %init_peer_id% (\"a\" \"b\") [] x))"];
        (await bed.CallAsync(info.Id, "ast", arguments))!.GetValue<string>().Should().Be(expected);

        bed.Restart();
        (await bed.CallAsync(info.Id, "ast", (JsonArray)arguments.DeepClone()))!.GetValue<string>().Should().Be(expected);
        bed.Services.Modules.ListModules().Single().Hash.Should().Be(ModuleCid.Compute(avm).ToString());
    }

    [Fact]
    public void Module_ids_of_modules_over_one_chunk_equal_what_ipfs_computes()
    {
        // Golden values from ipfs-unixfs-importer 17.1.1 (the js-ipfs/Helia importer): cidVersion 1, rawLeaves,
        // its default 256 KiB fixed-size chunker — the layout nox's cid-utils reproduces.
        ModuleCid.Compute(new byte[600_000]).ToString().Should().Be("bafybeib7pcuusxw7atqqc4apxvkezssdjbqkkhymjpo5x7bsj5sytn2ph4");
        ModuleCid.Compute(File.ReadAllBytes(Lineage.Peer.Tests.AquaVm.AquaVmFixture.AvmWasmPath)).ToString()
            .Should().Be("bafybeibakjichtsaexgckqkrjbtz6czk2e3oafqe32jhutm25ksvwpu4zy", "avm.wasm 0.62.0 (5.9 MB, 23 chunks)");
    }

    [Theory]
    [InlineData("""{"name":"m","wasi":{"mapped_dirs":{"/data":"../escape"}}}""", "*without '..'*")]
    [InlineData("""{"name":"m","wasi":{"mapped_dirs":{"/data":"/etc"}}}""", "*relative to the service directory*")]
    [InlineData("""{"name":"m","mapped_dirs":[["data","x"]]}""", "*guest path 'data' must be absolute*")]
    [InlineData("""{"name":"m","logger_enabled":"yes"}""", "*'logger_enabled' must be a boolean*")]
    [InlineData("""{"name":"a/b"}""", "*no '/'*")]
    [InlineData("""{"mem_pages_count":1}""", "*no 'name'*")]
    public void Module_configs_that_would_leave_the_service_directory_or_are_malformed_are_refused(string json, string message) =>
        FluentActions.Invoking(() => ServiceModuleConfig.FromJson(JsonNode.Parse(json)))
            .Should().Throw<ServiceException>().WithMessage(message);

    [Fact]
    public void Module_configs_are_read_in_both_the_nox_and_the_aqua_lib_shapes()
    {
        ServiceModuleConfig nox = ServiceModuleConfig.FromJson(JsonNode.Parse(
            """{"name":"m","logger_enabled":true,"wasi":{"envs":{"A":"1"},"mapped_dirs":{"/data":"data"}},"mounted_binaries":{"curl":"/usr/bin/curl"}}"""));
        ServiceModuleConfig aqua = ServiceModuleConfig.FromJson(JsonNode.Parse(
            """{"name":"m","mem_pages_count":[],"max_heap_size":[],"logger_enabled":[true],"logging_mask":[],"wasi":[{"envs":[[["A","1"]]],"mapped_dirs":[[["/data","data"]]],"mounted_binaries":[[["curl","/usr/bin/curl"]]]}]}"""));

        aqua.ToJson().ToJsonString().Should().Be(nox.ToJson().ToJsonString());
        nox.ToJson().ToJsonString().Should().Be(
            """{"name":"m","logger_enabled":true,"wasi":{"envs":{"A":"1"},"mapped_dirs":{"/data":"data"}},"mounted_binaries":{"curl":"/usr/bin/curl"}}""");
        ServiceModuleConfig.FromJson(nox.ToJson()).ToJson().ToJsonString().Should().Be(nox.ToJson().ToJsonString());
    }

    private static async Task<TimeSpan> TimeBoth(ServiceTestBed bed, string first, string second)
    {
        var clock = Stopwatch.StartNew();
        Task<JsonNode?> one = bed.CallAsync(first, "spin", [1]);
        Task<JsonNode?> two = bed.CallAsync(second, "spin", [2]);
        foreach (Task<JsonNode?> call in new[] { one, two })
        {
            await FluentActions.Awaiting(() => call).Should().ThrowAsync<ServiceException>().WithMessage("*time limit*");
        }

        return clock.Elapsed;
    }
}
