//! `riskgate hook` on arbitrary stdin bytes, with and without `--agent`; see
//! `riskgate::fuzzing::check_hook` for the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        // No user config (nor its audit-log setting) from the machine running
        // the fuzzer: an empty home, no config or audit variables. The audit
        // log itself goes to /dev/null (`--audit-log` wins over all of these).
        let home = std::env::temp_dir().join(format!("riskgate-fuzz-home-{}", std::process::id()));
        std::fs::create_dir_all(&home).expect("create the empty home");
        // SAFETY: libFuzzer calls `init` once, before any input, while this
        // process has no other thread that could read the environment.
        unsafe {
            std::env::set_var("HOME", &home);
            for var in ["RISKGATE_CONFIG", "XDG_CONFIG_HOME", "RISKGATE_AUDIT_LOG"] {
                std::env::remove_var(var);
            }
        }
    },
    |data: &[u8]| riskgate::fuzzing::check_hook(data)
);
