//! AFL++ entry of the `orlib_gap` target (see targets.rs).

fn main() {
    afl::fuzz!(|data: &[u8]| civic_match_fuzz::orlib_gap(data));
}
