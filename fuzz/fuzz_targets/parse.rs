//! `riskgate::parse::parse` on arbitrary bytes (read as lossy UTF-8); see
//! `riskgate::fuzzing::check_parse` for the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| riskgate::fuzzing::check_parse(data));
