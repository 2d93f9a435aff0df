// SPDX-License-Identifier: Apache-2.0
// Marine test module "lib": a dependency of the "facade" module (multi-module services).

include!("abi.rs");

/// greet(name: string) -> string
#[no_mangle]
pub unsafe extern "C" fn greet(ptr: u32, len: u32) {
    let name = take_string(ptr, len);
    return_string(&format!("Hello, {}!", name));
}

/// count(items: []string) -> u32 (a scalar result crossing modules)
#[no_mangle]
pub unsafe extern "C" fn count(ptr: u32, n: u32) -> u32 {
    take_strings(ptr, n).len() as u32
}
