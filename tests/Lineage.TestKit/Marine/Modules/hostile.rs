// SPDX-License-Identifier: Apache-2.0
// Marine test module "hostile": misbehaves in the ways a host must survive.

include!("abi.rs");

static mut HOARD: Vec<Vec<u8>> = Vec::new();

/// Allocates 1 MiB blocks until the allocator fails (which aborts: a trap).
#[no_mangle]
pub unsafe extern "C" fn hoard() -> u32 {
    loop {
        HOARD.push(vec![1u8; 1 << 20]);
    }
}

/// Never returns.
#[no_mangle]
pub unsafe extern "C" fn spin(seed: i32) -> i32 {
    let mut x = seed;
    loop {
        x = x.wrapping_mul(1103515245).wrapping_add(12345);
        if x == 42 && seed == 7 {
            return x;
        }
    }
}

/// Claims a string result at an address far outside its memory.
#[no_mangle]
pub unsafe extern "C" fn bad_pointer() {
    RESULT_PTR = 0xFFFF_FF00;
    RESULT_SIZE = 4096;
}

/// Claims a []string result whose inner pair points outside its memory.
#[no_mangle]
pub unsafe extern "C" fn bad_nested() {
    let mut packed = Vec::new();
    put_pair(&mut packed, (0x7FFF_FFF0, 64));
    return_pair((keep(packed), 1));
}
