//! The `riskgate` binary: parse the command line, run, map to an exit code.

use std::process::ExitCode;

use clap::Parser;
use riskgate::cli::{Cli, ExitStatus, run};

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(status) => status.into(),
        Err(err) => {
            if err.chain().any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)) {
                return ExitCode::SUCCESS;
            }
            #[expect(clippy::print_stderr, reason = "the binary's one error sink")]
            {
                eprintln!("riskgate: {err:#}");
            }
            ExitStatus::Error.into()
        }
    }
}
