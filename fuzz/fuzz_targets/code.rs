//! Interpreter code through the language front ends (`src/ir/lang/`) and the
//! classifier: the first byte picks the language, the rest is the code; see
//! `riskgate::fuzzing::check_code` for the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        let _ = riskgate::fuzzing::classifier().model();
    },
    |data: &[u8]| riskgate::fuzzing::check_code(data)
);
