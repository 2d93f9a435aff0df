// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Text;
using Lineage.Core.Multiformats;

namespace Lineage.Marine.InterfaceTypes;

/// <summary>Encodes an <see cref="InterfaceTypesSection"/> in the binary form Marine reads.</summary>
internal static class InterfaceTypesWriter
{
    public static byte[] Write(InterfaceTypesSection section)
    {
        var output = new ArrayBufferWriter<byte>(256);
        if (section.Version is not null)
        {
            WriteByte(output, (byte)InterfaceKind.Version);
            WriteName(output, section.Version);
        }

        if (section.Types.Count > 0)
        {
            WriteByte(output, (byte)InterfaceKind.Type);
            WriteUleb(output, (ulong)section.Types.Count);
            foreach (InterfaceTypeDefinition type in section.Types)
            {
                WriteTypeDefinition(output, type);
            }
        }

        if (section.Imports.Count > 0)
        {
            WriteByte(output, (byte)InterfaceKind.Import);
            WriteUleb(output, (ulong)section.Imports.Count);
            foreach (InterfaceImport import in section.Imports)
            {
                WriteName(output, import.Namespace);
                WriteName(output, import.Name);
                WriteUleb(output, import.FunctionType);
            }
        }

        if (section.Adapters.Count > 0)
        {
            WriteByte(output, (byte)InterfaceKind.Adapter);
            WriteUleb(output, (ulong)section.Adapters.Count);
            foreach (Adapter adapter in section.Adapters)
            {
                WriteUleb(output, adapter.FunctionType);
                WriteShortCount(output, adapter.Instructions.Count, "adapter instructions");
                foreach (AdapterInstruction instruction in adapter.Instructions)
                {
                    WriteByte(output, (byte)instruction.Opcode);
                    if (AdapterInstruction.HasTypeImmediate(instruction.Opcode))
                    {
                        WriteType(output, instruction.ValueType
                            ?? throw new ArgumentException($"{instruction.Opcode} needs a value type"));
                    }
                    else if (AdapterInstruction.HasImmediate(instruction.Opcode))
                    {
                        WriteUleb(output, instruction.Immediate);
                    }
                }
            }
        }

        if (section.Exports.Count > 0)
        {
            WriteByte(output, (byte)InterfaceKind.Export);
            WriteUleb(output, (ulong)section.Exports.Count);
            foreach (InterfaceExport export in section.Exports)
            {
                WriteName(output, export.Name);
                WriteUleb(output, export.FunctionType);
            }
        }

        if (section.Implementations.Count > 0)
        {
            WriteByte(output, (byte)InterfaceKind.Implementation);
            WriteUleb(output, (ulong)section.Implementations.Count);
            foreach (InterfaceImplementation implementation in section.Implementations)
            {
                WriteUleb(output, implementation.CoreFunctionType);
                WriteUleb(output, implementation.AdapterFunctionType);
            }
        }

        return output.WrittenSpan.ToArray();
    }

    public static void WriteType(IBufferWriter<byte> output, IType type)
    {
        WriteByte(output, (byte)type.Code);
        if (type.Code == ITypeCode.Record)
        {
            WriteUleb(output, type.RecordTypeId);
        }
        else if (type.Code == ITypeCode.Array)
        {
            WriteType(output, type.Element!);
        }
    }

    private static void WriteTypeDefinition(IBufferWriter<byte> output, InterfaceTypeDefinition definition)
    {
        switch (definition)
        {
            case FunctionTypeDefinition function:
                WriteByte(output, 0x00);
                WriteShortCount(output, function.Arguments.Count, "function arguments");
                foreach (NamedType argument in function.Arguments)
                {
                    WriteName(output, argument.Name);
                    WriteType(output, argument.Type);
                }

                WriteShortCount(output, function.Outputs.Count, "function outputs");
                foreach (IType outputType in function.Outputs)
                {
                    WriteType(output, outputType);
                }

                break;
            case RecordTypeDefinition record:
                WriteByte(output, 0x01);
                WriteName(output, record.Name);
                WriteShortCount(output, record.Fields.Count, "record fields");
                foreach (NamedType field in record.Fields)
                {
                    WriteName(output, field.Name);
                    WriteType(output, field.Type);
                }

                break;
            default:
                throw new ArgumentException($"unknown type definition {definition.GetType().Name}");
        }
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteShortCount(IBufferWriter<byte> output, int count, string what)
    {
        if (count > byte.MaxValue)
        {
            throw new ArgumentException($"{what}: at most 255 are encodable, got {count}");
        }

        WriteByte(output, (byte)count);
    }

    private static void WriteUleb(IBufferWriter<byte> output, ulong value)
    {
        if (value > long.MaxValue)
        {
            // wasmer-it reads at most 9 LEB128 bytes (63 bits); a larger value would not decode.
            throw new ArgumentOutOfRangeException(nameof(value), value, "interface-types integers are limited to 63 bits");
        }

        int written = VarInt.Write(value, output.GetSpan(10));
        output.Advance(written);
    }

    private static void WriteName(IBufferWriter<byte> output, string name)
    {
        int length = Encoding.UTF8.GetByteCount(name);
        if (length > byte.MaxValue)
        {
            throw new ArgumentException($"name '{name}' is {length} bytes; at most 255 are encodable");
        }

        WriteByte(output, (byte)length);
        Span<byte> span = output.GetSpan(length);
        Encoding.UTF8.GetBytes(name, span);
        output.Advance(length);
    }
}
