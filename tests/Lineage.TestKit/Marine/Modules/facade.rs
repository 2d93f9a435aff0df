// SPDX-License-Identifier: Apache-2.0
// Marine test module "facade": imports lib.greet and lib.count through interface types.

include!("abi.rs");

#[link(wasm_import_module = "lib")]
extern "C" {
    #[link_name = "greet"]
    fn lib_greet(ptr: u32, len: u32);
    #[link_name = "count"]
    fn lib_count(ptr: u32, n: u32) -> u32;
}

/// hello(names: []string) -> string: greets every name through lib and appends lib's count.
#[no_mangle]
pub unsafe extern "C" fn hello(ptr: u32, n: u32) {
    let names = take_strings(ptr, n);
    let mut parts = Vec::new();
    for name in &names {
        // The callee's result is copied into this module and handed over through our result registers.
        lib_greet(name.as_ptr() as u32, name.len() as u32);
        parts.push(take_string(RESULT_PTR, RESULT_SIZE));
    }
    let (p, c) = keep_strings(&names);
    let total = lib_count(p, c);
    return_string(&format!("{} ({} names)", parts.join(" "), total));
}
