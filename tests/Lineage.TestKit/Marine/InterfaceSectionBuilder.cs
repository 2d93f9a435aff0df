// SPDX-License-Identifier: Apache-2.0

using Lineage.Marine.InterfaceTypes;

namespace Lineage.TestKit.Marine;

/// <summary>
/// Emits an <c>interface-types</c> section laid out like Marine's IT generator: the six ABI exports first
/// (types/exports 0..5), then records, then per function an adapter type, a core type, the adapter, the export
/// and the implementation; imports get a type and an import entry.
/// </summary>
public sealed class InterfaceSectionBuilder
{
    private readonly List<InterfaceTypeDefinition> _types = [];
    private readonly List<InterfaceImport> _imports = [];
    private readonly List<Adapter> _adapters = [];
    private readonly List<InterfaceExport> _exports = [];
    private readonly List<InterfaceImplementation> _implementations = [];

    public InterfaceSectionBuilder()
    {
        AddAbiExport("allocate", [new("size", IType.I32)], [IType.I32]);
        AddAbiExport("release_objects", [], []);
        AddAbiExport("get_result_size", [], [IType.I32]);
        AddAbiExport("get_result_ptr", [], [IType.I32]);
        AddAbiExport("set_result_size", [new("result_size", IType.I32)], []);
        AddAbiExport("set_result_ptr", [new("result_ptr", IType.I32)], []);
    }

    /// <summary>Adds a record and returns its type (by index).</summary>
    public IType Record(string name, params NamedType[] fields)
    {
        _types.Add(new RecordTypeDefinition(name, fields));
        return IType.Record((ulong)(_types.Count - 1));
    }

    public InterfaceSectionBuilder Function(string name, NamedType[] arguments, params IType[] outputs)
    {
        var type = new FunctionTypeDefinition(arguments, outputs);
        _types.Add(type);
        ulong adapterType = (ulong)(_types.Count - 1);
        _types.Add(type);
        ulong coreType = (ulong)(_types.Count - 1);
        var instructions = new List<AdapterInstruction>();
        for (int i = 0; i < arguments.Length; i++)
        {
            instructions.Add(new AdapterInstruction(AdapterOpcode.ArgumentGet, (ulong)i));
            switch (arguments[i].Type.Code)
            {
                case ITypeCode.Utf8String:
                    instructions.Add(new AdapterInstruction(AdapterOpcode.StringSize));
                    instructions.Add(new AdapterInstruction(AdapterOpcode.PushI32, 1));
                    instructions.Add(new AdapterInstruction(AdapterOpcode.CallCore, 0));
                    instructions.Add(new AdapterInstruction(AdapterOpcode.ArgumentGet, (ulong)i));
                    instructions.Add(new AdapterInstruction(AdapterOpcode.StringLowerMemory));
                    break;
                case ITypeCode.ByteArray:
                    instructions.Add(new AdapterInstruction(AdapterOpcode.ArrayLowerMemory, ValueType: IType.U8));
                    break;
                case ITypeCode.Array:
                    instructions.Add(new AdapterInstruction(AdapterOpcode.ArrayLowerMemory, ValueType: arguments[i].Type.Element));
                    break;
                case ITypeCode.Record:
                    instructions.Add(new AdapterInstruction(AdapterOpcode.RecordLowerMemory, arguments[i].Type.RecordTypeId));
                    break;
            }
        }

        instructions.Add(new AdapterInstruction(AdapterOpcode.CallCore, (ulong)_exports.Count));
        if (outputs.Length == 1 && outputs[0].Code is ITypeCode.Utf8String or ITypeCode.ByteArray or ITypeCode.Array or ITypeCode.Record)
        {
            instructions.Add(new AdapterInstruction(AdapterOpcode.CallCore, 3));
            if (outputs[0].Code == ITypeCode.Record)
            {
                instructions.Add(new AdapterInstruction(AdapterOpcode.RecordLiftMemory, outputs[0].RecordTypeId));
            }
            else
            {
                instructions.Add(new AdapterInstruction(AdapterOpcode.CallCore, 2));
                instructions.Add(outputs[0].Code == ITypeCode.Utf8String
                    ? new AdapterInstruction(AdapterOpcode.StringLiftMemory)
                    : new AdapterInstruction(AdapterOpcode.ArrayLiftMemory, ValueType: outputs[0].Element ?? IType.U8));
            }

            instructions.Add(new AdapterInstruction(AdapterOpcode.CallCore, 1));
        }

        _adapters.Add(new Adapter(adapterType, instructions));
        _exports.Add(new InterfaceExport(name, coreType));
        _implementations.Add(new InterfaceImplementation(coreType, adapterType));
        return this;
    }

    public InterfaceSectionBuilder Import(string ns, string name, NamedType[] arguments, params IType[] outputs)
    {
        _types.Add(new FunctionTypeDefinition(arguments, outputs));
        _imports.Add(new InterfaceImport(ns, name, (ulong)(_types.Count - 1)));
        return this;
    }

    public byte[] Build() =>
        new InterfaceTypesSection("0.27.0", _types, _imports, _adapters, _exports, _implementations).Encode();

    private void AddAbiExport(string name, NamedType[] arguments, IType[] outputs)
    {
        _types.Add(new FunctionTypeDefinition(arguments, outputs));
        _exports.Add(new InterfaceExport(name, (ulong)(_types.Count - 1)));
    }
}
