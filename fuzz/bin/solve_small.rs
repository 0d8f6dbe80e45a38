//! AFL++ entry of the `solve_small` target (see targets.rs).

fn main() {
    afl::fuzz!(|data: &[u8]| civic_match_fuzz::solve_small(data));
}
