// SPDX-License-Identifier: Apache-2.0
// Generated from the opcode tables of the WebAssembly 2.0 specification (binary format, §5.4).

namespace Lineage.Wasm.Instructions;

/// <summary>
/// Every WebAssembly 2.0 instruction opcode. Single-byte opcodes keep their byte value; prefixed opcodes are
/// <c>prefix &lt;&lt; 8 | sub-opcode</c> (0xFC: saturating truncation, bulk memory, table ops; 0xFD: SIMD).
/// </summary>
public enum Opcode : ushort
{
    /// <summary><c>unreachable</c></summary>
    Unreachable = 0x0000,
    /// <summary><c>nop</c></summary>
    Nop = 0x0001,
    /// <summary><c>block</c></summary>
    Block = 0x0002,
    /// <summary><c>loop</c></summary>
    Loop = 0x0003,
    /// <summary><c>if</c></summary>
    If = 0x0004,
    /// <summary><c>else</c></summary>
    Else = 0x0005,
    /// <summary><c>end</c></summary>
    End = 0x000B,
    /// <summary><c>br</c></summary>
    Br = 0x000C,
    /// <summary><c>br_if</c></summary>
    BrIf = 0x000D,
    /// <summary><c>br_table</c></summary>
    BrTable = 0x000E,
    /// <summary><c>return</c></summary>
    Return = 0x000F,
    /// <summary><c>call</c></summary>
    Call = 0x0010,
    /// <summary><c>call_indirect</c></summary>
    CallIndirect = 0x0011,
    /// <summary><c>drop</c></summary>
    Drop = 0x001A,
    /// <summary><c>select</c></summary>
    Select = 0x001B,
    /// <summary><c>select_typed</c></summary>
    SelectTyped = 0x001C,
    /// <summary><c>local.get</c></summary>
    LocalGet = 0x0020,
    /// <summary><c>local.set</c></summary>
    LocalSet = 0x0021,
    /// <summary><c>local.tee</c></summary>
    LocalTee = 0x0022,
    /// <summary><c>global.get</c></summary>
    GlobalGet = 0x0023,
    /// <summary><c>global.set</c></summary>
    GlobalSet = 0x0024,
    /// <summary><c>table.get</c></summary>
    TableGet = 0x0025,
    /// <summary><c>table.set</c></summary>
    TableSet = 0x0026,
    /// <summary><c>i32.load</c></summary>
    I32Load = 0x0028,
    /// <summary><c>i64.load</c></summary>
    I64Load = 0x0029,
    /// <summary><c>f32.load</c></summary>
    F32Load = 0x002A,
    /// <summary><c>f64.load</c></summary>
    F64Load = 0x002B,
    /// <summary><c>i32.load8_s</c></summary>
    I32Load8S = 0x002C,
    /// <summary><c>i32.load8_u</c></summary>
    I32Load8U = 0x002D,
    /// <summary><c>i32.load16_s</c></summary>
    I32Load16S = 0x002E,
    /// <summary><c>i32.load16_u</c></summary>
    I32Load16U = 0x002F,
    /// <summary><c>i64.load8_s</c></summary>
    I64Load8S = 0x0030,
    /// <summary><c>i64.load8_u</c></summary>
    I64Load8U = 0x0031,
    /// <summary><c>i64.load16_s</c></summary>
    I64Load16S = 0x0032,
    /// <summary><c>i64.load16_u</c></summary>
    I64Load16U = 0x0033,
    /// <summary><c>i64.load32_s</c></summary>
    I64Load32S = 0x0034,
    /// <summary><c>i64.load32_u</c></summary>
    I64Load32U = 0x0035,
    /// <summary><c>i32.store</c></summary>
    I32Store = 0x0036,
    /// <summary><c>i64.store</c></summary>
    I64Store = 0x0037,
    /// <summary><c>f32.store</c></summary>
    F32Store = 0x0038,
    /// <summary><c>f64.store</c></summary>
    F64Store = 0x0039,
    /// <summary><c>i32.store8</c></summary>
    I32Store8 = 0x003A,
    /// <summary><c>i32.store16</c></summary>
    I32Store16 = 0x003B,
    /// <summary><c>i64.store8</c></summary>
    I64Store8 = 0x003C,
    /// <summary><c>i64.store16</c></summary>
    I64Store16 = 0x003D,
    /// <summary><c>i64.store32</c></summary>
    I64Store32 = 0x003E,
    /// <summary><c>memory.size</c></summary>
    MemorySize = 0x003F,
    /// <summary><c>memory.grow</c></summary>
    MemoryGrow = 0x0040,
    /// <summary><c>i32.const</c></summary>
    I32Const = 0x0041,
    /// <summary><c>i64.const</c></summary>
    I64Const = 0x0042,
    /// <summary><c>f32.const</c></summary>
    F32Const = 0x0043,
    /// <summary><c>f64.const</c></summary>
    F64Const = 0x0044,
    /// <summary><c>i32.eqz</c></summary>
    I32Eqz = 0x0045,
    /// <summary><c>i32.eq</c></summary>
    I32Eq = 0x0046,
    /// <summary><c>i32.ne</c></summary>
    I32Ne = 0x0047,
    /// <summary><c>i32.lt_s</c></summary>
    I32LtS = 0x0048,
    /// <summary><c>i32.lt_u</c></summary>
    I32LtU = 0x0049,
    /// <summary><c>i32.gt_s</c></summary>
    I32GtS = 0x004A,
    /// <summary><c>i32.gt_u</c></summary>
    I32GtU = 0x004B,
    /// <summary><c>i32.le_s</c></summary>
    I32LeS = 0x004C,
    /// <summary><c>i32.le_u</c></summary>
    I32LeU = 0x004D,
    /// <summary><c>i32.ge_s</c></summary>
    I32GeS = 0x004E,
    /// <summary><c>i32.ge_u</c></summary>
    I32GeU = 0x004F,
    /// <summary><c>i64.eqz</c></summary>
    I64Eqz = 0x0050,
    /// <summary><c>i64.eq</c></summary>
    I64Eq = 0x0051,
    /// <summary><c>i64.ne</c></summary>
    I64Ne = 0x0052,
    /// <summary><c>i64.lt_s</c></summary>
    I64LtS = 0x0053,
    /// <summary><c>i64.lt_u</c></summary>
    I64LtU = 0x0054,
    /// <summary><c>i64.gt_s</c></summary>
    I64GtS = 0x0055,
    /// <summary><c>i64.gt_u</c></summary>
    I64GtU = 0x0056,
    /// <summary><c>i64.le_s</c></summary>
    I64LeS = 0x0057,
    /// <summary><c>i64.le_u</c></summary>
    I64LeU = 0x0058,
    /// <summary><c>i64.ge_s</c></summary>
    I64GeS = 0x0059,
    /// <summary><c>i64.ge_u</c></summary>
    I64GeU = 0x005A,
    /// <summary><c>f32.eq</c></summary>
    F32Eq = 0x005B,
    /// <summary><c>f32.ne</c></summary>
    F32Ne = 0x005C,
    /// <summary><c>f32.lt</c></summary>
    F32Lt = 0x005D,
    /// <summary><c>f32.gt</c></summary>
    F32Gt = 0x005E,
    /// <summary><c>f32.le</c></summary>
    F32Le = 0x005F,
    /// <summary><c>f32.ge</c></summary>
    F32Ge = 0x0060,
    /// <summary><c>f64.eq</c></summary>
    F64Eq = 0x0061,
    /// <summary><c>f64.ne</c></summary>
    F64Ne = 0x0062,
    /// <summary><c>f64.lt</c></summary>
    F64Lt = 0x0063,
    /// <summary><c>f64.gt</c></summary>
    F64Gt = 0x0064,
    /// <summary><c>f64.le</c></summary>
    F64Le = 0x0065,
    /// <summary><c>f64.ge</c></summary>
    F64Ge = 0x0066,
    /// <summary><c>i32.clz</c></summary>
    I32Clz = 0x0067,
    /// <summary><c>i32.ctz</c></summary>
    I32Ctz = 0x0068,
    /// <summary><c>i32.popcnt</c></summary>
    I32Popcnt = 0x0069,
    /// <summary><c>i32.add</c></summary>
    I32Add = 0x006A,
    /// <summary><c>i32.sub</c></summary>
    I32Sub = 0x006B,
    /// <summary><c>i32.mul</c></summary>
    I32Mul = 0x006C,
    /// <summary><c>i32.div_s</c></summary>
    I32DivS = 0x006D,
    /// <summary><c>i32.div_u</c></summary>
    I32DivU = 0x006E,
    /// <summary><c>i32.rem_s</c></summary>
    I32RemS = 0x006F,
    /// <summary><c>i32.rem_u</c></summary>
    I32RemU = 0x0070,
    /// <summary><c>i32.and</c></summary>
    I32And = 0x0071,
    /// <summary><c>i32.or</c></summary>
    I32Or = 0x0072,
    /// <summary><c>i32.xor</c></summary>
    I32Xor = 0x0073,
    /// <summary><c>i32.shl</c></summary>
    I32Shl = 0x0074,
    /// <summary><c>i32.shr_s</c></summary>
    I32ShrS = 0x0075,
    /// <summary><c>i32.shr_u</c></summary>
    I32ShrU = 0x0076,
    /// <summary><c>i32.rotl</c></summary>
    I32Rotl = 0x0077,
    /// <summary><c>i32.rotr</c></summary>
    I32Rotr = 0x0078,
    /// <summary><c>i64.clz</c></summary>
    I64Clz = 0x0079,
    /// <summary><c>i64.ctz</c></summary>
    I64Ctz = 0x007A,
    /// <summary><c>i64.popcnt</c></summary>
    I64Popcnt = 0x007B,
    /// <summary><c>i64.add</c></summary>
    I64Add = 0x007C,
    /// <summary><c>i64.sub</c></summary>
    I64Sub = 0x007D,
    /// <summary><c>i64.mul</c></summary>
    I64Mul = 0x007E,
    /// <summary><c>i64.div_s</c></summary>
    I64DivS = 0x007F,
    /// <summary><c>i64.div_u</c></summary>
    I64DivU = 0x0080,
    /// <summary><c>i64.rem_s</c></summary>
    I64RemS = 0x0081,
    /// <summary><c>i64.rem_u</c></summary>
    I64RemU = 0x0082,
    /// <summary><c>i64.and</c></summary>
    I64And = 0x0083,
    /// <summary><c>i64.or</c></summary>
    I64Or = 0x0084,
    /// <summary><c>i64.xor</c></summary>
    I64Xor = 0x0085,
    /// <summary><c>i64.shl</c></summary>
    I64Shl = 0x0086,
    /// <summary><c>i64.shr_s</c></summary>
    I64ShrS = 0x0087,
    /// <summary><c>i64.shr_u</c></summary>
    I64ShrU = 0x0088,
    /// <summary><c>i64.rotl</c></summary>
    I64Rotl = 0x0089,
    /// <summary><c>i64.rotr</c></summary>
    I64Rotr = 0x008A,
    /// <summary><c>f32.abs</c></summary>
    F32Abs = 0x008B,
    /// <summary><c>f32.neg</c></summary>
    F32Neg = 0x008C,
    /// <summary><c>f32.ceil</c></summary>
    F32Ceil = 0x008D,
    /// <summary><c>f32.floor</c></summary>
    F32Floor = 0x008E,
    /// <summary><c>f32.trunc</c></summary>
    F32Trunc = 0x008F,
    /// <summary><c>f32.nearest</c></summary>
    F32Nearest = 0x0090,
    /// <summary><c>f32.sqrt</c></summary>
    F32Sqrt = 0x0091,
    /// <summary><c>f32.add</c></summary>
    F32Add = 0x0092,
    /// <summary><c>f32.sub</c></summary>
    F32Sub = 0x0093,
    /// <summary><c>f32.mul</c></summary>
    F32Mul = 0x0094,
    /// <summary><c>f32.div</c></summary>
    F32Div = 0x0095,
    /// <summary><c>f32.min</c></summary>
    F32Min = 0x0096,
    /// <summary><c>f32.max</c></summary>
    F32Max = 0x0097,
    /// <summary><c>f32.copysign</c></summary>
    F32Copysign = 0x0098,
    /// <summary><c>f64.abs</c></summary>
    F64Abs = 0x0099,
    /// <summary><c>f64.neg</c></summary>
    F64Neg = 0x009A,
    /// <summary><c>f64.ceil</c></summary>
    F64Ceil = 0x009B,
    /// <summary><c>f64.floor</c></summary>
    F64Floor = 0x009C,
    /// <summary><c>f64.trunc</c></summary>
    F64Trunc = 0x009D,
    /// <summary><c>f64.nearest</c></summary>
    F64Nearest = 0x009E,
    /// <summary><c>f64.sqrt</c></summary>
    F64Sqrt = 0x009F,
    /// <summary><c>f64.add</c></summary>
    F64Add = 0x00A0,
    /// <summary><c>f64.sub</c></summary>
    F64Sub = 0x00A1,
    /// <summary><c>f64.mul</c></summary>
    F64Mul = 0x00A2,
    /// <summary><c>f64.div</c></summary>
    F64Div = 0x00A3,
    /// <summary><c>f64.min</c></summary>
    F64Min = 0x00A4,
    /// <summary><c>f64.max</c></summary>
    F64Max = 0x00A5,
    /// <summary><c>f64.copysign</c></summary>
    F64Copysign = 0x00A6,
    /// <summary><c>i32.wrap_i64</c></summary>
    I32WrapI64 = 0x00A7,
    /// <summary><c>i32.trunc_f32_s</c></summary>
    I32TruncF32S = 0x00A8,
    /// <summary><c>i32.trunc_f32_u</c></summary>
    I32TruncF32U = 0x00A9,
    /// <summary><c>i32.trunc_f64_s</c></summary>
    I32TruncF64S = 0x00AA,
    /// <summary><c>i32.trunc_f64_u</c></summary>
    I32TruncF64U = 0x00AB,
    /// <summary><c>i64.extend_i32_s</c></summary>
    I64ExtendI32S = 0x00AC,
    /// <summary><c>i64.extend_i32_u</c></summary>
    I64ExtendI32U = 0x00AD,
    /// <summary><c>i64.trunc_f32_s</c></summary>
    I64TruncF32S = 0x00AE,
    /// <summary><c>i64.trunc_f32_u</c></summary>
    I64TruncF32U = 0x00AF,
    /// <summary><c>i64.trunc_f64_s</c></summary>
    I64TruncF64S = 0x00B0,
    /// <summary><c>i64.trunc_f64_u</c></summary>
    I64TruncF64U = 0x00B1,
    /// <summary><c>f32.convert_i32_s</c></summary>
    F32ConvertI32S = 0x00B2,
    /// <summary><c>f32.convert_i32_u</c></summary>
    F32ConvertI32U = 0x00B3,
    /// <summary><c>f32.convert_i64_s</c></summary>
    F32ConvertI64S = 0x00B4,
    /// <summary><c>f32.convert_i64_u</c></summary>
    F32ConvertI64U = 0x00B5,
    /// <summary><c>f32.demote_f64</c></summary>
    F32DemoteF64 = 0x00B6,
    /// <summary><c>f64.convert_i32_s</c></summary>
    F64ConvertI32S = 0x00B7,
    /// <summary><c>f64.convert_i32_u</c></summary>
    F64ConvertI32U = 0x00B8,
    /// <summary><c>f64.convert_i64_s</c></summary>
    F64ConvertI64S = 0x00B9,
    /// <summary><c>f64.convert_i64_u</c></summary>
    F64ConvertI64U = 0x00BA,
    /// <summary><c>f64.promote_f32</c></summary>
    F64PromoteF32 = 0x00BB,
    /// <summary><c>i32.reinterpret_f32</c></summary>
    I32ReinterpretF32 = 0x00BC,
    /// <summary><c>i64.reinterpret_f64</c></summary>
    I64ReinterpretF64 = 0x00BD,
    /// <summary><c>f32.reinterpret_i32</c></summary>
    F32ReinterpretI32 = 0x00BE,
    /// <summary><c>f64.reinterpret_i64</c></summary>
    F64ReinterpretI64 = 0x00BF,
    /// <summary><c>i32.extend8_s</c></summary>
    I32Extend8S = 0x00C0,
    /// <summary><c>i32.extend16_s</c></summary>
    I32Extend16S = 0x00C1,
    /// <summary><c>i64.extend8_s</c></summary>
    I64Extend8S = 0x00C2,
    /// <summary><c>i64.extend16_s</c></summary>
    I64Extend16S = 0x00C3,
    /// <summary><c>i64.extend32_s</c></summary>
    I64Extend32S = 0x00C4,
    /// <summary><c>ref.null</c></summary>
    RefNull = 0x00D0,
    /// <summary><c>ref.is_null</c></summary>
    RefIsNull = 0x00D1,
    /// <summary><c>ref.func</c></summary>
    RefFunc = 0x00D2,
    /// <summary><c>i32.trunc_sat_f32_s</c></summary>
    I32TruncSatF32S = 0xFC00,
    /// <summary><c>i32.trunc_sat_f32_u</c></summary>
    I32TruncSatF32U = 0xFC01,
    /// <summary><c>i32.trunc_sat_f64_s</c></summary>
    I32TruncSatF64S = 0xFC02,
    /// <summary><c>i32.trunc_sat_f64_u</c></summary>
    I32TruncSatF64U = 0xFC03,
    /// <summary><c>i64.trunc_sat_f32_s</c></summary>
    I64TruncSatF32S = 0xFC04,
    /// <summary><c>i64.trunc_sat_f32_u</c></summary>
    I64TruncSatF32U = 0xFC05,
    /// <summary><c>i64.trunc_sat_f64_s</c></summary>
    I64TruncSatF64S = 0xFC06,
    /// <summary><c>i64.trunc_sat_f64_u</c></summary>
    I64TruncSatF64U = 0xFC07,
    /// <summary><c>memory.init</c></summary>
    MemoryInit = 0xFC08,
    /// <summary><c>data.drop</c></summary>
    DataDrop = 0xFC09,
    /// <summary><c>memory.copy</c></summary>
    MemoryCopy = 0xFC0A,
    /// <summary><c>memory.fill</c></summary>
    MemoryFill = 0xFC0B,
    /// <summary><c>table.init</c></summary>
    TableInit = 0xFC0C,
    /// <summary><c>elem.drop</c></summary>
    ElemDrop = 0xFC0D,
    /// <summary><c>table.copy</c></summary>
    TableCopy = 0xFC0E,
    /// <summary><c>table.grow</c></summary>
    TableGrow = 0xFC0F,
    /// <summary><c>table.size</c></summary>
    TableSize = 0xFC10,
    /// <summary><c>table.fill</c></summary>
    TableFill = 0xFC11,
    /// <summary><c>v128.load</c></summary>
    V128Load = 0xFD00,
    /// <summary><c>v128.load8x8_s</c></summary>
    V128Load8x8S = 0xFD01,
    /// <summary><c>v128.load8x8_u</c></summary>
    V128Load8x8U = 0xFD02,
    /// <summary><c>v128.load16x4_s</c></summary>
    V128Load16x4S = 0xFD03,
    /// <summary><c>v128.load16x4_u</c></summary>
    V128Load16x4U = 0xFD04,
    /// <summary><c>v128.load32x2_s</c></summary>
    V128Load32x2S = 0xFD05,
    /// <summary><c>v128.load32x2_u</c></summary>
    V128Load32x2U = 0xFD06,
    /// <summary><c>v128.load8_splat</c></summary>
    V128Load8Splat = 0xFD07,
    /// <summary><c>v128.load16_splat</c></summary>
    V128Load16Splat = 0xFD08,
    /// <summary><c>v128.load32_splat</c></summary>
    V128Load32Splat = 0xFD09,
    /// <summary><c>v128.load64_splat</c></summary>
    V128Load64Splat = 0xFD0A,
    /// <summary><c>v128.store</c></summary>
    V128Store = 0xFD0B,
    /// <summary><c>v128.const</c></summary>
    V128Const = 0xFD0C,
    /// <summary><c>i8x16.shuffle</c></summary>
    I8x16Shuffle = 0xFD0D,
    /// <summary><c>i8x16.swizzle</c></summary>
    I8x16Swizzle = 0xFD0E,
    /// <summary><c>i8x16.splat</c></summary>
    I8x16Splat = 0xFD0F,
    /// <summary><c>i16x8.splat</c></summary>
    I16x8Splat = 0xFD10,
    /// <summary><c>i32x4.splat</c></summary>
    I32x4Splat = 0xFD11,
    /// <summary><c>i64x2.splat</c></summary>
    I64x2Splat = 0xFD12,
    /// <summary><c>f32x4.splat</c></summary>
    F32x4Splat = 0xFD13,
    /// <summary><c>f64x2.splat</c></summary>
    F64x2Splat = 0xFD14,
    /// <summary><c>i8x16.extract_lane_s</c></summary>
    I8x16ExtractLaneS = 0xFD15,
    /// <summary><c>i8x16.extract_lane_u</c></summary>
    I8x16ExtractLaneU = 0xFD16,
    /// <summary><c>i8x16.replace_lane</c></summary>
    I8x16ReplaceLane = 0xFD17,
    /// <summary><c>i16x8.extract_lane_s</c></summary>
    I16x8ExtractLaneS = 0xFD18,
    /// <summary><c>i16x8.extract_lane_u</c></summary>
    I16x8ExtractLaneU = 0xFD19,
    /// <summary><c>i16x8.replace_lane</c></summary>
    I16x8ReplaceLane = 0xFD1A,
    /// <summary><c>i32x4.extract_lane</c></summary>
    I32x4ExtractLane = 0xFD1B,
    /// <summary><c>i32x4.replace_lane</c></summary>
    I32x4ReplaceLane = 0xFD1C,
    /// <summary><c>i64x2.extract_lane</c></summary>
    I64x2ExtractLane = 0xFD1D,
    /// <summary><c>i64x2.replace_lane</c></summary>
    I64x2ReplaceLane = 0xFD1E,
    /// <summary><c>f32x4.extract_lane</c></summary>
    F32x4ExtractLane = 0xFD1F,
    /// <summary><c>f32x4.replace_lane</c></summary>
    F32x4ReplaceLane = 0xFD20,
    /// <summary><c>f64x2.extract_lane</c></summary>
    F64x2ExtractLane = 0xFD21,
    /// <summary><c>f64x2.replace_lane</c></summary>
    F64x2ReplaceLane = 0xFD22,
    /// <summary><c>i8x16.eq</c></summary>
    I8x16Eq = 0xFD23,
    /// <summary><c>i8x16.ne</c></summary>
    I8x16Ne = 0xFD24,
    /// <summary><c>i8x16.lt_s</c></summary>
    I8x16LtS = 0xFD25,
    /// <summary><c>i8x16.lt_u</c></summary>
    I8x16LtU = 0xFD26,
    /// <summary><c>i8x16.gt_s</c></summary>
    I8x16GtS = 0xFD27,
    /// <summary><c>i8x16.gt_u</c></summary>
    I8x16GtU = 0xFD28,
    /// <summary><c>i8x16.le_s</c></summary>
    I8x16LeS = 0xFD29,
    /// <summary><c>i8x16.le_u</c></summary>
    I8x16LeU = 0xFD2A,
    /// <summary><c>i8x16.ge_s</c></summary>
    I8x16GeS = 0xFD2B,
    /// <summary><c>i8x16.ge_u</c></summary>
    I8x16GeU = 0xFD2C,
    /// <summary><c>i16x8.eq</c></summary>
    I16x8Eq = 0xFD2D,
    /// <summary><c>i16x8.ne</c></summary>
    I16x8Ne = 0xFD2E,
    /// <summary><c>i16x8.lt_s</c></summary>
    I16x8LtS = 0xFD2F,
    /// <summary><c>i16x8.lt_u</c></summary>
    I16x8LtU = 0xFD30,
    /// <summary><c>i16x8.gt_s</c></summary>
    I16x8GtS = 0xFD31,
    /// <summary><c>i16x8.gt_u</c></summary>
    I16x8GtU = 0xFD32,
    /// <summary><c>i16x8.le_s</c></summary>
    I16x8LeS = 0xFD33,
    /// <summary><c>i16x8.le_u</c></summary>
    I16x8LeU = 0xFD34,
    /// <summary><c>i16x8.ge_s</c></summary>
    I16x8GeS = 0xFD35,
    /// <summary><c>i16x8.ge_u</c></summary>
    I16x8GeU = 0xFD36,
    /// <summary><c>i32x4.eq</c></summary>
    I32x4Eq = 0xFD37,
    /// <summary><c>i32x4.ne</c></summary>
    I32x4Ne = 0xFD38,
    /// <summary><c>i32x4.lt_s</c></summary>
    I32x4LtS = 0xFD39,
    /// <summary><c>i32x4.lt_u</c></summary>
    I32x4LtU = 0xFD3A,
    /// <summary><c>i32x4.gt_s</c></summary>
    I32x4GtS = 0xFD3B,
    /// <summary><c>i32x4.gt_u</c></summary>
    I32x4GtU = 0xFD3C,
    /// <summary><c>i32x4.le_s</c></summary>
    I32x4LeS = 0xFD3D,
    /// <summary><c>i32x4.le_u</c></summary>
    I32x4LeU = 0xFD3E,
    /// <summary><c>i32x4.ge_s</c></summary>
    I32x4GeS = 0xFD3F,
    /// <summary><c>i32x4.ge_u</c></summary>
    I32x4GeU = 0xFD40,
    /// <summary><c>f32x4.eq</c></summary>
    F32x4Eq = 0xFD41,
    /// <summary><c>f32x4.ne</c></summary>
    F32x4Ne = 0xFD42,
    /// <summary><c>f32x4.lt</c></summary>
    F32x4Lt = 0xFD43,
    /// <summary><c>f32x4.gt</c></summary>
    F32x4Gt = 0xFD44,
    /// <summary><c>f32x4.le</c></summary>
    F32x4Le = 0xFD45,
    /// <summary><c>f32x4.ge</c></summary>
    F32x4Ge = 0xFD46,
    /// <summary><c>f64x2.eq</c></summary>
    F64x2Eq = 0xFD47,
    /// <summary><c>f64x2.ne</c></summary>
    F64x2Ne = 0xFD48,
    /// <summary><c>f64x2.lt</c></summary>
    F64x2Lt = 0xFD49,
    /// <summary><c>f64x2.gt</c></summary>
    F64x2Gt = 0xFD4A,
    /// <summary><c>f64x2.le</c></summary>
    F64x2Le = 0xFD4B,
    /// <summary><c>f64x2.ge</c></summary>
    F64x2Ge = 0xFD4C,
    /// <summary><c>v128.not</c></summary>
    V128Not = 0xFD4D,
    /// <summary><c>v128.and</c></summary>
    V128And = 0xFD4E,
    /// <summary><c>v128.andnot</c></summary>
    V128Andnot = 0xFD4F,
    /// <summary><c>v128.or</c></summary>
    V128Or = 0xFD50,
    /// <summary><c>v128.xor</c></summary>
    V128Xor = 0xFD51,
    /// <summary><c>v128.bitselect</c></summary>
    V128Bitselect = 0xFD52,
    /// <summary><c>v128.any_true</c></summary>
    V128AnyTrue = 0xFD53,
    /// <summary><c>v128.load8_lane</c></summary>
    V128Load8Lane = 0xFD54,
    /// <summary><c>v128.load16_lane</c></summary>
    V128Load16Lane = 0xFD55,
    /// <summary><c>v128.load32_lane</c></summary>
    V128Load32Lane = 0xFD56,
    /// <summary><c>v128.load64_lane</c></summary>
    V128Load64Lane = 0xFD57,
    /// <summary><c>v128.store8_lane</c></summary>
    V128Store8Lane = 0xFD58,
    /// <summary><c>v128.store16_lane</c></summary>
    V128Store16Lane = 0xFD59,
    /// <summary><c>v128.store32_lane</c></summary>
    V128Store32Lane = 0xFD5A,
    /// <summary><c>v128.store64_lane</c></summary>
    V128Store64Lane = 0xFD5B,
    /// <summary><c>v128.load32_zero</c></summary>
    V128Load32Zero = 0xFD5C,
    /// <summary><c>v128.load64_zero</c></summary>
    V128Load64Zero = 0xFD5D,
    /// <summary><c>f32x4.demote_f64x2_zero</c></summary>
    F32x4DemoteF64x2Zero = 0xFD5E,
    /// <summary><c>f64x2.promote_low_f32x4</c></summary>
    F64x2PromoteLowF32x4 = 0xFD5F,
    /// <summary><c>i8x16.abs</c></summary>
    I8x16Abs = 0xFD60,
    /// <summary><c>i8x16.neg</c></summary>
    I8x16Neg = 0xFD61,
    /// <summary><c>i8x16.popcnt</c></summary>
    I8x16Popcnt = 0xFD62,
    /// <summary><c>i8x16.all_true</c></summary>
    I8x16AllTrue = 0xFD63,
    /// <summary><c>i8x16.bitmask</c></summary>
    I8x16Bitmask = 0xFD64,
    /// <summary><c>i8x16.narrow_i16x8_s</c></summary>
    I8x16NarrowI16x8S = 0xFD65,
    /// <summary><c>i8x16.narrow_i16x8_u</c></summary>
    I8x16NarrowI16x8U = 0xFD66,
    /// <summary><c>f32x4.ceil</c></summary>
    F32x4Ceil = 0xFD67,
    /// <summary><c>f32x4.floor</c></summary>
    F32x4Floor = 0xFD68,
    /// <summary><c>f32x4.trunc</c></summary>
    F32x4Trunc = 0xFD69,
    /// <summary><c>f32x4.nearest</c></summary>
    F32x4Nearest = 0xFD6A,
    /// <summary><c>i8x16.shl</c></summary>
    I8x16Shl = 0xFD6B,
    /// <summary><c>i8x16.shr_s</c></summary>
    I8x16ShrS = 0xFD6C,
    /// <summary><c>i8x16.shr_u</c></summary>
    I8x16ShrU = 0xFD6D,
    /// <summary><c>i8x16.add</c></summary>
    I8x16Add = 0xFD6E,
    /// <summary><c>i8x16.add_sat_s</c></summary>
    I8x16AddSatS = 0xFD6F,
    /// <summary><c>i8x16.add_sat_u</c></summary>
    I8x16AddSatU = 0xFD70,
    /// <summary><c>i8x16.sub</c></summary>
    I8x16Sub = 0xFD71,
    /// <summary><c>i8x16.sub_sat_s</c></summary>
    I8x16SubSatS = 0xFD72,
    /// <summary><c>i8x16.sub_sat_u</c></summary>
    I8x16SubSatU = 0xFD73,
    /// <summary><c>f64x2.ceil</c></summary>
    F64x2Ceil = 0xFD74,
    /// <summary><c>f64x2.floor</c></summary>
    F64x2Floor = 0xFD75,
    /// <summary><c>i8x16.min_s</c></summary>
    I8x16MinS = 0xFD76,
    /// <summary><c>i8x16.min_u</c></summary>
    I8x16MinU = 0xFD77,
    /// <summary><c>i8x16.max_s</c></summary>
    I8x16MaxS = 0xFD78,
    /// <summary><c>i8x16.max_u</c></summary>
    I8x16MaxU = 0xFD79,
    /// <summary><c>f64x2.trunc</c></summary>
    F64x2Trunc = 0xFD7A,
    /// <summary><c>i8x16.avgr_u</c></summary>
    I8x16AvgrU = 0xFD7B,
    /// <summary><c>i16x8.extadd_pairwise_i8x16_s</c></summary>
    I16x8ExtaddPairwiseI8x16S = 0xFD7C,
    /// <summary><c>i16x8.extadd_pairwise_i8x16_u</c></summary>
    I16x8ExtaddPairwiseI8x16U = 0xFD7D,
    /// <summary><c>i32x4.extadd_pairwise_i16x8_s</c></summary>
    I32x4ExtaddPairwiseI16x8S = 0xFD7E,
    /// <summary><c>i32x4.extadd_pairwise_i16x8_u</c></summary>
    I32x4ExtaddPairwiseI16x8U = 0xFD7F,
    /// <summary><c>i16x8.abs</c></summary>
    I16x8Abs = 0xFD80,
    /// <summary><c>i16x8.neg</c></summary>
    I16x8Neg = 0xFD81,
    /// <summary><c>i16x8.q15mulr_sat_s</c></summary>
    I16x8Q15mulrSatS = 0xFD82,
    /// <summary><c>i16x8.all_true</c></summary>
    I16x8AllTrue = 0xFD83,
    /// <summary><c>i16x8.bitmask</c></summary>
    I16x8Bitmask = 0xFD84,
    /// <summary><c>i16x8.narrow_i32x4_s</c></summary>
    I16x8NarrowI32x4S = 0xFD85,
    /// <summary><c>i16x8.narrow_i32x4_u</c></summary>
    I16x8NarrowI32x4U = 0xFD86,
    /// <summary><c>i16x8.extend_low_i8x16_s</c></summary>
    I16x8ExtendLowI8x16S = 0xFD87,
    /// <summary><c>i16x8.extend_high_i8x16_s</c></summary>
    I16x8ExtendHighI8x16S = 0xFD88,
    /// <summary><c>i16x8.extend_low_i8x16_u</c></summary>
    I16x8ExtendLowI8x16U = 0xFD89,
    /// <summary><c>i16x8.extend_high_i8x16_u</c></summary>
    I16x8ExtendHighI8x16U = 0xFD8A,
    /// <summary><c>i16x8.shl</c></summary>
    I16x8Shl = 0xFD8B,
    /// <summary><c>i16x8.shr_s</c></summary>
    I16x8ShrS = 0xFD8C,
    /// <summary><c>i16x8.shr_u</c></summary>
    I16x8ShrU = 0xFD8D,
    /// <summary><c>i16x8.add</c></summary>
    I16x8Add = 0xFD8E,
    /// <summary><c>i16x8.add_sat_s</c></summary>
    I16x8AddSatS = 0xFD8F,
    /// <summary><c>i16x8.add_sat_u</c></summary>
    I16x8AddSatU = 0xFD90,
    /// <summary><c>i16x8.sub</c></summary>
    I16x8Sub = 0xFD91,
    /// <summary><c>i16x8.sub_sat_s</c></summary>
    I16x8SubSatS = 0xFD92,
    /// <summary><c>i16x8.sub_sat_u</c></summary>
    I16x8SubSatU = 0xFD93,
    /// <summary><c>f64x2.nearest</c></summary>
    F64x2Nearest = 0xFD94,
    /// <summary><c>i16x8.mul</c></summary>
    I16x8Mul = 0xFD95,
    /// <summary><c>i16x8.min_s</c></summary>
    I16x8MinS = 0xFD96,
    /// <summary><c>i16x8.min_u</c></summary>
    I16x8MinU = 0xFD97,
    /// <summary><c>i16x8.max_s</c></summary>
    I16x8MaxS = 0xFD98,
    /// <summary><c>i16x8.max_u</c></summary>
    I16x8MaxU = 0xFD99,
    /// <summary><c>i16x8.avgr_u</c></summary>
    I16x8AvgrU = 0xFD9B,
    /// <summary><c>i16x8.extmul_low_i8x16_s</c></summary>
    I16x8ExtmulLowI8x16S = 0xFD9C,
    /// <summary><c>i16x8.extmul_high_i8x16_s</c></summary>
    I16x8ExtmulHighI8x16S = 0xFD9D,
    /// <summary><c>i16x8.extmul_low_i8x16_u</c></summary>
    I16x8ExtmulLowI8x16U = 0xFD9E,
    /// <summary><c>i16x8.extmul_high_i8x16_u</c></summary>
    I16x8ExtmulHighI8x16U = 0xFD9F,
    /// <summary><c>i32x4.abs</c></summary>
    I32x4Abs = 0xFDA0,
    /// <summary><c>i32x4.neg</c></summary>
    I32x4Neg = 0xFDA1,
    /// <summary><c>i32x4.all_true</c></summary>
    I32x4AllTrue = 0xFDA3,
    /// <summary><c>i32x4.bitmask</c></summary>
    I32x4Bitmask = 0xFDA4,
    /// <summary><c>i32x4.extend_low_i16x8_s</c></summary>
    I32x4ExtendLowI16x8S = 0xFDA7,
    /// <summary><c>i32x4.extend_high_i16x8_s</c></summary>
    I32x4ExtendHighI16x8S = 0xFDA8,
    /// <summary><c>i32x4.extend_low_i16x8_u</c></summary>
    I32x4ExtendLowI16x8U = 0xFDA9,
    /// <summary><c>i32x4.extend_high_i16x8_u</c></summary>
    I32x4ExtendHighI16x8U = 0xFDAA,
    /// <summary><c>i32x4.shl</c></summary>
    I32x4Shl = 0xFDAB,
    /// <summary><c>i32x4.shr_s</c></summary>
    I32x4ShrS = 0xFDAC,
    /// <summary><c>i32x4.shr_u</c></summary>
    I32x4ShrU = 0xFDAD,
    /// <summary><c>i32x4.add</c></summary>
    I32x4Add = 0xFDAE,
    /// <summary><c>i32x4.sub</c></summary>
    I32x4Sub = 0xFDB1,
    /// <summary><c>i32x4.mul</c></summary>
    I32x4Mul = 0xFDB5,
    /// <summary><c>i32x4.min_s</c></summary>
    I32x4MinS = 0xFDB6,
    /// <summary><c>i32x4.min_u</c></summary>
    I32x4MinU = 0xFDB7,
    /// <summary><c>i32x4.max_s</c></summary>
    I32x4MaxS = 0xFDB8,
    /// <summary><c>i32x4.max_u</c></summary>
    I32x4MaxU = 0xFDB9,
    /// <summary><c>i32x4.dot_i16x8_s</c></summary>
    I32x4DotI16x8S = 0xFDBA,
    /// <summary><c>i32x4.extmul_low_i16x8_s</c></summary>
    I32x4ExtmulLowI16x8S = 0xFDBC,
    /// <summary><c>i32x4.extmul_high_i16x8_s</c></summary>
    I32x4ExtmulHighI16x8S = 0xFDBD,
    /// <summary><c>i32x4.extmul_low_i16x8_u</c></summary>
    I32x4ExtmulLowI16x8U = 0xFDBE,
    /// <summary><c>i32x4.extmul_high_i16x8_u</c></summary>
    I32x4ExtmulHighI16x8U = 0xFDBF,
    /// <summary><c>i64x2.abs</c></summary>
    I64x2Abs = 0xFDC0,
    /// <summary><c>i64x2.neg</c></summary>
    I64x2Neg = 0xFDC1,
    /// <summary><c>i64x2.all_true</c></summary>
    I64x2AllTrue = 0xFDC3,
    /// <summary><c>i64x2.bitmask</c></summary>
    I64x2Bitmask = 0xFDC4,
    /// <summary><c>i64x2.extend_low_i32x4_s</c></summary>
    I64x2ExtendLowI32x4S = 0xFDC7,
    /// <summary><c>i64x2.extend_high_i32x4_s</c></summary>
    I64x2ExtendHighI32x4S = 0xFDC8,
    /// <summary><c>i64x2.extend_low_i32x4_u</c></summary>
    I64x2ExtendLowI32x4U = 0xFDC9,
    /// <summary><c>i64x2.extend_high_i32x4_u</c></summary>
    I64x2ExtendHighI32x4U = 0xFDCA,
    /// <summary><c>i64x2.shl</c></summary>
    I64x2Shl = 0xFDCB,
    /// <summary><c>i64x2.shr_s</c></summary>
    I64x2ShrS = 0xFDCC,
    /// <summary><c>i64x2.shr_u</c></summary>
    I64x2ShrU = 0xFDCD,
    /// <summary><c>i64x2.add</c></summary>
    I64x2Add = 0xFDCE,
    /// <summary><c>i64x2.sub</c></summary>
    I64x2Sub = 0xFDD1,
    /// <summary><c>i64x2.mul</c></summary>
    I64x2Mul = 0xFDD5,
    /// <summary><c>i64x2.eq</c></summary>
    I64x2Eq = 0xFDD6,
    /// <summary><c>i64x2.ne</c></summary>
    I64x2Ne = 0xFDD7,
    /// <summary><c>i64x2.lt_s</c></summary>
    I64x2LtS = 0xFDD8,
    /// <summary><c>i64x2.gt_s</c></summary>
    I64x2GtS = 0xFDD9,
    /// <summary><c>i64x2.le_s</c></summary>
    I64x2LeS = 0xFDDA,
    /// <summary><c>i64x2.ge_s</c></summary>
    I64x2GeS = 0xFDDB,
    /// <summary><c>i64x2.extmul_low_i32x4_s</c></summary>
    I64x2ExtmulLowI32x4S = 0xFDDC,
    /// <summary><c>i64x2.extmul_high_i32x4_s</c></summary>
    I64x2ExtmulHighI32x4S = 0xFDDD,
    /// <summary><c>i64x2.extmul_low_i32x4_u</c></summary>
    I64x2ExtmulLowI32x4U = 0xFDDE,
    /// <summary><c>i64x2.extmul_high_i32x4_u</c></summary>
    I64x2ExtmulHighI32x4U = 0xFDDF,
    /// <summary><c>f32x4.abs</c></summary>
    F32x4Abs = 0xFDE0,
    /// <summary><c>f32x4.neg</c></summary>
    F32x4Neg = 0xFDE1,
    /// <summary><c>f32x4.sqrt</c></summary>
    F32x4Sqrt = 0xFDE3,
    /// <summary><c>f32x4.add</c></summary>
    F32x4Add = 0xFDE4,
    /// <summary><c>f32x4.sub</c></summary>
    F32x4Sub = 0xFDE5,
    /// <summary><c>f32x4.mul</c></summary>
    F32x4Mul = 0xFDE6,
    /// <summary><c>f32x4.div</c></summary>
    F32x4Div = 0xFDE7,
    /// <summary><c>f32x4.min</c></summary>
    F32x4Min = 0xFDE8,
    /// <summary><c>f32x4.max</c></summary>
    F32x4Max = 0xFDE9,
    /// <summary><c>f32x4.pmin</c></summary>
    F32x4Pmin = 0xFDEA,
    /// <summary><c>f32x4.pmax</c></summary>
    F32x4Pmax = 0xFDEB,
    /// <summary><c>f64x2.abs</c></summary>
    F64x2Abs = 0xFDEC,
    /// <summary><c>f64x2.neg</c></summary>
    F64x2Neg = 0xFDED,
    /// <summary><c>f64x2.sqrt</c></summary>
    F64x2Sqrt = 0xFDEF,
    /// <summary><c>f64x2.add</c></summary>
    F64x2Add = 0xFDF0,
    /// <summary><c>f64x2.sub</c></summary>
    F64x2Sub = 0xFDF1,
    /// <summary><c>f64x2.mul</c></summary>
    F64x2Mul = 0xFDF2,
    /// <summary><c>f64x2.div</c></summary>
    F64x2Div = 0xFDF3,
    /// <summary><c>f64x2.min</c></summary>
    F64x2Min = 0xFDF4,
    /// <summary><c>f64x2.max</c></summary>
    F64x2Max = 0xFDF5,
    /// <summary><c>f64x2.pmin</c></summary>
    F64x2Pmin = 0xFDF6,
    /// <summary><c>f64x2.pmax</c></summary>
    F64x2Pmax = 0xFDF7,
    /// <summary><c>i32x4.trunc_sat_f32x4_s</c></summary>
    I32x4TruncSatF32x4S = 0xFDF8,
    /// <summary><c>i32x4.trunc_sat_f32x4_u</c></summary>
    I32x4TruncSatF32x4U = 0xFDF9,
    /// <summary><c>f32x4.convert_i32x4_s</c></summary>
    F32x4ConvertI32x4S = 0xFDFA,
    /// <summary><c>f32x4.convert_i32x4_u</c></summary>
    F32x4ConvertI32x4U = 0xFDFB,
    /// <summary><c>i32x4.trunc_sat_f64x2_s_zero</c></summary>
    I32x4TruncSatF64x2SZero = 0xFDFC,
    /// <summary><c>i32x4.trunc_sat_f64x2_u_zero</c></summary>
    I32x4TruncSatF64x2UZero = 0xFDFD,
    /// <summary><c>f64x2.convert_low_i32x4_s</c></summary>
    F64x2ConvertLowI32x4S = 0xFDFE,
    /// <summary><c>f64x2.convert_low_i32x4_u</c></summary>
    F64x2ConvertLowI32x4U = 0xFDFF,
}
