// SPDX-License-Identifier: Apache-2.0
// Marine test module "types": one export per ABI type. Records:
//   Point { x: i32, y: f64, label: string, tags: []string, raw: []u8 (byte array), ok: bool }   (37 bytes)
//   Wrapper { id: u64, points: []Point, inner: Point }                                           (20 bytes)

include!("abi.rs");

struct Point {
    x: i32,
    y: f64,
    label: String,
    tags: Vec<String>,
    raw: Vec<u8>,
    ok: bool,
}

const POINT_SIZE: u32 = 37;

unsafe fn take_point(ptr: u32) -> Point {
    let b = take_bytes(ptr, POINT_SIZE);
    Point {
        x: u32_at(&b, 0) as i32,
        y: f64::from_bits(u64_at(&b, 4)),
        label: take_string(u32_at(&b, 12), u32_at(&b, 16)),
        tags: take_strings(u32_at(&b, 20), u32_at(&b, 24)),
        raw: take_bytes(u32_at(&b, 28), u32_at(&b, 32)),
        ok: b[36] != 0,
    }
}

unsafe fn keep_point(p: &Point) -> u32 {
    let mut b = Vec::new();
    b.extend_from_slice(&p.x.to_le_bytes());
    b.extend_from_slice(&p.y.to_bits().to_le_bytes());
    put_pair(&mut b, keep_string(&p.label));
    put_pair(&mut b, keep_strings(&p.tags));
    put_pair(&mut b, (keep(p.raw.clone()), p.raw.len() as u32));
    b.push(p.ok as u8);
    keep(b)
}

fn describe(p: &Point) -> String {
    format!("x={} y={:?} label={:?} tags={:?} raw={} ok={}", p.x, p.y, p.label, p.tags, hex(&p.raw), p.ok)
}

#[no_mangle]
pub unsafe extern "C" fn echo_string(ptr: u32, len: u32) {
    let s = take_string(ptr, len);
    return_string(&s);
}

#[no_mangle]
pub unsafe extern "C" fn echo_bytes(ptr: u32, len: u32) {
    let b = take_bytes(ptr, len);
    let n = b.len() as u32;
    return_pair((keep(b), n));
}

#[no_mangle]
pub extern "C" fn echo_bool(v: i32) -> i32 { (v != 0) as i32 }
#[no_mangle]
pub extern "C" fn echo_s8(v: i32) -> i32 { v as i8 as i32 }
#[no_mangle]
pub extern "C" fn echo_s16(v: i32) -> i32 { v as i16 as i32 }
#[no_mangle]
pub extern "C" fn echo_s32(v: i32) -> i32 { v }
#[no_mangle]
pub extern "C" fn echo_s64(v: i64) -> i64 { v }
#[no_mangle]
pub extern "C" fn echo_u8(v: i32) -> i32 { v as u8 as i32 }
#[no_mangle]
pub extern "C" fn echo_u16(v: i32) -> i32 { v as u16 as i32 }
#[no_mangle]
pub extern "C" fn echo_u32(v: i32) -> i32 { v }
#[no_mangle]
pub extern "C" fn echo_u64(v: i64) -> i64 { v }
#[no_mangle]
pub extern "C" fn echo_f32(v: f32) -> f32 { v }
#[no_mangle]
pub extern "C" fn echo_f64(v: f64) -> f64 { v }

/// sum of an []i64 (array of 8-byte elements), returned directly
#[no_mangle]
pub unsafe extern "C" fn sum_i64(ptr: u32, count: u32) -> i64 {
    let b = take_bytes(ptr, count * 8);
    (0..count as usize).map(|i| u64_at(&b, i * 8) as i64).fold(0i64, |a, x| a.wrapping_add(x))
}

/// []u32 in, each element doubled (wrapping), []u32 out
#[no_mangle]
pub unsafe extern "C" fn double_u32s(ptr: u32, count: u32) {
    let b = take_bytes(ptr, count * 4);
    let mut out = Vec::new();
    for i in 0..count as usize {
        out.extend_from_slice(&u32_at(&b, i * 4).wrapping_mul(2).to_le_bytes());
    }
    return_pair((keep(out), count));
}

/// [][]string in, the same nested array out (rebuilt by the module)
#[no_mangle]
pub unsafe extern "C" fn echo_nested(ptr: u32, count: u32) {
    let outer = take_bytes(ptr, count * 8);
    let mut rows = Vec::new();
    for i in 0..count as usize {
        rows.push(take_strings(u32_at(&outer, i * 8), u32_at(&outer, i * 8 + 4)));
    }
    let mut packed = Vec::new();
    for row in &rows {
        put_pair(&mut packed, keep_strings(row));
    }
    return_pair((keep(packed), count));
}

/// Point in, the same Point out (parsed and rebuilt by the module)
#[no_mangle]
pub unsafe extern "C" fn echo_point(ptr: u32) {
    let p = take_point(ptr);
    RESULT_PTR = keep_point(&p);
}

/// Point in, the module's own text rendering of every field out
#[no_mangle]
pub unsafe extern "C" fn describe_point(ptr: u32) {
    let p = take_point(ptr);
    return_string(&describe(&p));
}

/// (id: u64, points: []Point) -> Wrapper { id, points, inner: first point or a default one }
#[no_mangle]
pub unsafe extern "C" fn wrap(id: i64, ptr: u32, count: u32) {
    let packed = take_bytes(ptr, count * 4);
    let points: Vec<Point> = (0..count as usize).map(|i| take_point(u32_at(&packed, i * 4))).collect();
    let mut pointers = Vec::new();
    for p in &points {
        pointers.extend_from_slice(&keep_point(p).to_le_bytes());
    }
    let default = Point { x: 0, y: 0.0, label: String::new(), tags: Vec::new(), raw: Vec::new(), ok: false };
    let inner = keep_point(points.first().unwrap_or(&default));
    let mut w = Vec::new();
    w.extend_from_slice(&(id as u64).to_le_bytes());
    put_pair(&mut w, (keep(pointers), count));
    w.extend_from_slice(&inner.to_le_bytes());
    RESULT_PTR = keep(w);
}
