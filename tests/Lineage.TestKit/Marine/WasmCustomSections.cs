// SPDX-License-Identifier: Apache-2.0

using Lineage.Core.Multiformats;

namespace Lineage.TestKit.Marine;

/// <summary>
/// Test-side helpers over raw module bytes: list custom sections and append one (a custom section may appear
/// anywhere after the header, so appending keeps a module valid).
/// </summary>
public static class WasmCustomSections
{
    public static List<KeyValuePair<string, ReadOnlyMemory<byte>>> Read(byte[] module)
    {
        var result = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>();
        int position = 8;
        while (position < module.Length)
        {
            byte id = module[position++];
            int size = checked((int)VarInt.Read(module.AsSpan(position), out int sizeLength));
            position += sizeLength;
            if (id == 0)
            {
                int nameLength = checked((int)VarInt.Read(module.AsSpan(position), out int nameLengthLength));
                string name = System.Text.Encoding.UTF8.GetString(module, position + nameLengthLength, nameLength);
                int payloadStart = position + nameLengthLength + nameLength;
                result.Add(new(name, module.AsMemory(payloadStart, position + size - payloadStart)));
            }

            position += size;
        }

        return result;
    }

    public static byte[] Payload(byte[] module, string name) =>
        Read(module).Single(s => s.Key == name).Value.ToArray();

    public static byte[] Append(byte[] module, string name, ReadOnlySpan<byte> payload)
    {
        byte[] nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        byte[] nameLength = VarInt.Encode((ulong)nameBytes.Length);
        int contentLength = nameLength.Length + nameBytes.Length + payload.Length;
        byte[] size = VarInt.Encode((ulong)contentLength);
        return [.. module, 0, .. size, .. nameLength, .. nameBytes, .. payload];
    }
}
