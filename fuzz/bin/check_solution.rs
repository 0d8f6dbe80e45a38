//! AFL++ entry of the `check_solution` target (see targets.rs).

fn main() {
    afl::fuzz!(|data: &[u8]| civic_match_fuzz::check_solution(data));
}
