//! The vocabulary of POLICY.md: the three decisions and the twelve risk
//! categories. Every other module speaks in these types; this one depends on
//! nothing in the crate.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What riskgate tells the agent. Ordered by severity: `Allow < Ask < Deny`,
/// so the decision for a command line is the `max` of its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Auto-approve: read-only or workspace-confined, reversible, private.
    Allow,
    /// Escalate to the person, with a reason.
    Ask,
    /// Block: catastrophic or plainly malicious.
    Deny,
}

impl Decision {
    /// The lowercase name used in JSON, TOML and the agents' protocols.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "allow",
            Decision::Ask => "ask",
            Decision::Deny => "deny",
        }
    }

    /// True for `ask` and `deny`: the command reaches a person or is blocked.
    #[must_use]
    pub fn escalates(self) -> bool {
        self > Decision::Allow
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Decision {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "allow" => Ok(Decision::Allow),
            "ask" => Ok(Decision::Ask),
            "deny" => Ok(Decision::Deny),
            _ => Err(UnknownName { kind: "decision", name: s.to_string() }),
        }
    }
}

/// A name that is not one of a closed set (a decision or a category).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{name}`")]
pub struct UnknownName {
    /// Which set the name was looked up in.
    pub kind: &'static str,
    /// The name as given.
    pub name: String,
}

macro_rules! categories {
    ($( $variant:ident => $name:literal, $prefix:literal, $doc:literal; )*) => {
        /// The twelve risk categories of POLICY.md (multi-label on a verdict).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Category {
            $( #[doc = $doc] $variant, )*
        }

        impl Category {
            /// Every category, in POLICY.md order.
            pub const ALL: &'static [Category] = &[$(Category::$variant),*];

            /// The snake_case name used in data sets and JSON.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Category::$variant => $name,)* }
            }

            /// The three-letter prefix of the codes of this category's rules.
            #[must_use]
            pub fn code_prefix(self) -> &'static str {
                match self { $(Category::$variant => $prefix,)* }
            }
        }

        impl FromStr for Category {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok(Category::$variant),)*
                    _ => Err(UnknownName { kind: "category", name: s.to_string() }),
                }
            }
        }
    };
}

categories! {
    Destructive => "destructive", "DES", "Irreversible loss of data or work.";
    Exfiltration => "exfiltration", "EXF", "Local data sent to an outside destination.";
    RemoteCode => "remote_code", "RCE", "Fetching and running code.";
    Credentials => "credentials", "CRD", "Reading or exposing secrets.";
    Privilege => "privilege", "PRV", "Gaining or granting elevated privileges.";
    Persistence => "persistence", "PER", "Making something run later.";
    SandboxEscape => "sandbox_escape", "ESC", "Breaking containment or editing the agent's own controls.";
    System => "system", "SYS", "Machine state outside the workspace.";
    ExternalEffects => "external_effects", "EXT", "Acts others can see or that cost money.";
    RemoteAccess => "remote_access", "RAC", "Remote shells, tunnels, scans, commands on other hosts.";
    Obfuscation => "obfuscation", "OBF", "Hiding intent.";
    Evasion => "evasion", "EVA", "Covering tracks or skipping safety checks.";
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_are_ordered_by_severity() {
        assert!(Decision::Allow < Decision::Ask);
        assert!(Decision::Ask < Decision::Deny);
        assert_eq!([Decision::Ask, Decision::Deny, Decision::Allow].into_iter().max(), Some(Decision::Deny));
    }

    #[test]
    fn category_names_round_trip() {
        assert_eq!(Category::ALL.len(), 12);
        for &c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>(), Ok(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
        assert!("destroy".parse::<Category>().is_err());
    }

    #[test]
    fn code_prefixes_are_unique() {
        let mut seen: Vec<_> = Category::ALL.iter().map(|c| c.code_prefix()).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 12);
    }
}
