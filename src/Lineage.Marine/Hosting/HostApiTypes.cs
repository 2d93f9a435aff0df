// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.InterfaceTypes;
using Lineage.Marine.Values;

namespace Lineage.Marine.Hosting;

/// <summary>
/// The records the host lowers into modules: CallParameters (v3 shape, the v0 shape for the <c>host</c>
/// namespace, the v1 shape for <c>__marine_host_api_v1</c>) and MountedBinaryResult. Field order fixes the memory layout.
/// </summary>
internal static class HostApiTypes
{
    public const ulong SecurityTetrapletId = 0;
    public const ulong ParticleParametersId = 1;
    public const ulong CallParametersId = 2;
    public const ulong MountedBinaryResultId = 3;
    public const ulong CallParametersV0Id = 4;
    public const ulong CallParametersV1Id = 5;

    public static readonly MarineInterface Types = MarineInterface.FromSection(new InterfaceTypesSection("0.27.0",
        [
            new RecordTypeDefinition("SecurityTetraplet",
                [new("peer_pk", IType.Utf8String), new("service_id", IType.Utf8String), new("function_name", IType.Utf8String), new("lens", IType.Utf8String)]),
            new RecordTypeDefinition("ParticleParameters",
            [
                new("id", IType.Utf8String), new("init_peer_id", IType.Utf8String), new("timestamp", IType.U64), new("ttl", IType.U32),
                new("script", IType.Utf8String), new("signature", IType.ByteArray), new("token", IType.Utf8String),
            ]),
            new RecordTypeDefinition("CallParameters",
            [
                new("particle", IType.Record(ParticleParametersId)), new("service_id", IType.Utf8String),
                new("service_creator_peer_id", IType.Utf8String), new("host_id", IType.Utf8String), new("worker_id", IType.Utf8String),
                new("tetraplets", IType.ArrayOf(IType.ArrayOf(IType.Record(SecurityTetrapletId)))),
            ]),
            new RecordTypeDefinition("MountedBinaryResult",
                [new("ret_code", IType.S32), new("error", IType.Utf8String), new("stdout", IType.ByteArray), new("stderr", IType.ByteArray)]),
            new RecordTypeDefinition("CallParameters",
            [
                new("init_peer_id", IType.Utf8String), new("service_id", IType.Utf8String), new("service_creator_peer_id", IType.Utf8String),
                new("host_id", IType.Utf8String), new("particle_id", IType.Utf8String),
                new("tetraplets", IType.ArrayOf(IType.ArrayOf(IType.Record(SecurityTetrapletId)))),
            ]),

            // v1 (marine-rs-sdk 0.11/0.12): v0 plus worker_id after host_id. Order as the SDK declares it and as
            // marine's call_parameters_v3_to_v1 fills it.
            new RecordTypeDefinition("CallParameters",
            [
                new("init_peer_id", IType.Utf8String), new("service_id", IType.Utf8String), new("service_creator_peer_id", IType.Utf8String),
                new("host_id", IType.Utf8String), new("worker_id", IType.Utf8String), new("particle_id", IType.Utf8String),
                new("tetraplets", IType.ArrayOf(IType.ArrayOf(IType.Record(SecurityTetrapletId)))),
            ]),
        ], [], [], [], []));

    public static MarineRecord CallParametersV3(MarineCallParameters p) => new("CallParameters",
    [
        new("particle", new MarineRecord("ParticleParameters",
        [
            new("id", p.Particle.Id), new("init_peer_id", p.Particle.InitPeerId), new("timestamp", p.Particle.Timestamp),
            new("ttl", p.Particle.Ttl), new("script", p.Particle.Script), new("signature", p.Particle.Signature.ToArray()),
            new("token", p.Particle.Token),
        ])),
        new("service_id", p.ServiceId), new("service_creator_peer_id", p.ServiceCreatorPeerId), new("host_id", p.HostId),
        new("worker_id", p.WorkerId), new("tetraplets", Tetraplets(p)),
    ]);

    public static MarineRecord CallParametersV0(MarineCallParameters p) => new("CallParameters",
    [
        new("init_peer_id", p.Particle.InitPeerId), new("service_id", p.ServiceId), new("service_creator_peer_id", p.ServiceCreatorPeerId),
        new("host_id", p.HostId), new("particle_id", p.Particle.Id), new("tetraplets", Tetraplets(p)),
    ]);

    public static MarineRecord CallParametersV1(MarineCallParameters p) => new("CallParameters",
    [
        new("init_peer_id", p.Particle.InitPeerId), new("service_id", p.ServiceId), new("service_creator_peer_id", p.ServiceCreatorPeerId),
        new("host_id", p.HostId), new("worker_id", p.WorkerId), new("particle_id", p.Particle.Id), new("tetraplets", Tetraplets(p)),
    ]);

    public static MarineRecord MountedBinaryResult(int retCode, string error, byte[] stdout, byte[] stderr) => new("MountedBinaryResult",
        [new("ret_code", retCode), new("error", error), new("stdout", stdout), new("stderr", stderr)]);

    private static object?[] Tetraplets(MarineCallParameters p) =>
    [
        .. p.Tetraplets.Select(group => (object?)group.Select(t => (object?)new MarineRecord("SecurityTetraplet",
            [new("peer_pk", t.PeerPk), new("service_id", t.ServiceId), new("function_name", t.FunctionName), new("lens", t.Lens)])).ToArray()),
    ];
}
