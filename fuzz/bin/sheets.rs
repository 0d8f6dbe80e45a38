//! AFL++ entry of the `sheets` target (see targets.rs).
//!
//! Without AFL's panic hook: the workbook reader's own panics are caught by the tool and become
//! an E2115 refusal, which is the behaviour under test; a panic that escapes the target still
//! aborts and is saved as a crash.

fn main() {
    afl::fuzz_nohook!(|data: &[u8]| civic_match_fuzz::sheets(data));
}
