// SPDX-License-Identifier: Apache-2.0
// Hand-written Marine module ABI (no SDK, no crates): allocate, result registers, release_objects, and readers
// that take ownership of what the host lowered (and free it) plus writers whose buffers live until
// release_objects. Included by every test module.

use std::alloc::{alloc, dealloc, Layout};

static mut RESULT_PTR: u32 = 0;
static mut RESULT_SIZE: u32 = 0;
static mut KEPT: Vec<Vec<u8>> = Vec::new();

#[no_mangle]
pub unsafe extern "C" fn allocate(size: u32, _type_tag: u32) -> u32 {
    if size == 0 {
        return 0;
    }
    alloc(Layout::from_size_align(size as usize, 8).unwrap()) as u32
}

#[no_mangle]
pub unsafe extern "C" fn release_objects() {
    KEPT.clear();
}

#[no_mangle]
pub unsafe extern "C" fn get_result_ptr() -> u32 {
    RESULT_PTR
}

#[no_mangle]
pub unsafe extern "C" fn get_result_size() -> u32 {
    RESULT_SIZE
}

#[no_mangle]
pub unsafe extern "C" fn set_result_ptr(ptr: u32) {
    RESULT_PTR = ptr;
}

#[no_mangle]
pub unsafe extern "C" fn set_result_size(size: u32) {
    RESULT_SIZE = size;
}

unsafe fn free(ptr: u32, size: usize) {
    if ptr != 0 && size != 0 {
        dealloc(ptr as *mut u8, Layout::from_size_align(size, 8).unwrap());
    }
}

unsafe fn bytes_at(ptr: u32, len: usize) -> Vec<u8> {
    if len == 0 {
        return Vec::new();
    }
    std::slice::from_raw_parts(ptr as *const u8, len).to_vec()
}

unsafe fn take_bytes(ptr: u32, len: u32) -> Vec<u8> {
    let v = bytes_at(ptr, len as usize);
    free(ptr, len as usize);
    v
}

unsafe fn take_string(ptr: u32, len: u32) -> String {
    String::from_utf8(take_bytes(ptr, len)).unwrap()
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(x)
}

/// Takes an array of (ptr, len) pairs (strings) and frees it.
unsafe fn take_strings(ptr: u32, count: u32) -> Vec<String> {
    let packed = take_bytes(ptr, count * 8);
    (0..count as usize).map(|i| take_string(u32_at(&packed, i * 8), u32_at(&packed, i * 8 + 4))).collect()
}

unsafe fn keep(v: Vec<u8>) -> u32 {
    let p = if v.is_empty() { 0 } else { v.as_ptr() as u32 };
    KEPT.push(v);
    p
}

unsafe fn put_pair(buf: &mut Vec<u8>, pair: (u32, u32)) {
    buf.extend_from_slice(&pair.0.to_le_bytes());
    buf.extend_from_slice(&pair.1.to_le_bytes());
}

unsafe fn keep_string(s: &str) -> (u32, u32) {
    (keep(s.as_bytes().to_vec()), s.len() as u32)
}

unsafe fn keep_strings(items: &[String]) -> (u32, u32) {
    let mut packed = Vec::new();
    for s in items {
        put_pair(&mut packed, keep_string(s));
    }
    (keep(packed), items.len() as u32)
}

unsafe fn return_pair(pair: (u32, u32)) {
    RESULT_PTR = pair.0;
    RESULT_SIZE = pair.1;
}

unsafe fn return_string(s: &str) {
    return_pair(keep_string(s));
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect()
}
