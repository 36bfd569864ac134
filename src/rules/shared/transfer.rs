//! Predicates over network clients shared by the exfiltration, remote-code
//! and remote-access families: option values read with or without a spec,
//! URL hosts, local destinations, and data-flow sources that skip headers.
//! Nothing here decides; rules do.

use crate::ir::spec::{self, Role};
use crate::ir::{Command, Input, Origin, Script, Word};

/// Values of the options `names`. Read through the spec's flags when it
/// takes a value; when the spec (or the whole spec) does not know the option,
/// the word after it (or the rest of an attached `-dVALUE` word) is the value.
pub(crate) fn opt_values(cmd: &Command, names: &[&str]) -> Vec<Word> {
    let mut out = Vec::new();
    for f in cmd.argv.flags.iter().filter(|f| names.contains(&f.name.as_str())) {
        if let Some(v) = &f.value {
            out.push(v.clone());
        } else if let Some(i) = cmd.args.iter().position(|a| a.span == f.span) {
            // A flag parsed without its value: the next word holds it, unless
            // the flag was only part of a cluster (`-sSL`) that ends elsewhere.
            let word = &cmd.args[i].text;
            if word.ends_with(&f.name[1..]) || word == &f.name {
                if let Some(next) = cmd.args.get(i + 1) {
                    out.push(next.clone());
                }
            }
        }
    }
    if !cmd.argv.known {
        // Without a spec, `-d@file` was split as a cluster of letters.
        for a in &cmd.args {
            for n in names.iter().filter(|n| n.len() == 2 && !n.starts_with("--")) {
                if a.text.len() > 2 && a.text.starts_with(n) && !a.text.starts_with("--") {
                    let mut w = a.clone();
                    w.text = a.text[2..].to_string();
                    out.push(w);
                }
            }
        }
    }
    out
}

/// Subcommands then operands, as text: the words that say what a CLI does.
pub(crate) fn positional(cmd: &Command) -> Vec<&str> {
    cmd.argv.subcommands.iter().map(String::as_str).chain(cmd.operands().map(|w| w.text.as_str())).collect()
}

/// True when `seq` appears as consecutive positional words.
pub(crate) fn has_seq(cmd: &Command, seq: &[&str]) -> bool {
    let pos = positional(cmd);
    pos.windows(seq.len()).any(|w| w.iter().zip(seq).all(|(a, b)| a.eq_ignore_ascii_case(b)))
}

/// The files a command may read: operands whose role is a path and option
/// values whose role is a path (or unknown, without a spec), without those
/// it writes (write-path roles, `-o`/`-out`/`--output`/`*-file` outputs).
pub(crate) fn read_path_words(cmd: &Command) -> Vec<&Word> {
    path_words_where(cmd, false)
}

fn path_words_where(cmd: &Command, writes: bool) -> Vec<&Word> {
    let is_output = |name: &str| {
        let n = name.trim_start_matches('-');
        matches!(n, "o" | "out" | "output" | "keyout" | "key-file" | "cert-file" | "pkcs12" | "output-document" | "outfile" | "output-file")
    };
    let chain = spec::chain(&cmd.name, &cmd.argv.subcommands);
    let mut out: Vec<&Word> = cmd
        .operands()
        .zip(cmd.argv.roles.iter().copied().chain(std::iter::repeat(Role::Path)))
        .filter(|(_, r)| matches!(r, Role::Path) || writes && matches!(r, Role::WritePath))
        .map(|(w, _)| w)
        .collect();
    for f in &cmd.argv.flags {
        let Some(v) = &f.value else { continue };
        let role = spec::value_role(&chain, &f.name);
        let pathy = match role {
            Some(r) => matches!(r, Role::Path) || writes && matches!(r, Role::WritePath),
            None => !["-e", "--regexp", "-m", "-n", "--name", "-t", "--title", "-p", "--pattern"].contains(&f.name.as_str()) && (writes || !is_output(&f.name)),
        };
        if pathy {
            out.push(v);
        }
    }
    out
}

/// The host of a URL or `host:port/path` word, lowercased, without user or port.
pub(crate) fn url_host(text: &str) -> Option<String> {
    let rest = match text.find("://") {
        Some(i) => &text[i + 3..],
        None => text,
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if let Some(v6) = host_port.strip_prefix('[') { v6.split(']').next()? } else { host_port.split(':').next()? };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// True for loopback and this-machine names.
pub(crate) fn is_local_host(host: &str) -> bool {
    host == "localhost" || host.ends_with(".localhost") || host.starts_with("127.") || host == "0.0.0.0" || host == "::1" || host == "host.docker.internal"
}

/// True when a word reads as a network destination: a URL, or a bare
/// `host[:port][/path]` with a dotted name, an IP or `localhost`.
pub(crate) fn looks_like_destination(w: &Word) -> bool {
    if w.is_url() {
        return true;
    }
    let t = w.text.as_str();
    if t.is_empty() || t.contains(char::is_whitespace) || t.starts_with(['@', '-', '.', '/', '{', '[', '~', '<', '$']) || t.contains('=') {
        return false;
    }
    let Some(host) = url_host(t) else { return false };
    if is_local_host(&host) {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && (tld.bytes().all(|b| b.is_ascii_digit())
            || [
                "com", "net", "org", "io", "sh", "dev", "app", "co", "xyz", "me", "site", "ai", "cloud", "info", "biz", "ru", "cn", "tk", "cc", "pw", "top",
                "link", "run", "ly", "st", "in", "us", "uk", "de", "fr", "so", "gg", "to", "ms", "is",
            ]
            .contains(&tld))
}

/// The destinations a command names (URLs and host-like operands).
pub(crate) fn destinations(cmd: &Command) -> Vec<&Word> {
    let mut out: Vec<&Word> = cmd.args.iter().filter(|w| w.is_url()).collect();
    if out.is_empty() {
        out = cmd.operands().filter(|w| looks_like_destination(w)).collect();
    }
    out
}

/// True when every destination the command names is this machine (and there is one).
pub(crate) fn only_local_destinations(cmd: &Command) -> bool {
    let d = destinations(cmd);
    !d.is_empty() && d.iter().all(|w| !w.dynamic && url_host(&w.text).is_some_and(|h| is_local_host(&h)))
}

/// Programs that fetch content from the network and print it (or save it).
pub(crate) const DOWNLOADERS: &[&str] = &[
    "curl",
    "wget",
    "wget2",
    "fetch",
    "http",
    "https",
    "xh",
    "xhs",
    "httpie",
    "aria2c",
    "lwp-request",
    "lwp-download",
    "GET",
    "lynx",
    "links",
    "w3m",
    "iwr",
    "Invoke-WebRequest",
    "irm",
    "Invoke-RestMethod",
    "curlie",
    "hurl",
];

/// True when the command downloads from the network to stdout or a file.
pub(crate) fn is_downloader(cmd: &Command) -> bool {
    if DOWNLOADERS.contains(&cmd.name.as_str()) {
        return cmd.name != "lynx" && cmd.name != "links" && cmd.name != "w3m" || cmd.args.iter().any(|a| a.text == "-source" || a.text == "-dump");
    }
    match cmd.name.as_str() {
        "gh" => has_seq(cmd, &["gist", "view"]) || has_seq(cmd, &["release", "download"]) || cmd.subcommand() == Some("api"),
        "aws" => has_seq(cmd, &["s3", "cp"]) && cmd.operands().next().is_some_and(|w| w.text.starts_with("s3://")),
        "gsutil" => cmd.subcommand() == Some("cat") || has_seq(cmd, &["cp"]) && cmd.operands().next().is_some_and(|w| w.text.starts_with("gs://")),
        _ => false,
    }
}

/// Ids of commands whose output reaches `cmd` as data: through its stdin
/// (pipes, heredoc substitutions, a wrapper's stdin) or through words for
/// which `counts` is true, transitively.
pub(crate) fn data_sources(script: &Script, cmd: &Command, counts: impl Fn(&Word) -> bool) -> Vec<usize> {
    let mut first = Vec::new();
    match &cmd.stdin {
        Some(Input::Pipe { from }) => first.push(*from),
        Some(Input::Heredoc { sources, .. }) => first.extend(sources.iter().copied()),
        Some(Input::HereString { word }) => first.extend(word.sources.iter().copied()),
        _ => {}
    }
    for w in cmd.words().filter(|w| counts(w)) {
        first.extend(w.sources.iter().copied());
    }
    if let Origin::Wrapped { wrapper } = cmd.origin {
        if let Some(Input::Pipe { from }) = script.commands.get(wrapper).and_then(|w| w.stdin.as_ref()) {
            first.push(*from);
        }
    }
    close_over(script, first)
}

/// The given producers, what feeds them, and what wrappers among them run
/// (`sudo cat f | nc …`: `cat` produces what `sudo` outputs), transitively.
pub(crate) fn close_over(script: &Script, first: Vec<usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut stack = first;
    while let Some(id) = stack.pop() {
        if out.contains(&id) || out.len() > 256 {
            continue;
        }
        out.push(id);
        stack.extend(script.upstream(id));
        if let Some(w) = script.commands.get(id).and_then(|c| c.wraps.as_ref()) {
            stack.extend(w.inner.iter().copied());
        }
    }
    out
}

/// True when a command only prints literal text (`echo hi`, `printf 'x\n'`).
pub(crate) fn prints_literal(cmd: &Command) -> bool {
    matches!(cmd.name.as_str(), "echo" | "printf" | "print" | "true" | "yes") && cmd.args.iter().all(|w| !w.dynamic && w.sources.is_empty())
}

/// True for a program that runs code in a language of its own (`python3`,
/// `node`, `awk`, `osascript`…; not a shell), per its spec.
pub(crate) fn is_interpreter(name: &str) -> bool {
    crate::ir::programs::runs_code(name) && !crate::ir::is_shell(name)
}

/// The inline code an interpreter runs ([`Command::code`]: `-c`/`-e`/`-r`
/// values, `awk` programs, PowerShell's `-Command` words, stdin it runs as
/// code), and a heredoc or here-string fed to it as data its code reads.
pub(crate) fn code_strings(cmd: &Command) -> Vec<String> {
    if !is_interpreter(&cmd.name) {
        return Vec::new();
    }
    let mut out: Vec<String> = cmd.code_texts().into_iter().map(std::borrow::Cow::into_owned).collect();
    if !cmd.executes_stdin {
        match &cmd.stdin {
            Some(Input::Heredoc { body, .. }) => out.push(body.clone()),
            Some(Input::HereString { word }) => out.push(word.text.clone()),
            _ => {}
        }
    }
    out
}

/// Programs that send whatever they read on stdin to another host.
const STDIN_SENDERS: &[&str] = &[
    "nc",
    "ncat",
    "netcat",
    "nc.openbsd",
    "nc.traditional",
    "pwncat",
    "cryptcat",
    "socat",
    "telnet",
    "websocat",
    "wscat",
    "ssh",
    "autossh",
    "dbclient",
    "mail",
    "mailx",
    "s-nail",
    "bsd-mailx",
    "mutt",
    "neomutt",
    "sendmail",
    "msmtp",
    "ssmtp",
    "swaks",
    "sendemail",
    "ftp",
    "tftp",
    "lftp",
    "smbclient",
    "pastebinit",
    "wgetpaste",
    "termbin",
    "gist",
];

/// Data options of curl whose value is sent (`@file` reads a file, `@-` stdin).
pub(crate) const CURL_DATA: &[&str] = &[
    "-d",
    "--data",
    "--data-binary",
    "--data-raw",
    "--data-urlencode",
    "--data-ascii",
    "--json",
    "-F",
    "--form",
    "--form-string",
    "-T",
    "--upload-file",
    "--url-query",
];

/// Headers that authenticate the request rather than carry data.
fn auth_header(text: &str) -> bool {
    let name = text.split(':').next().unwrap_or_default().trim().to_ascii_lowercase();
    [
        "authorization",
        "private-token",
        "x-api-key",
        "api-key",
        "x-auth-token",
        "x-access-token",
        "cookie",
        "x-github-token",
        "x-gitlab-token",
        "proxy-authorization",
    ]
    .contains(&name.as_str())
}

/// True when the network program reads the data it sends from stdin.
pub(crate) fn sends_stdin(cmd: &Command) -> bool {
    let n = cmd.name.as_str();
    match n {
        "curl" | "curlie" => opt_values(cmd, CURL_DATA).iter().any(|w| {
            let t = w.text.as_str();
            t == "-" || t == "@-" || t.ends_with("=@-") || t.ends_with("=<-") || t == "@/dev/stdin" || t.ends_with("@/dev/stdin")
        }),
        "http" | "https" | "httpie" | "xh" | "xhs" => !cmd.has_any_flag(&["--ignore-stdin", "-I"]),
        "openssl" => cmd.subcommand() == Some("s_client") || cmd.operands().next().is_some_and(|w| w.text == "s_client"),
        "aws" | "gsutil" | "gcloud" | "rclone" => cmd.operands().any(|w| w.text == "-") || cmd.argv.subcommands.iter().any(|s| s == "rcat"),
        "gh" => cmd.is_sub(&["gist", "create"]) && (cmd.operands().any(|w| w.text == "-") || cmd.operands().next().is_none()),
        _ => STDIN_SENDERS.contains(&n),
    }
}

/// True when a command sends data to another host (given stdin or words).
pub(crate) fn is_network_sink(cmd: &Command) -> bool {
    sends_stdin(cmd) || matches!(cmd.name.as_str(), "curl" | "curlie" | "wget" | "wget2" | "http" | "https" | "httpie" | "xh" | "xhs") || writes_socket(cmd)
}

/// True when the command's output is redirected to `/dev/tcp` or `/dev/udp`.
pub(crate) fn writes_socket(cmd: &Command) -> bool {
    written_to(cmd).any(|w| w.path == crate::ir::PathClass::NetSocket)
}

fn written_to(cmd: &Command) -> impl Iterator<Item = &Word> {
    cmd.redirects.iter().filter(|r| r.op.writes()).map(|r| &r.target)
}

/// True for words whose content goes out with the request: everything but
/// authentication headers, credentials and local option files.
pub(crate) fn carries_data(cmd: &Command, w: &Word) -> bool {
    let is_value_of = |names: &[&str]| cmd.argv.flags.iter().any(|f| names.contains(&f.name.as_str()) && f.value.as_ref().is_some_and(|v| v.span == w.span));
    if is_value_of(&["-H", "--header", "--proxy-header"]) {
        return !auth_header(&w.text);
    }
    if is_value_of(&[
        "-u",
        "--user",
        "--oauth2-bearer",
        "-a",
        "--auth",
        "-o",
        "--output",
        "-O",
        "-i",
        "-K",
        "--config",
        "-E",
        "--cert",
        "--key",
        "--pass",
        "-w",
        "--write-out",
        "--password",
        "--http-password",
        "-p",
        "--header-file",
    ]) {
        return false;
    }
    if matches!(cmd.name.as_str(), "http" | "https" | "httpie" | "xh" | "xhs") && w.text.contains(':') && !w.text.contains("://") && !w.text.contains(":=") {
        return !auth_header(&w.text);
    }
    true
}

/// Ids of the commands whose output this network program sends: through
/// stdin when it sends stdin, and through substitutions in data words.
pub(crate) fn sent_sources(script: &Script, cmd: &Command) -> Vec<usize> {
    sent_sources_via(script, cmd, true)
}

/// Like [`sent_sources`]; without `urls`, output spelled into a URL does not count.
pub(crate) fn sent_sources_via(script: &Script, cmd: &Command, urls: bool) -> Vec<usize> {
    let counts = |w: &Word| carries_data(cmd, w) && (urls || !w.is_url());
    let stdin = sends_stdin(cmd) || writes_socket(cmd);
    let mut ids = data_sources(script, cmd, counts);
    if !stdin {
        // Drop what only arrives on a stdin the program ignores.
        let via_words = data_sources_words(script, cmd, counts);
        ids.retain(|i| via_words.contains(i));
    }
    ids
}

fn data_sources_words(script: &Script, cmd: &Command, counts: impl Fn(&Word) -> bool) -> Vec<usize> {
    let mut first: Vec<usize> = cmd.words().filter(|w| counts(w)).flat_map(|w| w.sources.iter().copied()).collect();
    if let Origin::Wrapped { wrapper } = cmd.origin {
        if let Some(Input::Pipe { from }) = script.commands.get(wrapper).and_then(|w| w.stdin.as_ref()) {
            first.push(*from);
        }
    }
    close_over(script, first)
}

/// The files a program sends as data: `@file` values, `-T file`,
/// `--post-file`, HTTPie `field@file`, and a file on stdin.
pub(crate) fn uploaded_files(script: &Script, cmd: &Command) -> Vec<Word> {
    let mut out = Vec::new();
    match cmd.name.as_str() {
        "curl" | "curlie" => {
            for w in opt_values(cmd, CURL_DATA) {
                let t = w.text.clone();
                let file = if matches!(w.text.as_str(), "-" | "@-") {
                    None
                } else if let Some(f) = t.strip_prefix('@') {
                    Some(f.to_string())
                } else if let Some((_, f)) = t.split_once("=@").or_else(|| t.split_once("=<")) {
                    Some(f.split(';').next().unwrap_or(f).to_string())
                } else {
                    cmd.argv
                        .flags
                        .iter()
                        .any(|f| (f.name == "-T" || f.name == "--upload-file") && f.value.as_ref().is_some_and(|v| v.span == w.span))
                        .then_some(t.clone())
                };
                if let Some(f) = file.filter(|f| f != "-" && !f.is_empty()) {
                    let mut word = w.clone();
                    word.text = f;
                    out.push(word);
                }
            }
        }
        "wget" | "wget2" => out.extend(opt_values(cmd, &["--post-file", "--body-file"])),
        "http" | "https" | "httpie" | "xh" | "xhs" => {
            for w in cmd.operands() {
                if let Some(i) = w.text.find('@') {
                    let key = &w.text[..i];
                    if !key.contains("://") && !key.contains('/') && !w.text.contains("://") {
                        let mut word = w.clone();
                        word.text = w.text[i + 1..].trim_start_matches('@').to_string();
                        out.push(word);
                    }
                }
            }
        }
        _ => {}
    }
    if let Some(Input::File { path }) = stdin_of(script, cmd) {
        if sends_stdin(cmd) || STDIN_SENDERS.contains(&cmd.name.as_str()) {
            out.push(path.clone());
        }
    }
    out
}

/// True for `[user@]host:path` (scp, rsync, rclone remotes), `rsync://` and
/// cloud URLs. A host only known at run time (`$DEST:/srv`, `$user@$host:`)
/// is still another host.
pub(crate) fn is_remote_path(w: &Word) -> bool {
    let t = w.text.as_str();
    if ["s3://", "gs://", "az://", "rsync://", "sftp://", "scp://", "ftp://", "ftps://", "webdav://", "https://", "http://"].iter().any(|p| t.starts_with(p)) {
        return true;
    }
    let Some((host, _)) = t.split_once(':') else { return false };
    !(host.is_empty() || host.contains('/') || host.starts_with(['.', '~', '-']) || host.len() == 1 && host.chars().all(|c| c.is_ascii_alphabetic()))
}

/// For a copy to another host or bucket: the local sources and the remote destination.
pub(crate) fn remote_copy(cmd: &Command) -> Option<(Vec<&Word>, &Word)> {
    let ops: Vec<&Word> = cmd.operands().collect();
    let copy_ops: Vec<&Word> = match cmd.name.as_str() {
        "scp" | "rsync" | "pscp" | "azcopy" => ops,
        "rclone"
            if matches!(cmd.subcommand().or_else(|| ops.first().map(|w| w.text.as_str())), Some("copy" | "sync" | "move" | "copyto" | "moveto" | "bisync")) =>
        {
            if cmd.argv.subcommands.is_empty() {
                ops[1..].to_vec()
            } else {
                ops
            }
        }
        "aws" if cmd.is_sub(&["s3", "cp"]) || cmd.is_sub(&["s3", "sync"]) || cmd.is_sub(&["s3", "mv"]) => ops,
        "aws" if has_seq(cmd, &["s3", "cp"]) || has_seq(cmd, &["s3", "sync"]) || has_seq(cmd, &["s3", "mv"]) => {
            ops.into_iter().filter(|w| !matches!(w.text.as_str(), "s3" | "cp" | "sync" | "mv")).collect()
        }
        "gsutil" | "s3cmd" | "mc" => ops.into_iter().filter(|w| !matches!(w.text.as_str(), "cp" | "rsync" | "mv" | "put" | "sync" | "mirror")).collect(),
        "gcloud" if has_seq(cmd, &["storage", "cp"]) || has_seq(cmd, &["storage", "rsync"]) => {
            ops.into_iter().filter(|w| !matches!(w.text.as_str(), "storage" | "cp" | "rsync")).collect()
        }
        "az" if has_seq(cmd, &["blob", "upload"]) || has_seq(cmd, &["blob", "upload-batch"]) || has_seq(cmd, &["file", "upload"]) => {
            let flag = cmd.argv.flags.iter().find(|f| ["-f", "--file", "-s", "--source"].contains(&f.name.as_str()))?;
            let src = match &flag.value {
                Some(v) => v,
                None => cmd.args.iter().skip_while(|a| a.span != flag.span).nth(1)?,
            };
            let dest = cmd.args.iter().find(|w| !w.text.starts_with('-'))?;
            return Some((vec![src], dest));
        }
        _ => return None,
    };
    let (dest, sources) = copy_ops.split_last()?;
    let local: Vec<&Word> = sources.iter().copied().filter(|w| !is_remote_path(w)).collect();
    (is_remote_path(dest) && !local.is_empty()).then_some((local, *dest))
}

/// The command's stdin, or its wrapper's (`sudo nc h p < f`), which the
/// wrapped command reads.
pub(crate) fn stdin_of<'a>(script: &'a Script, cmd: &'a Command) -> Option<&'a Input> {
    let mut cur = cmd;
    for _ in 0..8 {
        if let Some(i) = &cur.stdin {
            return Some(i);
        }
        let Origin::Wrapped { wrapper } = cur.origin else { return None };
        cur = script.commands.get(wrapper)?;
        if cur.wraps.as_ref().is_some_and(|w| !w.kind.passes_stdin()) {
            return None;
        }
    }
    None
}

/// The host part of a URL whose text may hold raw substitutions
/// (`http://$(id -u).x.com/`): slashes inside `$(…)` do not end it.
pub(crate) fn raw_authority(text: &str) -> &str {
    let rest = text.find("://").map_or(text, |i| &text[i + 3..]);
    let mut depth = 0usize;
    let mut tick = false;
    let b = rest.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'(' if i > 0 && b[i - 1] == b'$' => depth += 1,
            b')' if depth > 0 => depth -= 1,
            b'`' => tick = !tick,
            b'/' | b'?' | b'#' if depth == 0 && !tick => return &rest[..i],
            _ => {}
        }
    }
    rest
}
