// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lineage.Core.Tests.DagJson;

/// <summary>DAG-JSON documents for codec tests: fixed edge cases plus seeded random trees.</summary>
internal static class JsonCorpus
{
    public const string LinkA = "bafyreib36ovydhrcw66oaqlez56eg5viarz3rdeyaa7h7tnyfkoqv4zb2a";
    public const string LinkRaw = "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq";

    public static readonly string[] Fixed =
    [
        """{"name":"nft","n":1,"tags":["a","b"]}""",
        """{"content":"CollaBeat Remix","previous":{"/":"bafyreib36ovydhrcw66oaqlez56eg5viarz3rdeyaa7h7tnyfkoqv4zb2a"},"timestamp":1700000060123}""",
        """{"unicode":"日本語 ✓ é ü","emoji":"😀🎵","escaped":"quote \" backslash \\ nl \n tab \t nul \u0000","ключ":"значение","ä":1,"a":2,"aa":3,"b":4}""",
        """{"nested":{"deeper":{"deepest":[1,[2,[3,[4,{"x":null}]]]]}},"empty_obj":{},"empty_arr":[]}""",
        """{"ints":[0,1,23,24,255,256,65535,65536,4294967295,4294967296,-1,-24,-25,-256,-257,-65536,-65537,9007199254740991,-9007199254740991]}""",
        """{"big":[1152921504606846976,-1152921504606846976,9223372036854775807,-9223372036854775808,18446744073709551615]}""",
        """{"floats":[1.5,-0.25,3.141592653589793,1e-7,-2.5e-10,123.456,0.1]}""",
        """{"bools":[true,false],"nulls":[null,null]}""",
        """{"links":[{"/":"bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq"},{"/":"bafyreice7o5britxbsg65hl5ijiabsdpkyu2ei42vbcmuvcoj6avjfkvum"}]}""",
        """{"bytes":{"/":{"bytes":"AQIDBA"}},"empty_bytes":{"/":{"bytes":""}}}""",
        """{"injection":"'; DROP TABLE metadatas; -- $(rm -rf /) `id` \\"}""",
        """["top","level","array",1,2.5,null]""",
        "\"just a string\"",
        "42",
        "-7",
        "null",
        "true",
    ];

    /// <summary>A random JSON tree; floats are never integral (JS cannot tell 1.0 from 1).</summary>
    public static string Random(int seed)
    {
        var random = new Random(seed);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteValue(writer, random, depth: 0);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static readonly string[] s_words = ["a", "b", "name", "content", "é", "日本", "😀", "x y", "'", "--", ";", "$(x)", "\"", "\\", "\n", "aa", "ab", "ba"];

    private static void WriteValue(Utf8JsonWriter writer, Random random, int depth)
    {
        int kind = random.Next(depth >= 4 ? 6 : 8);
        switch (kind)
        {
            case 0:
                writer.WriteNullValue();
                break;
            case 1:
                writer.WriteBooleanValue(random.Next(2) == 0);
                break;
            case 2:
                writer.WriteNumberValue(random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64));
                break;
            case 3:
                double fraction = (random.Next(1, 1024) | 1) / 1024.0;
                writer.WriteRawValue((random.Next(-100000, 100000) + fraction).ToString("R", CultureInfo.InvariantCulture));
                break;
            case 4:
            case 5:
                writer.WriteStringValue(Word(random));
                break;
            case 6:
                writer.WriteStartArray();
                for (int i = random.Next(5); i > 0; i--)
                {
                    WriteValue(writer, random, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                var used = new HashSet<string>(StringComparer.Ordinal);
                for (int i = random.Next(6); i > 0; i--)
                {
                    string key = Word(random);
                    if (key == "/" || !used.Add(key))
                    {
                        continue;
                    }

                    writer.WritePropertyName(key);
                    WriteValue(writer, random, depth + 1);
                }

                writer.WriteEndObject();
                break;
        }
    }

    private static string Word(Random random)
    {
        var text = new StringBuilder();
        for (int i = random.Next(1, 4); i > 0; i--)
        {
            text.Append(s_words[random.Next(s_words.Length)]);
        }

        return text.ToString();
    }
}
