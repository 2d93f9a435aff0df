// SPDX-License-Identifier: Apache-2.0
// Marine test module "wasi_escape" (wasm32-wasi): tries to read files through WASI and reports what happened.

include!("abi.rs");

/// read(path: string) -> string: the file's text, or "error: <io error>".
#[no_mangle]
pub unsafe extern "C" fn read(ptr: u32, len: u32) {
    let path = take_string(ptr, len);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => format!("error: {}", e),
    };
    return_string(&text);
}

/// write(path: string, text: string) -> string: "ok" or "error: <io error>".
#[no_mangle]
pub unsafe extern "C" fn write(ptr: u32, len: u32, tptr: u32, tlen: u32) {
    let path = take_string(ptr, len);
    let text = take_string(tptr, tlen);
    let r = match std::fs::write(&path, text) {
        Ok(()) => "ok".to_string(),
        Err(e) => format!("error: {}", e),
    };
    return_string(&r);
}

/// env(name: string) -> string
#[no_mangle]
pub unsafe extern "C" fn env(ptr: u32, len: u32) {
    let name = take_string(ptr, len);
    return_string(&std::env::var(&name).unwrap_or_else(|_| "<unset>".to_string()));
}
