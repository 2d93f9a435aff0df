// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>
/// The decoded <c>interface-types</c> custom section of a Marine module: IT version, type list (functions and
/// records), imports, adapters, exports and implementations, exactly as encoded.
/// </summary>
public sealed class InterfaceTypesSection
{
    /// <summary>The custom section's name in a Wasm module.</summary>
    public const string SectionName = "interface-types";

    public InterfaceTypesSection(
        string? version,
        IReadOnlyList<InterfaceTypeDefinition> types,
        IReadOnlyList<InterfaceImport> imports,
        IReadOnlyList<Adapter> adapters,
        IReadOnlyList<InterfaceExport> exports,
        IReadOnlyList<InterfaceImplementation> implementations)
    {
        Version = version;
        Types = types;
        Imports = imports;
        Adapters = adapters;
        Exports = exports;
        Implementations = implementations;
    }

    /// <summary>The IT crate version the section was produced with (Marine requires at least 0.20.0).</summary>
    public string? Version { get; }

    public IReadOnlyList<InterfaceTypeDefinition> Types { get; }

    public IReadOnlyList<InterfaceImport> Imports { get; }

    public IReadOnlyList<Adapter> Adapters { get; }

    public IReadOnlyList<InterfaceExport> Exports { get; }

    public IReadOnlyList<InterfaceImplementation> Implementations { get; }

    /// <summary>Decodes a section payload (the bytes after the custom section's name).</summary>
    /// <exception cref="InterfaceTypesFormatException">The payload is malformed (with its byte offset).</exception>
    public static InterfaceTypesSection Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new InterfaceTypesReader(payload);
        string? version = null;
        var types = new List<InterfaceTypeDefinition>();
        var imports = new List<InterfaceImport>();
        var adapters = new List<Adapter>();
        var exports = new List<InterfaceExport>();
        var implementations = new List<InterfaceImplementation>();
        while (!reader.End)
        {
            int kindOffset = reader.Position;
            byte kind = reader.ReadByte();
            switch ((InterfaceKind)kind)
            {
                case InterfaceKind.Version:
                    string newVersion = reader.ReadName("version string");
                    if (version is not null && version != newVersion)
                    {
                        throw InterfaceTypesReader.Error(kindOffset, $"second, different version '{newVersion}' after '{version}'");
                    }

                    version = newVersion;
                    break;
                case InterfaceKind.Type:
                    ReadTypes(ref reader, types);
                    break;
                case InterfaceKind.Import:
                    int importCount = reader.ReadCount("import");
                    for (int i = 0; i < importCount; i++)
                    {
                        string ns = reader.ReadName("import namespace");
                        string name = reader.ReadName("import name");
                        imports.Add(new InterfaceImport(ns, name, reader.ReadUleb()));
                    }

                    break;
                case InterfaceKind.Adapter:
                    int adapterCount = reader.ReadCount("adapter");
                    for (int i = 0; i < adapterCount; i++)
                    {
                        ulong functionType = reader.ReadUleb();
                        adapters.Add(new Adapter(functionType, ReadInstructions(ref reader)));
                    }

                    break;
                case InterfaceKind.Export:
                    int exportCount = reader.ReadCount("export");
                    for (int i = 0; i < exportCount; i++)
                    {
                        string name = reader.ReadName("export name");
                        exports.Add(new InterfaceExport(name, reader.ReadUleb()));
                    }

                    break;
                case InterfaceKind.Implementation:
                    int implementationCount = reader.ReadCount("implementation");
                    for (int i = 0; i < implementationCount; i++)
                    {
                        ulong core = reader.ReadUleb();
                        implementations.Add(new InterfaceImplementation(core, reader.ReadUleb()));
                    }

                    break;
                default:
                    throw InterfaceTypesReader.Error(kindOffset, $"unknown interface kind 0x{kind:x2}");
            }
        }

        return new InterfaceTypesSection(version, types, imports, adapters, exports, implementations);
    }

    /// <summary>Encodes the section payload in the same binary form <see cref="Parse"/> reads.</summary>
    public byte[] Encode() => InterfaceTypesWriter.Write(this);

    private static void ReadTypes(ref InterfaceTypesReader reader, List<InterfaceTypeDefinition> types)
    {
        int count = reader.ReadCount("type");
        for (int i = 0; i < count; i++)
        {
            int kindOffset = reader.Position;
            byte kind = reader.ReadByte();
            switch (kind)
            {
                case 0x00:
                    int argumentCount = reader.ReadShortCount("function argument");
                    var arguments = new NamedType[argumentCount];
                    for (int a = 0; a < argumentCount; a++)
                    {
                        string name = reader.ReadName("argument name");
                        arguments[a] = new NamedType(name, reader.ReadType());
                    }

                    int outputCount = reader.ReadShortCount("function output");
                    var outputs = new IType[outputCount];
                    for (int o = 0; o < outputCount; o++)
                    {
                        outputs[o] = reader.ReadType();
                    }

                    types.Add(new FunctionTypeDefinition(arguments, outputs));
                    break;
                case 0x01:
                    string recordName = reader.ReadName("record name");
                    int fieldsOffset = reader.Position;
                    int fieldCount = reader.ReadShortCount("record field");
                    if (fieldCount == 0)
                    {
                        throw InterfaceTypesReader.Error(fieldsOffset, $"record '{recordName}' has no fields");
                    }

                    var fields = new NamedType[fieldCount];
                    for (int f = 0; f < fieldCount; f++)
                    {
                        string name = reader.ReadName("field name");
                        fields[f] = new NamedType(name, reader.ReadType());
                    }

                    types.Add(new RecordTypeDefinition(recordName, fields));
                    break;
                default:
                    throw InterfaceTypesReader.Error(kindOffset, $"unknown type kind 0x{kind:x2} (expected 0x00 function or 0x01 record)");
            }
        }
    }

    private static AdapterInstruction[] ReadInstructions(ref InterfaceTypesReader reader)
    {
        int count = reader.ReadShortCount("adapter instruction");
        var instructions = new AdapterInstruction[count];
        for (int i = 0; i < count; i++)
        {
            int offset = reader.Position;
            byte code = reader.ReadByte();
            var opcode = (AdapterOpcode)code;
            if (!Enum.IsDefined(opcode))
            {
                throw InterfaceTypesReader.Error(offset, $"unknown adapter instruction opcode 0x{code:x2}");
            }

            if (AdapterInstruction.HasTypeImmediate(opcode))
            {
                instructions[i] = new AdapterInstruction(opcode, ValueType: reader.ReadType());
            }
            else if (AdapterInstruction.HasImmediate(opcode))
            {
                instructions[i] = new AdapterInstruction(opcode, reader.ReadUleb());
            }
            else
            {
                instructions[i] = new AdapterInstruction(opcode);
            }
        }

        return instructions;
    }
}
