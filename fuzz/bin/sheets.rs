//! AFL++ entry of the `sheets` target (see targets.rs).

fn main() {
    afl::fuzz!(|data: &[u8]| civic_match_fuzz::sheets(data));
}
