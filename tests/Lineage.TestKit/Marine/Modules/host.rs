// SPDX-License-Identifier: Apache-2.0
// Marine test module "host": uses the host API v3 (call parameters, logging) and, when granted, a mounted binary.

include!("abi.rs");

#[link(wasm_import_module = "__marine_host_api_v3")]
extern "C" {
    fn get_call_parameters();
    fn log_utf8_string(level: i32, target: i32, msg_ptr: i32, msg_size: i32);
}

unsafe fn read_tetraplet(ptr: u32) -> String {
    let b = take_bytes(ptr, 32);
    let f: Vec<String> = (0..4).map(|i| take_string(u32_at(&b, i * 8), u32_at(&b, i * 8 + 4))).collect();
    format!("{}/{}/{}/{}", f[0], f[1], f[2], f[3])
}

/// The module's own reading of CallParameters v3, as one line of text.
#[no_mangle]
pub unsafe extern "C" fn call_parameters() {
    get_call_parameters();
    let cp = take_bytes(RESULT_PTR, 4 + 8 * 5);
    let pp = take_bytes(u32_at(&cp, 0), 8 + 8 + 8 + 4 + 8 + 8 + 8);
    let id = take_string(u32_at(&pp, 0), u32_at(&pp, 4));
    let init = take_string(u32_at(&pp, 8), u32_at(&pp, 12));
    let ts = u64_at(&pp, 16);
    let ttl = u32_at(&pp, 24);
    let script = take_string(u32_at(&pp, 28), u32_at(&pp, 32));
    let sig = take_bytes(u32_at(&pp, 36), u32_at(&pp, 40));
    let token = take_string(u32_at(&pp, 44), u32_at(&pp, 48));
    let service = take_string(u32_at(&cp, 4), u32_at(&cp, 8));
    let creator = take_string(u32_at(&cp, 12), u32_at(&cp, 16));
    let host = take_string(u32_at(&cp, 20), u32_at(&cp, 24));
    let worker = take_string(u32_at(&cp, 28), u32_at(&cp, 32));
    let outer_count = u32_at(&cp, 40);
    let outer = take_bytes(u32_at(&cp, 36), outer_count * 8);
    let mut groups = Vec::new();
    for i in 0..outer_count as usize {
        let n = u32_at(&outer, i * 8 + 4);
        let inner = take_bytes(u32_at(&outer, i * 8), n * 4);
        let t: Vec<String> = (0..n as usize).map(|j| read_tetraplet(u32_at(&inner, j * 4))).collect();
        groups.push(format!("[{}]", t.join(",")));
    }
    let text = format!(
        "id={} init={} ts={} ttl={} script={} sig={} token={} service={} creator={} host={} worker={} tetraplets=[{}]",
        id, init, ts, ttl, script, hex(&sig), token, service, creator, host, worker, groups.join(",")
    );
    return_string(&text);
}

/// Logs `message` at `level` (1 = error … 5 = trace) and returns nothing.
#[no_mangle]
pub unsafe extern "C" fn log(level: i32, ptr: u32, len: u32) {
    let msg = take_string(ptr, len);
    log_utf8_string(level, 0, msg.as_ptr() as i32, msg.len() as i32);
}
