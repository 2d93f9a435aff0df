// SPDX-License-Identifier: Apache-2.0
// Marine test module "host_v1": reads call parameters through host API v1 (marine-rs-sdk 0.11/0.12), whose
// CallParameters record is {init_peer_id, service_id, service_creator_peer_id, host_id, worker_id, particle_id,
// tetraplets: [][]{peer_pk, service_id, function_name, json_path}} — strings and arrays as (ptr, len) pairs.

include!("abi.rs");

#[link(wasm_import_module = "__marine_host_api_v1")]
extern "C" {
    fn get_call_parameters();
}

unsafe fn read_tetraplet(ptr: u32) -> String {
    let b = take_bytes(ptr, 32);
    let f: Vec<String> = (0..4).map(|i| take_string(u32_at(&b, i * 8), u32_at(&b, i * 8 + 4))).collect();
    format!("{}/{}/{}/{}", f[0], f[1], f[2], f[3])
}

/// The module's own reading of CallParameters v1, as one line of text.
#[no_mangle]
pub unsafe extern "C" fn call_parameters() {
    get_call_parameters();
    let cp = take_bytes(RESULT_PTR, 8 * 7);
    let names = ["init", "service", "creator", "host", "worker", "particle"];
    let mut parts: Vec<String> = (0..6)
        .map(|i| format!("{}={}", names[i], take_string(u32_at(&cp, i * 8), u32_at(&cp, i * 8 + 4))))
        .collect();
    let outer_count = u32_at(&cp, 52);
    let outer = take_bytes(u32_at(&cp, 48), outer_count * 8);
    let mut groups = Vec::new();
    for i in 0..outer_count as usize {
        let n = u32_at(&outer, i * 8 + 4);
        let inner = take_bytes(u32_at(&outer, i * 8), n * 4);
        let t: Vec<String> = (0..n as usize).map(|j| read_tetraplet(u32_at(&inner, j * 4))).collect();
        groups.push(format!("[{}]", t.join(",")));
    }
    parts.push(format!("tetraplets=[{}]", groups.join(",")));
    return_string(&parts.join(" "));
}
