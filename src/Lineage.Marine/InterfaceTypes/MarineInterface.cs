// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Marine.InterfaceTypes;

/// <summary>
/// The validated, resolved interface of a Marine module: exported functions with their signatures, the record
/// types they use, and imported functions, built from an <see cref="InterfaceTypesSection"/>.
/// </summary>
public sealed class MarineInterface
{
    /// <summary>Exports every SDK-built module has; they are ABI plumbing, not part of the service interface.</summary>
    public static readonly IReadOnlySet<string> AbiExports = new HashSet<string>(StringComparer.Ordinal)
    {
        "allocate", "release_objects", "get_result_size", "get_result_ptr", "set_result_size", "set_result_ptr",
    };

    private static readonly Version s_minimumItVersion = new(0, 20, 0);

    private readonly Dictionary<string, MarineFunctionSignature> _functionsByName;

    private MarineInterface(
        InterfaceTypesSection section,
        IReadOnlyList<MarineFunctionSignature> functions,
        IReadOnlyList<MarineFunctionSignature> imports,
        IReadOnlyDictionary<ulong, RecordTypeDefinition> records,
        IReadOnlyList<ulong> exportedRecordIds)
    {
        Section = section;
        Functions = functions;
        Imports = imports;
        Records = records;
        ExportedRecordIds = exportedRecordIds;
        _functionsByName = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    public InterfaceTypesSection Section { get; }

    /// <summary>Exported service functions (ABI plumbing excluded), in export order.</summary>
    public IReadOnlyList<MarineFunctionSignature> Functions { get; }

    /// <summary>Imported functions (<c>namespace</c> is stored in the name as <c>ns.name</c>).</summary>
    public IReadOnlyList<MarineFunctionSignature> Imports { get; }

    /// <summary>Every record type of the section by type id.</summary>
    public IReadOnlyDictionary<ulong, RecordTypeDefinition> Records { get; }

    /// <summary>Ids of the records reachable from exported functions, ascending.</summary>
    public IReadOnlyList<ulong> ExportedRecordIds { get; }

    public static MarineInterface FromSection(InterfaceTypesSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        CheckVersion(section.Version);
        var records = new Dictionary<ulong, RecordTypeDefinition>();
        for (int i = 0; i < section.Types.Count; i++)
        {
            if (section.Types[i] is RecordTypeDefinition record)
            {
                records[(ulong)i] = record;
            }
        }

        foreach ((ulong id, RecordTypeDefinition record) in records)
        {
            foreach (NamedType field in record.Fields)
            {
                CheckType(field.Type, records, $"record '{record.Name}' field '{field.Name}'");
            }
        }

        CheckNoRecursiveRecords(records);

        var functions = new List<MarineFunctionSignature>();
        var exportedRecords = new SortedSet<ulong>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (InterfaceExport export in section.Exports)
        {
            if (!seen.Add(export.Name))
            {
                throw new InterfaceTypesFormatException($"function '{export.Name}' is exported twice");
            }

            FunctionTypeDefinition type = FunctionType(section, export.FunctionType, $"export '{export.Name}'");
            if (AbiExports.Contains(export.Name))
            {
                continue;
            }

            MarineFunctionSignature signature = Signature(export.Name, type, records);
            functions.Add(signature);
            foreach (IType t in signature.Arguments.Select(a => a.Type).Concat(signature.Outputs))
            {
                CollectRecords(t, records, exportedRecords);
            }
        }

        var imports = new List<MarineFunctionSignature>();
        foreach (InterfaceImport import in section.Imports)
        {
            string name = import.Namespace + "." + import.Name;
            imports.Add(Signature(name, FunctionType(section, import.FunctionType, $"import '{name}'"), records));
        }

        return new MarineInterface(section, functions, imports, records, [.. exportedRecords]);
    }

    /// <summary>Parses a section payload and resolves it.</summary>
    public static MarineInterface Parse(ReadOnlySpan<byte> payload) => FromSection(InterfaceTypesSection.Parse(payload));

    public bool TryGetFunction(string name, out MarineFunctionSignature signature) =>
        _functionsByName.TryGetValue(name, out signature!);

    public RecordTypeDefinition Record(ulong id) => Records.TryGetValue(id, out RecordTypeDefinition? record)
        ? record
        : throw new InterfaceTypesFormatException($"record type {id} is not defined");

    /// <summary>Marine's text form of a type: records by name, arrays as <c>[]T</c>.</summary>
    public string TypeName(IType type) => type.Code switch
    {
        ITypeCode.Record => Record(type.RecordTypeId).Name,
        ITypeCode.Array => "[]" + TypeName(type.Element!),
        _ => IType.PrimitiveName(type.Code),
    };

    private static void CheckVersion(string? version)
    {
        if (version is null)
        {
            throw new InterfaceTypesFormatException("the section has no IT version");
        }

        string core = version.Split('-', '+')[0];
        if (!System.Version.TryParse(core, out Version? parsed))
        {
            throw new InterfaceTypesFormatException($"IT version '{version}' is not a semantic version");
        }

        if (parsed < s_minimumItVersion)
        {
            throw new InterfaceTypesFormatException($"IT version {version} is older than the minimum {s_minimumItVersion} Marine supports");
        }
    }

    private static FunctionTypeDefinition FunctionType(InterfaceTypesSection section, ulong index, string what)
    {
        if (index >= (ulong)section.Types.Count)
        {
            throw new InterfaceTypesFormatException($"{what} refers to type {index}, but only {section.Types.Count} types exist");
        }

        return section.Types[(int)index] as FunctionTypeDefinition
            ?? throw new InterfaceTypesFormatException($"{what} refers to type {index}, which is a record, not a function");
    }

    private static MarineFunctionSignature Signature(string name, FunctionTypeDefinition type, Dictionary<ulong, RecordTypeDefinition> records)
    {
        foreach (NamedType argument in type.Arguments)
        {
            CheckType(argument.Type, records, $"function '{name}' argument '{argument.Name}'");
        }

        foreach (IType output in type.Outputs)
        {
            CheckType(output, records, $"function '{name}' output");
        }

        if (type.Outputs.Count > 1)
        {
            throw new InterfaceTypesFormatException($"function '{name}' has {type.Outputs.Count} outputs; Marine supports at most one");
        }

        return new MarineFunctionSignature(name, type.Arguments, type.Outputs);
    }

    private static void CheckType(IType type, Dictionary<ulong, RecordTypeDefinition> records, string where)
    {
        IType t = type;
        while (t.Code == ITypeCode.Array)
        {
            t = t.Element!;
        }

        if (t.Code == ITypeCode.Record && !records.ContainsKey(t.RecordTypeId))
        {
            throw new InterfaceTypesFormatException($"{where} refers to record type {t.RecordTypeId}, which is not a record");
        }
    }

    private static void CollectRecords(IType type, Dictionary<ulong, RecordTypeDefinition> records, SortedSet<ulong> into)
    {
        IType t = type;
        while (t.Code == ITypeCode.Array)
        {
            t = t.Element!;
        }

        if (t.Code == ITypeCode.Record && into.Add(t.RecordTypeId))
        {
            foreach (NamedType field in records[t.RecordTypeId].Fields)
            {
                CollectRecords(field.Type, records, into);
            }
        }
    }

    private static void CheckNoRecursiveRecords(Dictionary<ulong, RecordTypeDefinition> records)
    {
        // 0 = unvisited, 1 = on the current path, 2 = done. A record that contains itself (directly or through
        // arrays) could never be lowered: Marine refuses such sections too.
        var state = new Dictionary<ulong, int>();
        foreach (ulong id in records.Keys)
        {
            Visit(id);
        }

        void Visit(ulong id)
        {
            state.TryGetValue(id, out int s);
            if (s == 2)
            {
                return;
            }

            if (s == 1)
            {
                throw new InterfaceTypesFormatException($"record '{records[id].Name}' contains itself");
            }

            state[id] = 1;
            foreach (NamedType field in records[id].Fields)
            {
                IType t = field.Type;
                while (t.Code == ITypeCode.Array)
                {
                    t = t.Element!;
                }

                if (t.Code == ITypeCode.Record)
                {
                    Visit(t.RecordTypeId);
                }
            }

            state[id] = 2;
        }
    }
}
