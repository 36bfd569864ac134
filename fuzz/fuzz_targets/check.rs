//! `Classifier::classify` (built-in model, default config, one classifier for
//! the whole run) on arbitrary bytes read as lossy UTF-8; see
//! `riskgate::fuzzing::check_classify` for the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        // Load the model before the first input, so it is not timed as one.
        let _ = riskgate::fuzzing::classifier().model();
    },
    |data: &[u8]| riskgate::fuzzing::check_classify(data)
);
