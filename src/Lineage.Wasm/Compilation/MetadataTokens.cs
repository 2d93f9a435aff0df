// SPDX-License-Identifier: Apache-2.0

using System.Reflection;
using System.Reflection.Emit;
using Lineage.Wasm.Model;

namespace Lineage.Wasm.Compilation;

/// <summary>
/// Metadata tokens of a dynamic module, cached. Reflection.Emit resolves a member reference anew on every
/// <c>ILGenerator.Emit(OpCode, MethodInfo)</c> (several microseconds each), which dominated compile time; the
/// compiler emits the cached tokens instead.
/// </summary>
internal sealed class MetadataTokens(ModuleBuilder module)
{
    private readonly Dictionary<MemberInfo, int> _members = [];
    private readonly Dictionary<FunctionType, int> _signatures = [];

    public ModuleBuilder Module { get; } = module;

    public int Method(MethodBase method)
    {
        if (!_members.TryGetValue(method, out var token))
        {
            token = method is ConstructorInfo constructor
                ? Module.GetMethodMetadataToken(constructor)
                : Module.GetMethodMetadataToken((MethodInfo)method);
            _members.Add(method, token);
        }

        return token;
    }

    public int Field(FieldInfo field)
    {
        if (!_members.TryGetValue(field, out var token))
        {
            token = Module.GetFieldMetadataToken(field);
            _members.Add(field, token);
        }

        return token;
    }

    public int Type(Type type)
    {
        if (!_members.TryGetValue(type, out var token))
        {
            token = Module.GetTypeMetadataToken(type);
            _members.Add(type, token);
        }

        return token;
    }

    /// <summary>The stand-alone signature for <c>calli</c> of compiled code of <paramref name="type"/>.</summary>
    public int CallSignature(FunctionType type)
    {
        if (!_signatures.TryGetValue(type, out var token))
        {
            var signature = SignatureHelper.GetMethodSigHelper(Module, CallingConventions.Standard, CodeSignature.ReturnType(type));
            signature.AddArguments(CodeSignature.ParameterTypes(type), null, null);
            token = Module.GetSignatureMetadataToken(signature);
            _signatures.Add(type, token);
        }

        return token;
    }
}
