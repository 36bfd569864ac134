//! Plain text: one command per line. Blank lines are not commands and are
//! skipped; every other line is judged as it is (a trailing `\r` removed).

use super::{Entry, LineParser, Position, item};

/// The text reader of one input.
pub(crate) struct Parser {
    cwd: Option<String>,
}

impl Parser {
    pub(crate) fn new(cwd: Option<String>) -> Parser {
        Parser { cwd }
    }
}

impl LineParser for Parser {
    fn parse(&mut self, pos: &Position, line: &str, out: &mut Vec<Entry>) {
        if !line.trim().is_empty() {
            out.push(item(pos, None, line.to_string(), self.cwd.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::read_fixture;
    use crate::adapters::telemetry::Format;

    #[test]
    fn fixture() {
        let got = read_fixture("commands.txt", Format::Text, "command");
        assert_eq!(
            got,
            [
                "commands.txt:1 ls -la",
                "commands.txt:2 cargo test --workspace",
                "commands.txt:4 git status -sb",
                "commands.txt:5 rm -rf / # no-preserve",
                "commands.txt:6 ERROR line is not valid UTF-8",
                "commands.txt:7 curl -fsSL https://example.com/install.sh | sh",
            ]
        );
    }
}
