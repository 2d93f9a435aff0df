// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Core.Multiformats;

namespace Lineage.Peer.Services;

/// <summary>
/// A blueprint: a name and the modules of a service in load order, the last one being the facade (nox
/// <c>service-modules/blueprint.rs</c>). Its id is the <see cref="ModuleCid"/> of the DAG-JSON encoding of
/// <c>{"dependencies":[{"/":cid}…],"name":…}</c> (keys in DAG-JSON's sorted order), so equal blueprints get equal
/// ids on every node.
/// </summary>
public sealed record Blueprint(string Id, string Name, IReadOnlyList<string> Dependencies)
{
    public const int MaxNameLength = 1024;

    /// <summary>The facade module's CID: the last dependency.</summary>
    public string Facade => Dependencies[^1];

    /// <summary>Builds a blueprint with its id; dependencies are CIDs (any accepted string form).</summary>
    /// <exception cref="ServiceException">The name or a dependency is invalid.</exception>
    public static Blueprint Create(string name, IEnumerable<string> dependencies)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dependencies);
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ServiceException($"a blueprint name must have 1..{MaxNameLength} characters");
        }

        List<string> canonical = [.. dependencies.Select(CanonicalCid)];
        if (canonical.Count == 0)
        {
            throw new ServiceException($"blueprint '{name}' has no dependencies: it needs at least its facade module");
        }

        string id = ModuleCid.Compute(Encoding.UTF8.GetBytes(ToDagJson(name, canonical))).ToString();
        return new Blueprint(id, name, canonical);
    }

    /// <summary>The DAG-JSON text <c>dist.make_blueprint</c> returns and <c>dist.add_blueprint</c> takes.</summary>
    public static string ToDagJson(string name, IReadOnlyList<string> dependencies)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dependencies);
        var text = new StringBuilder("{\"dependencies\":[");
        for (int i = 0; i < dependencies.Count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("{\"/\":");
            AppendString(text, dependencies[i]);
            text.Append('}');
        }

        text.Append("],\"name\":");
        AppendString(text, name);
        return text.Append('}').ToString();
    }

    /// <summary>Reads the DAG-JSON of <see cref="ToDagJson"/> (any key order, any whitespace) into a blueprint.</summary>
    /// <exception cref="ServiceException">The text is not such a blueprint.</exception>
    public static Blueprint ParseDagJson(string dagJson)
    {
        ArgumentNullException.ThrowIfNull(dagJson);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(dagJson, documentOptions: new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new ServiceException($"Error deserializing blueprint from IPLD: {e.Message}");
        }

        if (node is not JsonObject root)
        {
            throw new ServiceException("Error deserializing blueprint from IPLD: not a map");
        }

        if (root["name"] is not JsonValue nameValue || nameValue.GetValueKind() != JsonValueKind.String)
        {
            throw new ServiceException("Error deserializing blueprint from IPLD: name field is missing or not a string");
        }

        if (root["dependencies"] is not JsonArray links)
        {
            throw new ServiceException("Error deserializing blueprint from IPLD: dependencies field is missing or not a list");
        }

        var dependencies = new List<string>(links.Count);
        foreach (JsonNode? link in links)
        {
            if (link is not JsonObject { Count: 1 } map || map["/"] is not JsonValue cid || cid.GetValueKind() != JsonValueKind.String)
            {
                throw new ServiceException("Error deserializing blueprint from IPLD: dependency is not a link");
            }

            dependencies.Add(cid.GetValue<string>());
        }

        return Create(nameValue.GetValue<string>(), dependencies);
    }

    /// <summary>aqua-lib's <c>Blueprint{id, name, dependencies}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["dependencies"] = new JsonArray([.. Dependencies.Select(d => (JsonNode?)JsonValue.Create(d))]),
    };

    /// <summary>Parses a CID and returns its canonical text (CIDv1 base32; CIDv0 stays base58).</summary>
    public static string CanonicalCid(string text) =>
        Cid.TryParse(text, out Cid? cid, out string? error) ? cid.ToString() : throw new ServiceException($"'{text}' is not a CID: {error}");

    // serde_json's escaping (what nox's DAG-JSON codec writes): only '"', '\\' and control characters.
    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
    }
}
