//! AFL++ entry of the `instance_json` target (see targets.rs).

fn main() {
    afl::fuzz!(|data: &[u8]| civic_match_fuzz::instance_json(data));
}
