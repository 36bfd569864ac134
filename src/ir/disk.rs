//! Project files on disk: what a command runs that it did not write.
//!
//! `bash scripts/ci.sh`, `./tool.sh`, `python3 tool.py`, `npm test`, `make`,
//! `just`: the file table (`files.rs`) reads what the command line wrote; when
//! it wrote nothing there and files are read ([`Env::read_files`](super::Env::read_files): the hook,
//! `check`, `explain`), the file is read from the workspace here and lowered
//! as the code it is, with [`Origin::Project`](super::Origin::Project), every
//! command it yields marked [`Command::project`](super::Command::project).
//!
//! Bounds, each a reason to ask when crossed (a file riskgate could not read
//! is never a reason to allow):
//! - only files under the workspace, lexically and after resolving links: a
//!   link out of the workspace is refused; a path outside it is not read at
//!   all (system scripts and the user's own files are not the project's);
//! - [`MAX_FILE`] bytes a file, [`MAX_FILES`] files and [`MAX_BYTES`] bytes
//!   for one command;
//! - text only: a file with NUL bytes or invalid UTF-8 given to an
//!   interpreter is refused; a native executable run by its path (`./target/
//!   release/app`, ELF or Mach-O) is compiled project code and is not read;
//! - Makefile `include`s are followed [`MAX_INCLUDES`] deep; a loop is refused.
//!
//! A file that does not exist, or is a directory, adds nothing: the command
//! fails, or another rule judges what it names.
//!
//! In the project's own code only rule hits count: unknown programs and
//! analysis gaps inside it (an `eval`, a computed program, a syntax the
//! reader does not follow) do not ask by themselves (`decide`, the model's
//! inputs and the fusion gate skip project commands), so routine projects
//! stay allowed while a `test` script that pipes a download into a shell, or
//! a recipe that wipes the home directory, decides what it would decide
//! typed out.

use std::path::Path;

use super::lower::Lowerer;
use super::{Issue, IssueKind};

/// Largest project file read, in bytes.
pub const MAX_FILE: u64 = 256 * 1024;
/// Most project files read for one command.
pub const MAX_FILES: usize = 32;
/// Most bytes of project files read for one command.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Deepest chain of Makefile includes followed.
pub const MAX_INCLUDES: usize = 8;

/// What reading a project file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Disk {
    /// Not read: files are not read here, the path is outside the
    /// workspace, or nothing (or a directory) is there.
    Absent,
    /// The file's text.
    Text(String),
    /// A native executable (ELF, Mach-O): compiled code, not read.
    Native,
    /// Could not be read; why, for the reason shown.
    Refused(String),
}

/// True for the magic numbers of native executables.
fn is_native(bytes: &[u8]) -> bool {
    const MAGICS: [&[u8]; 5] = [b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xfe\xed\xfa\xcf", b"\xfe\xed\xfa\xce"];
    MAGICS.iter().any(|m| bytes.starts_with(m))
}

impl Lowerer<'_> {
    /// The workspace-relative name of a normalised path, for reasons.
    pub(super) fn project_name(&self, path: &str) -> String {
        let ws = self.env.workspace.trim_end_matches('/');
        path.strip_prefix(ws).and_then(|p| p.strip_prefix('/')).unwrap_or(path).to_string()
    }

    /// Reads the project file at the normalised `path`: see the module docs.
    pub(super) fn read_project_file(&mut self, path: &str) -> Disk {
        if !self.env.read_files {
            return Disk::Absent;
        }
        let ws = self.env.workspace.trim_end_matches('/');
        if ws.is_empty() || !path.strip_prefix(ws).is_some_and(|rest| rest.starts_with('/')) {
            return Disk::Absent;
        }
        let name = self.project_name(path);
        let real = match std::fs::canonicalize(path) {
            Ok(p) => p,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => return Disk::Absent,
            Err(e) => return Disk::Refused(format!("`{name}` could not be resolved: {e}")),
        };
        let inside = std::fs::canonicalize(ws).is_ok_and(|root| real.starts_with(root));
        if !inside {
            return Disk::Refused(format!("`{name}` leads to `{}`, outside the workspace", real.display()));
        }
        let meta = match std::fs::metadata(&real) {
            Ok(m) => m,
            Err(e) => return Disk::Refused(format!("`{name}` could not be read: {e}")),
        };
        if !meta.is_file() {
            return Disk::Absent;
        }
        if meta.len() > MAX_FILE {
            return Disk::Refused(format!("`{name}` is {} KiB, more than the {} KiB riskgate reads", meta.len().div_ceil(1024), MAX_FILE / 1024));
        }
        let (files, bytes) = self.disk_reads;
        if files >= MAX_FILES || bytes.saturating_add(usize::try_from(meta.len()).unwrap_or(usize::MAX)) > MAX_BYTES {
            return Disk::Refused(format!("`{name}` is past what riskgate reads for one command ({MAX_FILES} project files, {} KiB)", MAX_BYTES / 1024));
        }
        let bytes_read = match read_bounded(&real) {
            Ok(b) => b,
            Err(e) => return Disk::Refused(format!("`{name}` could not be read: {e}")),
        };
        self.disk_reads = (files + 1, bytes + bytes_read.len());
        if is_native(&bytes_read) {
            return Disk::Native;
        }
        if bytes_read.contains(&0) {
            return Disk::Refused(format!("`{name}` is a binary file, not code riskgate can read"));
        }
        match String::from_utf8(bytes_read) {
            Ok(text) => Disk::Text(text),
            Err(_) => Disk::Refused(format!("`{name}` is not UTF-8 text, not code riskgate can read")),
        }
    }

    /// A refusal to read a project file, as a gap of command `runner`.
    pub(super) fn refuse(&mut self, runner: usize, why: String) {
        let span = self.commands[runner].span;
        if !self.issues.iter().any(|i| i.kind == IssueKind::UnreadFile && i.detail == why) {
            self.issues.push(Issue { kind: IssueKind::UnreadFile, span, detail: why });
        }
    }

    /// A makefile's text with its `include`, `-include` and `sinclude`
    /// lines replaced by the files they name, read from the project
    /// (relative to `dir`, where make runs). A name with a variable, or a
    /// file not there (make may build it), is left out. `chain` holds the
    /// makefiles being read, outermost first.
    pub(super) fn make_includes(&mut self, text: &str, dir: &str, chain: &mut Vec<String>) -> Result<String, String> {
        let mut out = String::with_capacity(text.len());
        for line in text.lines() {
            let trimmed = line.trim_start();
            let names = ["include", "-include", "sinclude"]
                .iter()
                .find_map(|k| trimmed.strip_prefix(k).filter(|rest| rest.starts_with([' ', '\t'])))
                .filter(|_| !line.starts_with('\t'));
            let Some(names) = names else {
                out.push_str(line);
                out.push('\n');
                continue;
            };
            let env = super::Env { workspace: dir.to_string(), ..self.env.clone() };
            for name in names.split_whitespace().filter(|n| !n.contains('$')) {
                let path = super::paths::normalize(name, &env);
                if chain.contains(&path) {
                    let names: Vec<String> = chain.iter().chain(std::iter::once(&path)).map(|p| format!("`{}`", self.project_name(p))).collect();
                    return Err(format!("makefile include loop: {}", names.join(" includes ")));
                }
                if chain.len() > MAX_INCLUDES {
                    return Err(format!("makefile includes nest deeper than {MAX_INCLUDES}, at `{}`", self.project_name(&path)));
                }
                match self.read_project_file(&path) {
                    Disk::Text(t) => {
                        chain.push(path);
                        let expanded = self.make_includes(&t, dir, chain);
                        chain.pop();
                        out.push_str(&expanded?);
                        out.push('\n');
                    }
                    Disk::Absent => {}
                    Disk::Native => return Err(format!("`{}` is a binary file, not a makefile", self.project_name(&path))),
                    Disk::Refused(why) => return Err(why),
                }
            }
        }
        Ok(out)
    }
}

/// Reads at most [`MAX_FILE`] + 1 bytes: a file that grew after its size
/// was read is still bounded.
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    std::fs::File::open(path)?.take(MAX_FILE + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_FILE {
        return Err(std::io::Error::other(format!("it grew past {} KiB while read", MAX_FILE / 1024)));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::{MAX_FILE, MAX_FILES, is_native};
    use crate::ir::paths::PathClass;
    use crate::ir::{Env, IssueKind, Origin, Script, analyse};

    /// A workspace in a fresh temporary directory, with files read.
    struct Ws {
        dir: tempfile::TempDir,
        env: Env,
    }

    impl Ws {
        fn new() -> Ws {
            let dir = tempfile::tempdir().expect("tempdir");
            let ws = dir.path().join("ws");
            fs::create_dir(&ws).expect("mkdir ws");
            let mut env = Env::new(ws.to_str().expect("utf8"), "/home/dev");
            env.read_files = true;
            Ws { dir, env }
        }

        fn put(&self, name: &str, text: impl AsRef<[u8]>) -> &Ws {
            let path = Path::new(&self.env.workspace).join(name);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(path, text).expect("write");
            self
        }

        fn ir(&self, cmd: &str) -> Script {
            analyse(cmd, &self.env)
        }
    }

    /// Program and arguments of the commands read from project files.
    fn project_commands(s: &Script) -> Vec<String> {
        s.commands
            .iter()
            .filter(|c| c.project.is_some())
            .map(|c| std::iter::once(c.name.clone()).chain(c.args.iter().map(|a| a.text.clone())).collect::<Vec<_>>().join(" "))
            .collect()
    }

    fn unread(s: &Script) -> Vec<&str> {
        s.issues.iter().filter(|i| i.kind == IssueKind::UnreadFile).map(|i| i.detail.as_str()).collect()
    }

    /// (program, project line) of the commands read from project files.
    fn project_lines(s: &Script) -> Vec<(String, Option<u32>)> {
        s.commands.iter().filter(|c| c.project.is_some()).map(|c| (c.name.clone(), c.project_line)).collect()
    }

    #[test]
    fn commands_of_a_project_file_carry_their_line() {
        let ws = Ws::new();
        let shell = "#!/bin/sh\nset -e\necho start\n\nif [ -d build ]; then\n  rm -rf build\nfi\nf() { touch \"$1\"; }\nls | wc -l\nf done.txt\n";
        ws.put("ci.sh", shell);
        // The function's body is read where it is defined and where it is called.
        let want = [("set", 2), ("echo", 3), ("rm", 6), ("touch", 8), ("ls", 9), ("wc", 9), ("touch", 10)];
        let want: Vec<(String, Option<u32>)> = want.iter().map(|(n, l)| ((*n).to_string(), Some(*l))).collect();
        for cmd in ["bash ci.sh", "sh < ci.sh", "echo first; bash ci.sh; bash ci.sh"] {
            let got: Vec<_> = project_lines(&ws.ir(cmd)).into_iter().filter(|(n, _)| n != "f").collect();
            let runs = if cmd.matches("ci.sh").count() == 2 { 2 } else { 1 };
            let expected: Vec<_> = (0..runs).flat_map(|_| want.iter().cloned()).collect();
            assert_eq!(got, expected, "{cmd}: lines counted afresh for each run");
        }
        // Code in another language: the line of the top-level statement that runs it.
        ws.put("tool.py", "import os\n\n\ndef main():\n    os.system('touch out.txt')\n\nos.remove('old.txt')\nmain()\n");
        assert_eq!(project_lines(&ws.ir("python3 tool.py")), [("rm".to_string(), Some(7)), ("touch".to_string(), Some(8))]);
        // A manifest's script or a recipe is not the file's text: no line.
        ws.put("package.json", r#"{"scripts": {"test": "touch a"}}"#).put("Makefile", "all:\n\ttouch b\n");
        for cmd in ["npm test", "make"] {
            let lines = project_lines(&ws.ir(cmd));
            assert!(!lines.is_empty() && lines.iter().all(|(_, l)| l.is_none()), "{cmd}: {lines:?}");
        }
    }

    #[test]
    fn scripts_in_the_workspace_are_read_as_what_runs() {
        let ws = Ws::new();
        ws.put("scripts/clean.sh", "#!/bin/sh\nrm -rf ~\n").put("tool.py", "import os\nos.system('rm -rf ~')\n");
        for cmd in [
            "bash scripts/clean.sh",
            "sh ./scripts/clean.sh",
            "source scripts/clean.sh",
            "./scripts/clean.sh",
            "cd scripts && bash clean.sh",
            "sh < scripts/clean.sh",
            "cat scripts/clean.sh | bash",
        ] {
            let s = ws.ir(cmd);
            assert_eq!(project_commands(&s), ["rm -rf /home/dev"], "{cmd}");
            let rm = s.commands.iter().find(|c| c.name == "rm").expect("rm");
            assert_eq!(rm.project.as_deref(), Some("scripts/clean.sh"), "{cmd}");
        }
        let s = ws.ir("python3 tool.py");
        assert_eq!(project_commands(&s), ["rm -rf /home/dev"]);
        assert_eq!(project_commands(&ws.ir("python3 < tool.py")), ["rm -rf /home/dev"]);
        assert!(s.commands.iter().any(|c| matches!(&c.origin, Origin::Project { runner: 0, path } if path.ends_with("/tool.py"))));
        // Arguments bind the script's positional parameters.
        ws.put("del.sh", "rm -rf \"$1\"\n");
        assert_eq!(project_commands(&ws.ir("bash del.sh ~")), ["rm -rf /home/dev"]);
    }

    #[test]
    fn nothing_is_read_when_reading_is_off_or_the_file_is_not_the_projects() {
        let mut ws = Ws::new();
        ws.put("x.sh", "rm -rf ~\n");
        ws.env.read_files = false;
        assert!(project_commands(&ws.ir("bash x.sh")).is_empty());
        ws.env.read_files = true;
        // Outside the workspace (a sibling directory) nothing is read, and nothing asks.
        let outside = ws.dir.path().join("other.sh");
        fs::write(&outside, "rm -rf ~\n").expect("write");
        let s = ws.ir(&format!("bash {}", outside.display()));
        assert!(project_commands(&s).is_empty() && s.issues.is_empty(), "{:?}", s.issues);
        // Missing files and directories add nothing.
        fs::create_dir(Path::new(&ws.env.workspace).join("d")).expect("mkdir");
        for cmd in ["bash missing.sh", "bash d"] {
            let s = ws.ir(cmd);
            assert!(project_commands(&s).is_empty() && s.issues.is_empty(), "{cmd}");
        }
    }

    #[test]
    fn what_the_command_line_wrote_comes_before_the_disk() {
        let ws = Ws::new();
        ws.put("x.sh", "rm -rf ~\n");
        let s = ws.ir("echo 'ls a' > x.sh; bash x.sh");
        assert!(project_commands(&s).is_empty());
        assert!(s.commands.iter().any(|c| c.name == "ls" && matches!(c.origin, Origin::Written { .. })));
        // A copy of a project file is what the copy holds.
        assert_eq!(project_commands(&ws.ir("cp x.sh y.sh; bash y.sh")), ["rm -rf /home/dev"]);
    }

    #[test]
    fn project_runners_read_their_files() {
        let ws = Ws::new();
        ws.put("package.json", r#"{"scripts":{"pretest":"ls pre","test":"node scripts/t.js","lint":"eslint ."}}"#)
            .put("scripts/t.js", "require('child_process').execSync('rm -rf ~');\n")
            .put("Makefile", "all: build\nbuild:\n\tcargo build\ninclude extra.mk\n")
            .put("extra.mk", "wipe:\n\trm -rf ~\n")
            .put("sub/Makefile", "x:\n\trm -rf ../src\n")
            .put("justfile", "default: a\na:\n    ls a\n");
        assert_eq!(project_commands(&ws.ir("npm test")), ["ls pre", "node scripts/t.js", "rm -rf /home/dev"]);
        assert_eq!(project_commands(&ws.ir("make")), ["cargo build"]);
        assert_eq!(project_commands(&ws.ir("make wipe")), ["rm -rf /home/dev"], "a target from an included makefile");
        let s = ws.ir("make -C sub x");
        assert_eq!(project_commands(&s), ["rm -rf ../src"]);
        let rm = s.commands.iter().find(|c| c.name == "rm").expect("rm");
        assert_eq!(rm.args[1].path, PathClass::Workspace, "the recipe runs in sub/, so `../src` is the workspace's");
        assert_eq!(project_commands(&ws.ir("just")), ["ls a"]);
    }

    #[test]
    fn gaps_in_project_code_do_not_ask_but_limits_do() {
        let ws = Ws::new();
        ws.put("x.sh", "eval \"$CMD\"\n$TOOL --flag\nif then fi (\n");
        let s = ws.ir("bash x.sh");
        assert!(s.issues.is_empty(), "{:?}", s.issues);
        ws.put("many.sh", "ls\n".repeat(3000));
        let s = ws.ir("bash many.sh");
        assert!(s.issues.iter().any(|i| i.kind == IssueKind::TooMany), "{:?}", s.issues);
    }

    #[test]
    fn each_bound_asks_with_a_reason() {
        let ws = Ws::new();
        let over = usize::try_from(MAX_FILE).expect("fits") + 1;
        ws.put("big.sh", "#".repeat(over)).put("bin.sh", b"ls\x00\x01\x02").put("latin.sh", b"echo caf\xe9\n");
        let outside = ws.dir.path().join("outside.sh");
        fs::write(&outside, "ls\n").expect("write");
        let ws_path = Path::new(&ws.env.workspace).to_path_buf();
        std::os::unix::fs::symlink(&outside, ws_path.join("link.sh")).expect("symlink");
        std::os::unix::fs::symlink(ws_path.join("loop2.sh"), ws_path.join("loop1.sh")).expect("symlink");
        std::os::unix::fs::symlink(ws_path.join("loop1.sh"), ws_path.join("loop2.sh")).expect("symlink");
        for (cmd, why) in [
            ("bash big.sh", "more than the 256 KiB"),
            ("bash bin.sh", "binary file"),
            ("python3 latin.sh", "not UTF-8"),
            ("bash link.sh", "outside the workspace"),
            ("bash loop1.sh", "could not be resolved"),
        ] {
            let s = ws.ir(cmd);
            assert!(unread(&s).iter().any(|d| d.contains(why)), "{cmd}: {:?}", s.issues);
            assert!(project_commands(&s).is_empty(), "{cmd}");
        }
        // A file the process may not read (when not running as root).
        ws.put("locked.sh", "ls\n");
        let locked = ws_path.join("locked.sh");
        fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).expect("chmod");
        if fs::read(&locked).is_err() {
            assert!(unread(&ws.ir("bash locked.sh")).iter().any(|d| d.contains("could not be read")));
        }
    }

    #[test]
    fn a_native_executable_run_by_path_is_not_read() {
        let ws = Ws::new();
        ws.put("target/app", b"\x7fELF\x02\x01\x01\x00\x00");
        let s = ws.ir("./target/app --help");
        assert!(s.issues.is_empty() && project_commands(&s).is_empty(), "{:?}", s.issues);
    }

    #[test]
    fn makefile_include_loops_and_the_file_budget_ask() {
        let ws = Ws::new();
        ws.put("Makefile", "include a.mk\nall:\n\tls\n").put("a.mk", "include b.mk\n").put("b.mk", "-include a.mk\n");
        let s = ws.ir("make");
        assert!(unread(&s).iter().any(|d| d.contains("include loop")), "{:?}", s.issues);
        let ws = Ws::new();
        let n = MAX_FILES + 2;
        for i in 0..n {
            ws.put(&format!("s{i}.sh"), format!("bash s{}.sh\n", i + 1));
        }
        ws.put(&format!("s{n}.sh"), "ls\n");
        let s = ws.ir("bash s0.sh");
        assert!(unread(&s).iter().any(|d| d.contains("past what riskgate reads")), "{:?}", s.issues);
    }

    #[test]
    fn native_executables_by_magic() {
        assert!(is_native(b"\x7fELF\x02\x01\x01"));
        assert!(is_native(b"\xcf\xfa\xed\xfe\x07"));
        assert!(!is_native(b"#!/bin/sh\n"));
        assert!(!is_native(b"\x00\x01"));
    }
}
