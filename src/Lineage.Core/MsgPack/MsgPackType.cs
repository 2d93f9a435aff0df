// SPDX-License-Identifier: Apache-2.0

namespace Lineage.Core.MsgPack;

/// <summary>The family of the next msgpack value, decided by its first byte.</summary>
public enum MsgPackType
{
    Nil,
    Boolean,
    Integral,
    Floating,
    Text,
    Binary,
    Array,
    Map,
    Extension,
}
