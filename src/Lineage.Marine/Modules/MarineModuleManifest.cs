// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;
using Lineage.Marine.InterfaceTypes;

namespace Lineage.Marine.Modules;

/// <summary>
/// The <c>__fluence_wasm_module_manifest</c> custom section: five UTF-8 fields, each a little-endian u64 length
/// followed by the bytes.
/// </summary>
public sealed record MarineModuleManifest(string Authors, string Version, string Description, string Repository, string BuildTime)
{
    public const string SectionName = "__fluence_wasm_module_manifest";

    public static MarineModuleManifest Parse(ReadOnlySpan<byte> payload)
    {
        int position = 0;
        string authors = ReadField(payload, ref position, "authors");
        string version = ReadField(payload, ref position, "version");
        string description = ReadField(payload, ref position, "description");
        string repository = ReadField(payload, ref position, "repository");
        string buildTime = ReadField(payload, ref position, "build_time");
        if (position != payload.Length)
        {
            throw new InterfaceTypesFormatException(position, $"{payload.Length - position} trailing bytes after the module manifest");
        }

        return new MarineModuleManifest(authors, version, description, repository, buildTime);
    }

    private static string ReadField(ReadOnlySpan<byte> payload, ref int position, string name)
    {
        if (payload.Length - position < 8)
        {
            throw new InterfaceTypesFormatException(position, $"module manifest field '{name}': length runs past the end");
        }

        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(payload[position..]);
        position += 8;
        if (length > (ulong)(payload.Length - position))
        {
            throw new InterfaceTypesFormatException(position - 8, $"module manifest field '{name}' of {length} bytes runs past the end");
        }

        string value = Encoding.UTF8.GetString(payload.Slice(position, (int)length));
        position += (int)length;
        return value;
    }
}
