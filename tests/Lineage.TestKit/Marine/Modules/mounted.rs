// SPDX-License-Identifier: Apache-2.0
// Marine test module "mounted": calls the mounted binary "echo" through host API v3.
// MountedBinaryResult { ret_code: i32, error: string, stdout: []u8, stderr: []u8 } (28 bytes)

include!("abi.rs");

#[link(wasm_import_module = "__marine_host_api_v3")]
extern "C" {
    #[link_name = "echo"]
    fn mounted_echo(args_ptr: u32, args_count: u32);
}

/// run(args: []string) -> string: "ret=<code> out=<stdout> err=<error>"
#[no_mangle]
pub unsafe extern "C" fn run(ptr: u32, n: u32) {
    let args = take_strings(ptr, n);
    let (p, c) = keep_strings(&args);
    mounted_echo(p, c);
    let r = take_bytes(RESULT_PTR, 28);
    let code = u32_at(&r, 0) as i32;
    let error = take_string(u32_at(&r, 4), u32_at(&r, 8));
    let out = String::from_utf8_lossy(&take_bytes(u32_at(&r, 12), u32_at(&r, 16))).to_string();
    let _err = take_bytes(u32_at(&r, 20), u32_at(&r, 24));
    return_string(&format!("ret={} out={} err={}", code, out.trim_end(), error));
}
