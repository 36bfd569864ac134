//! The evaluator shared by every language front end: it runs the small
//! syntax tree of [`super::ast`] over abstract values and turns each call
//! the language's [`Table`] knows into the shell commands with the same
//! effect (`rm -rf PATH`, `cat PATH`, `tee -a PATH`, `curl …`, the spawned
//! command itself). Those commands are then lowered and judged like any
//! other, so no rule is written twice per language.
//!
//! Values are followed, not guessed: string constants, concatenation,
//! formatting, variables, function arguments within the snippet, module
//! aliases, the home directory and environment, path joins and the decoders
//! obfuscated code uses. A string whose parts are partly unknown keeps its
//! known parts and marks the others ([`UNKNOWN`]); rendered as shell, an
//! unknown part is the unset variable `$rg_unknown`, which the shell IR
//! already treats as "could be anything". Data read from files, the
//! environment or the network is [`Value::Data`]: its content is unknown but
//! the shell commands that produced it are kept, so a secret read and then
//! sent becomes `cat SECRET | curl …`, which the shell rules judge as
//! exfiltration.
//!
//! Every branch is taken and loops run once per known element, so what any
//! path of the code does is seen. A command or code string that is run but
//! could not be resolved at all is a gap (it asks), never an allow.
//! Work is bounded by [`MAX_STEPS`], [`MAX_CALL_DEPTH`] and [`MAX_TEXT`].

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use base64::Engine as _;

use super::ast::{BinOp, Expr, Function, Stmt, Target};
use super::table::{Arg, Args, Effect, Op, Row, Table};

/// Marks an unknown part inside a partly known string.
pub(crate) const UNKNOWN: char = '\u{FFFC}';
/// How an unknown part is spelled in the emitted shell.
const UNKNOWN_SHELL: &str = "$rg_unknown";
/// Expressions and statements evaluated per snippet, nested code included.
const MAX_STEPS: usize = 50_000;
/// Nested calls of the snippet's own functions.
const MAX_CALL_DEPTH: usize = 8;
/// Longest string or list followed; longer ones are unknown.
const MAX_TEXT: usize = 64 * 1024;
/// Elements a loop is run for.
const MAX_LOOP: usize = 32;
/// Levels of `exec`/`eval` of known code analysed.
const MAX_EXEC_NESTING: u32 = 4;
/// Distinct shell commands a value's data is kept from.
const MAX_SOURCES: usize = 16;
/// Shell lines emitted per snippet.
const MAX_LINES: usize = 256;

/// An abstract value.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    /// A string, possibly with [`UNKNOWN`] parts; `decoded` when it came out
    /// of a byte decoder (base64, hex). Character-level rebuilds (`chr`
    /// joins, reversal, rot13) are followed but not marked: the obfuscation
    /// rules judge those as assembly (ask), a decoded payload run is worse (deny).
    Str { text: String, decoded: bool },
    /// An integer.
    Num(i64),
    /// A boolean.
    Bool(bool),
    /// `None`/`null`.
    Null,
    /// A list, tuple or array.
    List(Vec<Value>),
    /// A dict or object with string keys.
    Dict(Vec<(String, Value)>),
    /// A module, class or global function, by canonical qualified name.
    Ref(String),
    /// An object built by a call of `Ref` (its class's qualified name).
    Object(String),
    /// The process environment (`os.environ`, `process.env`).
    Env,
    /// A file opened for writing.
    File { path: Rc<Value>, append: bool },
    /// A pipe to a command (`IO.popen(cmd, "w")`, Perl's `open(P, "|-", cmd)`):
    /// what is written to it is that command's input.
    Pipe(Rc<String>),
    /// Unknown content produced by these shell commands.
    Data(Vec<String>),
    /// A function of the snippet.
    Func(Rc<Function>),
    /// Nothing known.
    Unknown,
}

impl Value {
    fn into_first(self) -> Value {
        match self {
            Value::List(items) => items.into_iter().next().unwrap_or(Value::Unknown),
            other => other,
        }
    }

    fn str(text: impl Into<String>) -> Value {
        Value::Str { text: text.into(), decoded: false }
    }

    /// The text when fully known.
    fn known(&self) -> Option<&str> {
        match self {
            Value::Str { text, .. } if !text.contains(UNKNOWN) => Some(text),
            _ => None,
        }
    }

    /// The text with unknown parts marked, for strings and numbers.
    fn text(&self) -> Option<String> {
        match self {
            Value::Str { text, .. } => Some(text.clone()),
            Value::Num(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    fn decoded(&self) -> bool {
        matches!(self, Value::Str { decoded: true, .. })
    }

    /// The shell commands whose output this value holds.
    fn sources(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_sources(&mut out, 0);
        out
    }

    fn collect_sources(&self, out: &mut Vec<String>, depth: u32) {
        if depth > 8 {
            return;
        }
        match self {
            Value::Data(s) => {
                for source in s {
                    if out.len() < MAX_SOURCES && !out.contains(source) {
                        out.push(source.clone());
                    }
                }
            }
            Value::Env if !out.iter().any(|s| s == "env") => out.push("env".into()),
            Value::List(items) => items.iter().for_each(|v| v.collect_sources(out, depth + 1)),
            Value::Dict(items) => items.iter().for_each(|(_, v)| v.collect_sources(out, depth + 1)),
            _ => {}
        }
    }

    fn truthy(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Num(n) => *n != 0,
            Value::Null => false,
            Value::Str { text, .. } => !text.is_empty(),
            _ => true,
        }
    }

    fn field(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Dict(items) => items.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// What the evaluation found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// Shell commands with the code's effects, one per line, in order.
    pub lines: Vec<String>,
    /// Analysis gaps: what runs but could not be resolved.
    pub gaps: Vec<String>,
    /// For each line, the byte range in the code of the top-level statement
    /// that led to it, when the front end gave one.
    pub spans: Vec<Option<(usize, usize)>>,
}

/// Turns code of the same language into its syntax tree (for `exec`/`eval`).
pub(crate) type Lower = fn(&str) -> super::Lowering;

/// The evaluation of one snippet.
pub(crate) struct Eval<'t> {
    table: &'t Table,
    lower: Lower,
    scopes: Vec<HashMap<String, Value>>,
    returns: Vec<Option<Value>>,
    found: Found,
    steps: usize,
    exec_nesting: u32,
    called: HashSet<*const Function>,
    defined: Vec<Rc<Function>>,
    connections: Vec<(String, String)>,
    interactive_shell: bool,
    stdio_redirected: bool,
    /// The code range of the top-level statement being evaluated.
    at: Option<(usize, usize)>,
}

impl<'t> Eval<'t> {
    /// An evaluator for code described by `table`.
    pub(crate) fn new(table: &'t Table, lower: Lower) -> Eval<'t> {
        Eval {
            table,
            lower,
            scopes: vec![HashMap::new()],
            returns: Vec::new(),
            found: Found::default(),
            steps: 0,
            exec_nesting: 0,
            called: HashSet::new(),
            defined: Vec::new(),
            connections: Vec::new(),
            interactive_shell: false,
            stdio_redirected: false,
            at: None,
        }
    }

    /// Runs a whole snippet, then every function it defined but never
    /// called (callbacks, handlers) once with unknown arguments. `spans`
    /// gives each top-level statement's byte range in the code (or is
    /// empty); every line found is attributed to the statement it came from.
    pub(crate) fn run(mut self, stmts: &[Stmt], spans: &[Option<(usize, usize)>]) -> Found {
        for (i, s) in stmts.iter().enumerate() {
            if !self.tick() {
                break;
            }
            self.at = spans.get(i).copied().flatten();
            self.stmt(s);
        }
        self.at = None;
        let mut i = 0;
        while i < self.defined.len() && self.steps < MAX_STEPS {
            let f = Rc::clone(&self.defined[i]);
            if !self.called.contains(&Rc::as_ptr(&f)) {
                let args = vec![Value::Unknown; f.params.len()];
                self.call_function(&f, args);
            }
            i += 1;
        }
        if self.interactive_shell || self.stdio_redirected {
            let remote: Vec<(String, String)> = self.connections.iter().filter(|(h, _)| !is_local(h)).cloned().collect();
            for (host, port) in remote {
                // A shell whose standard streams are a socket to another host.
                if self.interactive_shell {
                    self.emit(format!("bash -i >& /dev/tcp/{}/{} 0>&1", word(&host), word(&port)));
                }
            }
        }
        if self.steps >= MAX_STEPS {
            self.found.gaps.push("the code is too long to follow to its end".into());
        }
        self.found
    }

    fn tick(&mut self) -> bool {
        self.steps += 1;
        self.steps < MAX_STEPS
    }

    fn emit(&mut self, line: String) {
        if self.found.lines.len() < MAX_LINES && !self.found.lines.contains(&line) {
            self.found.lines.push(line);
            self.found.spans.push(self.at);
        }
    }

    fn gap(&mut self, what: String) {
        if !self.found.gaps.contains(&what) {
            self.found.gaps.push(what);
        }
    }

    // ----- statements -----

    fn block(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            if !self.tick() {
                return;
            }
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Expr(e) => {
                self.expr(e);
            }
            Stmt::Assign(t, e) => {
                let v = self.expr(e);
                self.bind(t, v);
            }
            Stmt::AugAssign(t, op, e) => {
                let right = self.expr(e);
                let left = match t {
                    Target::Name(n) => self.lookup(n),
                    _ => Value::Unknown,
                };
                let v = self.binary(*op, left, right);
                self.bind(t, v);
            }
            Stmt::Import { module, bind } => {
                let v = self.global(&self.table.canonical(module));
                self.set(bind, v);
            }
            Stmt::ImportFrom { module, names } => {
                for (name, alias) in names {
                    let v = self.global(&self.table.canonical(&format!("{module}.{name}")));
                    self.set(alias, v);
                }
            }
            Stmt::Def { name, function } => {
                let f = Rc::new(function.clone());
                self.defined.push(Rc::clone(&f));
                self.set(name, Value::Func(f));
            }
            Stmt::Return(e) => {
                let v = self.expr(e);
                if let Some(slot) = self.returns.last_mut() {
                    if slot.is_none() || matches!(slot, Some(Value::Unknown | Value::Null)) {
                        *slot = Some(v);
                    }
                }
            }
            Stmt::For { target, iter, body } => {
                let items = match self.expr(iter) {
                    Value::List(items) => items,
                    Value::Dict(items) => items.into_iter().map(|(k, _)| Value::str(k)).collect(),
                    v @ (Value::Data(_) | Value::Env) => vec![Value::Data(v.sources())],
                    _ => vec![Value::Unknown],
                };
                for item in items.into_iter().take(MAX_LOOP) {
                    self.bind(target, item);
                    self.block(body);
                }
            }
            Stmt::Block(stmts) => self.block(stmts),
        }
    }

    fn bind(&mut self, t: &Target, v: Value) {
        match t {
            Target::Name(n) => self.set(n, v),
            Target::Tuple(ts) => {
                for (i, t) in ts.iter().enumerate() {
                    let item = match &v {
                        Value::List(items) => items.get(i).cloned().unwrap_or(Value::Unknown),
                        Value::Data(_) | Value::Env => Value::Data(v.sources()),
                        _ => Value::Unknown,
                    };
                    self.bind(t, item);
                }
            }
            Target::Fields(fields) => {
                for (key, t) in fields {
                    let item = self.member(v.clone(), key);
                    self.bind(t, item);
                }
            }
            Target::Ignored => {}
        }
    }

    fn set(&mut self, name: &str, v: Value) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(name.to_string(), v);
        }
    }

    fn lookup(&self, name: &str) -> Value {
        let inner = self.scopes.last().and_then(|s| s.get(name));
        if let Some(v) = inner.or_else(|| self.scopes.first().and_then(|s| s.get(name))) {
            return v.clone();
        }
        self.global(&self.table.canonical(name))
    }

    /// A name no assignment bound: a builtin or global of the language.
    fn global(&self, name: &str) -> Value {
        match self.table.values.get(name) {
            Some(Op::Environment) => Value::Env,
            _ => Value::Ref(name.to_string()),
        }
    }

    // ----- expressions -----

    fn expr(&mut self, e: &Expr) -> Value {
        if !self.tick() {
            return Value::Unknown;
        }
        match e {
            Expr::Str(s) => Value::str(s.clone()),
            Expr::Num(n) => Value::Num(*n),
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Null => Value::Null,
            Expr::Name(n) => self.lookup(n),
            Expr::Attr(obj, attr) => {
                let o = self.expr(obj);
                self.member(o, attr)
            }
            Expr::Index(obj, idx) => {
                let o = self.expr(obj);
                let i = self.expr(idx);
                index(o, &i)
            }
            Expr::Reversed(obj) => match self.expr(obj) {
                Value::Str { text, decoded } => Value::Str { text: text.chars().rev().collect(), decoded },
                Value::List(mut items) => {
                    items.reverse();
                    Value::List(items)
                }
                v @ Value::Data(_) => v,
                _ => Value::Unknown,
            },
            Expr::Call { func, args, kwargs } => self.call(func, args, kwargs),
            Expr::Binary(op, l, r) => {
                let l = self.expr(l);
                let r = self.expr(r);
                self.binary(*op, l, r)
            }
            Expr::Concat(parts) => {
                let mut acc = Value::str("");
                for p in parts {
                    let v = self.expr(p);
                    acc = self.binary(BinOp::Add, acc, to_text(v));
                }
                acc
            }
            Expr::List(items) => Value::List(items.iter().map(|i| self.expr(i)).collect()),
            Expr::Dict(items) => Value::Dict(items.iter().map(|(k, v)| (k.clone(), self.expr(v))).collect()),
            Expr::Function(f) => Value::Func(Rc::new((**f).clone())),
            Expr::Comprehension { body, target, iter } => {
                let items = match self.expr(iter) {
                    Value::List(items) => items,
                    Value::Str { text, decoded } if !text.contains(UNKNOWN) => text.chars().map(|c| Value::Str { text: c.to_string(), decoded }).collect(),
                    other => {
                        let item = match other {
                            v @ (Value::Data(_) | Value::Env) => Value::Data(v.sources()),
                            _ => Value::Unknown,
                        };
                        self.bind(target, item);
                        let v = self.expr(body);
                        return if matches!(v, Value::Data(_)) { v } else { Value::Unknown };
                    }
                };
                let mut out = Vec::new();
                for item in items.into_iter().take(MAX_TEXT) {
                    self.bind(target, item);
                    out.push(self.expr(body));
                    if self.steps >= MAX_STEPS {
                        return Value::Unknown;
                    }
                }
                Value::List(out)
            }
            Expr::Unknown(parts) => {
                let values: Vec<Value> = parts.iter().map(|p| self.expr(p)).collect();
                let sources = Value::List(values).sources();
                if sources.is_empty() { Value::Unknown } else { Value::Data(sources) }
            }
        }
    }

    /// `object.name` read (not called).
    fn member(&mut self, o: Value, name: &str) -> Value {
        match o {
            Value::Ref(q) => self.global(&self.table.canonical(&format!("{q}.{name}"))),
            // `process.env.HOME`.
            Value::Env => env_var(name),
            Value::Dict(_) => o.field(name).cloned().unwrap_or(Value::Unknown),
            Value::List(ref items) if name == "length" => Value::Num(i64::try_from(items.len()).unwrap_or(0)),
            Value::Data(_) => o,
            _ => Value::Unknown,
        }
    }

    fn binary(&mut self, op: BinOp, l: Value, r: Value) -> Value {
        match (op, l, r) {
            (BinOp::Add, Value::Num(a), Value::Num(b)) => Value::Num(a.wrapping_add(b)),
            (BinOp::Add, Value::List(mut a), Value::List(b)) => {
                a.extend(b);
                Value::List(a)
            }
            (BinOp::Add, l @ (Value::Data(_) | Value::Env), r) | (BinOp::Add, r, l @ (Value::Data(_) | Value::Env)) => {
                Value::Data(Value::List(vec![l, r]).sources())
            }
            (BinOp::Add, l, r) => match (text_or_unknown(&l), text_or_unknown(&r)) {
                (Some(a), Some(b)) if a.len() + b.len() <= MAX_TEXT => Value::Str { text: a + &b, decoded: l.decoded() || r.decoded() },
                _ => Value::Unknown,
            },
            (BinOp::Div, l @ Value::Str { .. }, r) => path_join(&[l, r]),
            (BinOp::Mod, Value::Str { text, decoded }, r) => {
                let args = match r {
                    Value::List(items) => items,
                    other => vec![other],
                };
                percent_format(&text, &args).map_or(Value::Unknown, |t| Value::Str { text: t, decoded })
            }
            (_, l, r) => {
                let s = Value::List(vec![l, r]).sources();
                if s.is_empty() { Value::Unknown } else { Value::Data(s) }
            }
        }
    }

    // ----- calls -----

    fn call(&mut self, func: &Expr, args: &[Expr], kwargs: &[(String, Expr)]) -> Value {
        let (receiver, callee) = match func {
            Expr::Attr(obj, name) => {
                let r = self.expr(obj);
                (Some(r), Some(name.as_str()))
            }
            _ => (None, None),
        };
        let argv: Vec<Value> = args.iter().map(|a| self.expr(a)).collect();
        let kw: Vec<(String, Value)> = kwargs.iter().map(|(k, v)| (k.clone(), self.expr(v))).collect();
        match (receiver, callee) {
            (Some(r @ Value::Ref(_)), Some("then")) => self.call_method(r, "then", argv, &kw),
            (Some(Value::Ref(q)), Some(name)) => {
                let q = self.table.canonical(&format!("{q}.{name}"));
                self.call_named(&q, None, argv, &kw)
            }
            (Some(Value::Object(class)), Some(name)) => {
                let q = self.table.canonical(&format!("{class}.{name}"));
                if self.table.call(&q).is_some() || self.table.values.contains_key(&q) {
                    return self.call_named(&q, None, argv, &kw);
                }
                self.call_method(Value::Object(class), name, argv, &kw)
            }
            (Some(r), Some(name)) => self.call_method(r, name, argv, &kw),
            _ => match self.expr(func) {
                Value::Ref(q) => self.call_named(&q, None, argv, &kw),
                Value::Func(f) => self.call_function(&f, argv),
                other => {
                    self.callbacks(&argv);
                    let all: Vec<Value> = std::iter::once(other).chain(argv).chain(kw.into_iter().map(|(_, v)| v)).collect();
                    let s = Value::List(all).sources();
                    if s.is_empty() { Value::Unknown } else { Value::Data(s) }
                }
            },
        }
    }

    fn call_function(&mut self, f: &Rc<Function>, args: Vec<Value>) -> Value {
        if self.returns.len() >= MAX_CALL_DEPTH {
            return Value::Unknown;
        }
        self.called.insert(Rc::as_ptr(f));
        let mut scope = HashMap::new();
        let mut args = args.into_iter();
        for p in &f.params {
            scope.insert(p.clone(), args.next().unwrap_or(Value::Unknown));
        }
        self.scopes.push(scope);
        self.returns.push(None);
        self.block(&f.body);
        self.scopes.pop();
        self.returns.pop().flatten().unwrap_or(Value::Unknown)
    }

    /// A call of a module function, class or global, by qualified name.
    fn call_named(&mut self, q: &str, receiver: Option<Value>, args: Vec<Value>, kw: &[(String, Value)]) -> Value {
        let table = self.table;
        let effect = table.call(q).map(|row| self.effect(q, row, receiver.as_ref(), &args, kw));
        if let Some(op) = table.values.get(q) {
            return self.op(*op, q, &args);
        }
        if let Some(v) = effect {
            return v;
        }
        // An unknown call: its callbacks run, its result carries what its arguments carry.
        let all: Vec<Value> = args.into_iter().chain(kw.iter().map(|(_, v)| v.clone())).collect();
        self.callbacks(&all);
        let s = Value::List(all).sources();
        if s.is_empty() { Value::Object(q.to_string()) } else { Value::Data(s) }
    }

    /// A method call on a value that is not a module.
    fn call_method(&mut self, r: Value, name: &str, args: Vec<Value>, kw: &[(String, Value)]) -> Value {
        if let Some(v) = builtin_method(&r, name, &args) {
            return v;
        }
        if let Some(v) = self.list_map(&r, name, &args) {
            return v;
        }
        if let ("then", Some(f @ (Value::Func(_) | Value::Ref(_)))) = (name, args.first()) {
            // A promise's callback gets the value the promise settles to.
            return self.map(f, vec![r]).into_first();
        }
        if let Value::File { path, append } = &r {
            if matches!(name, "write" | "writelines" | "print" | "puts" | "printf" | "say" | "syswrite" | "<<") {
                let data = match args.as_slice() {
                    [one] => one.clone(),
                    many => Value::List(many.to_vec()),
                };
                let data = match data {
                    // `print $fh "a", "b"`: the text written is the parts joined.
                    Value::List(items) if items.iter().all(|v| v.text().is_some()) => join(&items, "", items.iter().any(Value::decoded)),
                    other => other,
                };
                if data.sources().is_empty() && data.text().is_none() {
                    return Value::Unknown;
                }
                let (path, append) = (Rc::clone(path), *append);
                self.write(&path, append, Some(&data));
                return Value::Unknown;
            }
        }
        if let Value::Pipe(cmd) = &r {
            let cmd = Rc::clone(cmd);
            if matches!(name, "write" | "print" | "puts" | "printf" | "say" | "syswrite" | "<<") {
                let data = match args.as_slice() {
                    [one] => one.clone(),
                    many => join(many, "", false),
                };
                self.pipe_into(&cmd, Some(&data));
                return Value::Unknown;
            }
            // Reading from it: the command's output.
            return Value::Data(vec![cmd.to_string()]);
        }
        if matches!(r, Value::Env) && matches!(name, "get" | "fetch") {
            return args.first().and_then(Value::known).map_or(Value::Unknown, env_var);
        }
        let table = self.table;
        if let Some(row) = table.method(name) {
            return self.effect(name, row, Some(&r), &args, kw);
        }
        self.callbacks(&args);
        match r {
            // `.read()`, `.json()`, `.items()`, `.decode()`: still the same data.
            v @ (Value::Data(_) | Value::Env) => Value::Data(v.sources()),
            _ => Value::Unknown,
        }
    }

    /// Functions handed to a call the tables do not know (an event
    /// handler, `stream.on('end', () => …)`, a route, a `forEach`) run once
    /// with unknown arguments: what they do is seen whether or not the
    /// call ever invokes them.
    fn callbacks(&mut self, args: &[Value]) {
        for a in args {
            if let Value::Func(f) = a {
                if self.steps >= MAX_STEPS {
                    return;
                }
                let f = Rc::clone(f);
                let params = f.params.len();
                self.call_function(&f, vec![Value::Unknown; params]);
            }
        }
    }

    /// `list.map(f)` (JavaScript).
    fn list_map(&mut self, r: &Value, name: &str, args: &[Value]) -> Option<Value> {
        let (Value::List(items), "map") = (r, name) else { return None };
        let f = args.first()?.clone();
        Some(self.map(&f, items.clone()))
    }

    fn map(&mut self, f: &Value, items: Vec<Value>) -> Value {
        let mut out = Vec::new();
        for item in items.into_iter().take(MAX_TEXT) {
            let v = match f {
                Value::Func(func) => self.call_function(func, vec![item]),
                Value::Ref(q) => {
                    let q = q.clone();
                    self.call_named(&q, None, vec![item], &[])
                }
                _ => Value::Unknown,
            };
            out.push(v);
            if self.steps >= MAX_STEPS {
                return Value::Unknown;
            }
            self.steps += 1;
        }
        Value::List(out)
    }

    fn op(&mut self, op: Op, q: &str, args: &[Value]) -> Value {
        let first = args.first().cloned().unwrap_or(Value::Unknown);
        match op {
            Op::PathJoin => path_join(args),
            Op::Home => Value::str("~"),
            Op::Identity => match first {
                Value::Str { text, decoded } => Value::Str { text: home_spelled(&text), decoded },
                other => other,
            },
            Op::EnvGet => first.known().map_or(Value::Unknown, env_var),
            Op::Environment => Value::Env,
            Op::Import => first.known().map_or(Value::Unknown, |m| Value::Ref(self.table.canonical(m))),
            Op::Base64Decode => decode(&first, "base64"),
            Op::HexDecode => decode(&first, "hex"),
            Op::Decode => match args.get(1).and_then(Value::known) {
                Some(enc) => decode(&first, enc),
                None => first,
            },
            Op::Chars => {
                let mut s = String::new();
                for a in args {
                    match a {
                        Value::Num(n) => s.push(u32::try_from(*n).ok().and_then(char::from_u32).unwrap_or(UNKNOWN)),
                        _ => s.push(UNKNOWN),
                    }
                }
                Value::Str { text: s, decoded: false }
            }
            Op::ToString => to_text(first),
            Op::TempDir => Value::str("/tmp/rg-tmp"),
            Op::Map => {
                let items = match args.get(1) {
                    Some(Value::List(items)) => items.clone(),
                    Some(Value::Str { text, decoded }) => text.chars().map(|c| Value::Str { text: c.to_string(), decoded: *decoded }).collect(),
                    _ => return Value::Unknown,
                };
                self.map(&first, items)
            }
            Op::Object => Value::Object(q.to_string()),
            Op::Sprintf => match first.text() {
                Some(fmt) => percent_format(&fmt, &args[1..]).map_or(Value::Unknown, |t| Value::Str { text: t, decoded: first.decoded() }),
                None => Value::Unknown,
            },
            Op::PortHost => Value::List(vec![args.get(1).cloned().unwrap_or(Value::Unknown), first]),
        }
    }

    // ----- effects -----

    /// Applies one table row to a call and returns the call's value.
    fn effect(&mut self, name: &str, row: &Row, receiver: Option<&Value>, args: &[Value], kw: &[(String, Value)]) -> Value {
        let get = |a: &Args| pick(a, receiver, args, kw);
        match row.effect {
            Effect::Shell => self.shell(name, row, get(&row.command), get(&row.args), args),
            Effect::ExecCode => self.exec_code(name, get(&row.code)),
            Effect::Read => {
                let Some(p) = get(&row.path).and_then(|p| path_word(&p)) else { return Value::Unknown };
                self.read(&p)
            }
            Effect::Write | Effect::Append => {
                // Ruby's `File.write(p, d, mode: "a")` appends.
                let append = row.effect == Effect::Append || get(&row.mode).as_ref().and_then(Value::known).is_some_and(|m| m.contains('a'));
                let Some(path) = get(&row.path) else { return Value::Unknown };
                // A handle opened for appending (`open for access … with write permission`).
                let append = append || matches!(path, Value::File { append: true, .. });
                if let Value::Pipe(cmd) = &path {
                    // `fwrite($p, …)` on a handle `popen` opened: the command's input.
                    self.pipe_into(cmd, get(&row.data).as_ref());
                    return Value::Unknown;
                }
                self.write(&path, append, get(&row.data).as_ref());
                Value::Unknown
            }
            Effect::Open => {
                let mode = get(&row.mode).and_then(|m| m.known().map(str::to_string));
                let (mode, path) = match (mode, get(&row.path)) {
                    (mode, Some(path)) => (mode.unwrap_or_else(|| "r".into()), path),
                    // Perl's two-argument `open(FH, ">>$path")`: the mode is the spec's prefix.
                    (None, None) => match get(&row.mode) {
                        Some(Value::Str { text, decoded }) => {
                            let (m, p) = split_open_spec(&text);
                            (m, Value::Str { text: p, decoded })
                        }
                        _ => return Value::Unknown,
                    },
                    (Some(spec), None) => {
                        let (m, p) = split_open_spec(&spec);
                        (m, Value::str(p))
                    }
                };
                if mode.contains('&') {
                    // `open(STDOUT, ">&S")`: the process's streams now go where `S` goes.
                    self.stdio_redirected = true;
                    return Value::Unknown;
                }
                let piped = path.text().map(|t| t.trim().to_string()).filter(|t| t.starts_with('|') || t.ends_with('|'));
                if mode.contains('|') || piped.is_some() {
                    // A pipe to or from a command: `open(P, "|-", "sh")`, `open("| sh")`.
                    let to_command = mode.starts_with('|') || piped.as_deref().is_some_and(|t| t.starts_with('|'));
                    let command = match piped {
                        Some(t) => Value::str(t.trim_matches('|').trim()),
                        None => path,
                    };
                    let ran = self.shell(name, row, Some(command), None, &[]);
                    return if to_command { as_pipe(ran) } else { ran };
                }
                if mode.contains('a') || mode.contains('w') || mode.contains('x') || mode.contains('+') || mode.contains('>') {
                    let append = mode.contains('a') || mode.contains(">>");
                    self.write(&path, append, None);
                    Value::File { path: Rc::new(path), append }
                } else {
                    path_word(&path).map_or(Value::Unknown, |p| self.read(&p))
                }
            }
            Effect::Delete | Effect::DeleteTree => {
                let recursive = row.effect == Effect::DeleteTree
                    || row
                        .recursive
                        .as_ref()
                        .is_some_and(|key| kw.iter().any(|(k, v)| k == key && v.truthy()) || args.iter().any(|a| a.field(key).is_some_and(Value::truthy)));
                let Some(p) = get(&row.path).and_then(|p| path_word(&p)) else { return Value::Unknown };
                self.emit(format!("rm {} {p}", if recursive { "-rf" } else { "-f" }));
                Value::Unknown
            }
            Effect::Copy | Effect::Move => {
                let (Some(from), Some(to)) = (get(&row.path).and_then(|p| path_word(&p)), get(&row.to).and_then(|p| path_word(&p))) else {
                    return Value::Unknown;
                };
                self.emit(format!("{} {from} {to}", if row.effect == Effect::Copy { "cp -r" } else { "mv" }));
                Value::Unknown
            }
            Effect::Chmod => {
                let Some(p) = get(&row.path).and_then(|p| path_word(&p)) else { return Value::Unknown };
                let mode = match get(&row.mode) {
                    Some(Value::Num(n)) => format!("{n:o}"),
                    Some(v) => v.known().map_or_else(|| UNKNOWN_SHELL.to_string(), word),
                    None => return Value::Unknown,
                };
                self.emit(format!("chmod {mode} {p}"));
                Value::Unknown
            }
            Effect::Fetch => {
                let Some(url) = get(&row.url) else { return Value::Unknown };
                let options = get(&row.options);
                let method = options.as_ref().and_then(|o| o.field("method")).and_then(Value::known).map(str::to_ascii_uppercase);
                let body = options.as_ref().and_then(|o| o.field("body").or_else(|| o.field("data"))).cloned().or_else(|| get(&row.data));
                let body = body.filter(|b| !matches!(b, Value::Null));
                if body.is_some() || method.as_deref().is_some_and(|m| !matches!(m, "GET" | "HEAD")) {
                    return self.send(&url, body.as_ref(), method.as_deref().unwrap_or("POST"));
                }
                let Some(u) = url_word(&url) else { return Value::Unknown };
                let line = format!("curl -fsSL {u}");
                self.emit(line.clone());
                Value::Data(vec![line])
            }
            Effect::Send => {
                let Some(url) = get(&row.url) else { return Value::Unknown };
                let data = get(&row.data);
                self.send(&url, data.as_ref(), "POST")
            }
            Effect::Download => {
                let (Some(url), Some(path)) = (get(&row.url).and_then(|u| url_word(&u)), get(&row.path).and_then(|p| path_word(&p))) else {
                    return Value::Unknown;
                };
                self.emit(format!("curl -fsSL -o {path} {url}"));
                Value::Unknown
            }
            Effect::Connect => {
                let (host, port) = match get(&row.address) {
                    Some(Value::List(pair)) => (pair.first().cloned(), pair.get(1).cloned()),
                    Some(v @ Value::Str { .. }) => (Some(v), None),
                    _ => {
                        let port = get(&row.port);
                        match port {
                            // `net.connect({host, port})`.
                            Some(o @ Value::Dict(_)) => (o.field("host").cloned(), o.field("port").cloned()),
                            _ => (get(&row.host).or_else(|| Some(Value::str("localhost"))), port),
                        }
                    }
                };
                let host = host.and_then(|h| h.text()).unwrap_or_else(|| UNKNOWN.to_string());
                let port = port.and_then(|p| p.text());
                // `PeerAddr => "host:port"`.
                let (host, port) = match (port, host.rsplit_once(':')) {
                    (None, Some((h, p))) if !h.contains(':') && p.bytes().all(|b| b.is_ascii_digit()) && !p.is_empty() => (h.to_string(), p.to_string()),
                    (port, _) => (host, port.unwrap_or_else(|| UNKNOWN.to_string())),
                };
                if !self.connections.contains(&(host.clone(), port.clone())) {
                    self.connections.push((host, port));
                }
                receiver.cloned().unwrap_or(Value::Object(name.to_string()))
            }
            Effect::SocketSend => {
                let Some((host, port)) = self.connections.iter().rev().find(|(h, _)| !is_local(h)).cloned() else { return Value::Unknown };
                let nc = format!("nc {} {}", word(&host), word(&port));
                let sources = get(&row.data).map(|d| d.sources()).unwrap_or_default();
                if sources.is_empty() {
                    self.emit(nc.clone());
                }
                for s in sources {
                    self.emit(format!("{s} | {nc}"));
                }
                Value::Unknown
            }
            Effect::RedirectStdio => {
                self.stdio_redirected = true;
                Value::Unknown
            }
            Effect::PipeTo => {
                let Some(command) = get(&row.command) else { return Value::Unknown };
                let Some(cmd) = command.known().map(str::to_string) else {
                    self.gap(format!("`{name}` writes to a command the analysis could not resolve"));
                    return Value::Unknown;
                };
                if !self.pipe_into(&cmd, get(&row.data).as_ref()) {
                    self.emit(cmd);
                }
                Value::Unknown
            }
            Effect::PipeOpen => {
                let ran = self.shell(name, row, get(&row.command), None, args);
                as_pipe(ran)
            }
            Effect::Print => {
                let mut sources = get(&row.data).map(|d| d.sources()).unwrap_or_default();
                if row.data.0.is_empty() {
                    for v in args {
                        sources.extend(v.sources());
                    }
                }
                for s in sources {
                    self.emit(s);
                }
                Value::Unknown
            }
        }
    }

    /// Emits `FEED | cmd` for what `data` feeds; false when it feeds nothing.
    fn pipe_into(&mut self, cmd: &str, data: Option<&Value>) -> bool {
        let feeds = feeds(data);
        for f in &feeds {
            self.emit(format!("{f} | {cmd}"));
        }
        !feeds.is_empty()
    }

    fn read(&mut self, path: &str) -> Value {
        let line = format!("cat {path}");
        self.emit(line.clone());
        Value::Data(vec![line])
    }

    fn write(&mut self, path: &Value, append: bool, data: Option<&Value>) {
        let Some(p) = path_word(path) else { return };
        let tee = if append { format!("tee -a {p}") } else { format!("tee {p}") };
        let sources = feeds(data);
        if sources.is_empty() {
            self.emit(tee);
        } else {
            for s in sources {
                self.emit(format!("{s} | {tee}"));
            }
        }
    }

    fn send(&mut self, url: &Value, data: Option<&Value>, method: &str) -> Value {
        let Some(u) = url_word(url) else { return Value::Unknown };
        let sources = data.map(Value::sources).unwrap_or_default();
        let line = if sources.is_empty() {
            match data.and_then(|d| d.text().or_else(|| d.known().map(str::to_string))) {
                Some(t) if !t.contains(UNKNOWN) => format!("curl -X {method} -d {} {u}", word(&t)),
                _ => format!("curl -X {method} --data-binary @- {u}"),
            }
        } else {
            let mut last = String::new();
            for s in sources {
                last = format!("{s} | curl -X {method} --data-binary @- {u}");
                self.emit(last.clone());
            }
            return Value::Data(vec![last]);
        };
        self.emit(line.clone());
        Value::Data(vec![line])
    }

    /// A process spawn: `command` is shell code (a string) or an argument
    /// vector (a list, or a string followed by `args`/`rest`).
    fn shell(&mut self, name: &str, row: &Row, command: Option<Value>, extra: Option<Value>, args: &[Value]) -> Value {
        let mut rest: Vec<Value> = match extra {
            Some(Value::List(items)) => items,
            _ => Vec::new(),
        };
        if let Some(from) = row.rest {
            rest.extend(args.iter().skip(from).cloned());
        }
        let command = command.unwrap_or(Value::Unknown);
        let argv: Option<Vec<Value>> = match &command {
            Value::List(items) => Some(items.iter().cloned().chain(rest).collect()),
            Value::Str { .. } if !rest.is_empty() => Some(std::iter::once(command.clone()).chain(rest).collect()),
            _ => None,
        };
        let line = if let Some(argv) = argv {
            if argv.is_empty() {
                return Value::Unknown;
            }
            if argv.iter().any(Value::decoded) {
                let joined: String = argv.iter().filter_map(Value::text).collect::<Vec<_>>().join(" ");
                self.obfuscated(&joined, "sh");
            }
            let program = argv[0].known().map(|p| p.rsplit('/').next().unwrap_or(p).to_string());
            if program.as_deref().is_some_and(crate::ir::programs::is_shell)
                && !argv.iter().skip(1).any(|a| a.known().is_some_and(|t| t.starts_with('-') && t.contains('c')))
            {
                self.interactive_shell = true;
            }
            argv.iter().map(argv_word).collect::<Vec<_>>().join(" ")
        } else {
            match &command {
                Value::Str { text, decoded } => {
                    if *decoded {
                        self.obfuscated(text, "sh");
                    }
                    let program = text.split_whitespace().next().map(|p| p.rsplit('/').next().unwrap_or(p).to_string());
                    let interactive = text.split_whitespace().any(|w| w == "-i") || text.split_whitespace().count() <= 2;
                    if program.as_deref().is_some_and(crate::ir::programs::is_shell) && !text.contains(" -c") && interactive {
                        self.interactive_shell = true;
                    }
                    text.replace(UNKNOWN, UNKNOWN_SHELL)
                }
                Value::Data(sources) => {
                    for s in sources.clone() {
                        self.emit(format!("{s} | sh"));
                    }
                    return Value::Data(vec![]);
                }
                _ => {
                    self.gap(format!("`{name}` runs a command the analysis could not resolve"));
                    return Value::Unknown;
                }
            }
        };
        if line.trim().is_empty() {
            return Value::Unknown;
        }
        self.emit(line.clone());
        Value::Data(vec![line])
    }

    /// `exec`/`eval` of code in the same language.
    fn exec_code(&mut self, name: &str, code: Option<Value>) -> Value {
        match code {
            Some(Value::Func(f)) => self.call_function(&f, Vec::new()),
            Some(v @ Value::Str { .. }) if v.known().is_some() => {
                let text = v.known().unwrap_or_default().to_string();
                if v.decoded() {
                    let program = self.table.program.clone();
                    self.obfuscated(&text, &program);
                }
                if self.exec_nesting >= MAX_EXEC_NESTING {
                    self.gap(format!("`{name}` runs code nested too deep to follow"));
                    return Value::Unknown;
                }
                let lowered = (self.lower)(&text);
                if lowered.errors {
                    self.gap(format!("`{name}` runs code that does not parse"));
                } else {
                    self.exec_nesting += 1;
                    self.block(&lowered.stmts);
                    self.exec_nesting -= 1;
                }
                v
            }
            Some(v @ (Value::Data(_) | Value::Env)) => {
                let program = self.table.program.clone();
                for s in v.sources() {
                    self.emit(format!("{s} | {program}"));
                }
                Value::Unknown
            }
            _ => {
                self.gap(format!("`{name}` runs code the analysis could not resolve"));
                Value::Unknown
            }
        }
    }

    /// Code rebuilt by a decoder and then run: spelled as the shell's
    /// decode-and-run pipeline, which the shell rules judge as such.
    fn obfuscated(&mut self, text: &str, program: &str) {
        let clean = text.replace(UNKNOWN, "");
        let b64 = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
        self.emit(format!("echo {b64} | base64 -d | {program}"));
    }
}

/// The value of running one command, as a pipe to its input (`popen`).
fn as_pipe(ran: Value) -> Value {
    match ran {
        Value::Data(lines) if lines.len() == 1 => Value::Pipe(Rc::new(lines[0].clone())),
        other => other,
    }
}

/// What a write or pipe feeds: the commands the data came from, or known
/// text spelled `printf '%s\n' TEXT` so the shell rules read what is written.
fn feeds(data: Option<&Value>) -> Vec<String> {
    let sources = data.map(Value::sources).unwrap_or_default();
    if !sources.is_empty() {
        return sources;
    }
    data.and_then(Value::text).filter(|t| t.chars().any(|c| c != UNKNOWN)).map(|t| format!("printf '%s\\n' {}", marked_word(&t))).into_iter().collect()
}

/// Perl's two-argument open spec: (`>>`, `path`), (`|`, `cmd`) for
/// `"| cmd"` and `"cmd |"`, (`&`, `S`) for a duplicated handle.
fn split_open_spec(spec: &str) -> (String, String) {
    let t = spec.trim();
    for m in ["+>>", "+<", "+>", ">>&", ">&", "<&", ">>", ">", "<", "|"] {
        if let Some(rest) = t.strip_prefix(m) {
            return (m.to_string(), rest.trim_start_matches('=').trim().to_string());
        }
    }
    if let Some(rest) = t.strip_suffix('|') {
        return ("|".into(), rest.trim().to_string());
    }
    ("<".into(), t.to_string())
}

/// The value of the role `a` in a call.
fn pick(a: &Args, receiver: Option<&Value>, args: &[Value], kw: &[(String, Value)]) -> Option<Value> {
    for arg in &a.0 {
        let v = match arg {
            Arg::At(n) => args.get(*n).cloned(),
            Arg::Receiver => receiver.cloned(),
            Arg::Key(k) => kw.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).or_else(|| args.iter().rev().find_map(|o| o.field(k).cloned())),
        };
        if v.is_some() {
            return v;
        }
    }
    None
}

/// String methods and list methods every language shares.
fn builtin_method(r: &Value, name: &str, args: &[Value]) -> Option<Value> {
    let first = args.first();
    Some(match (r, name) {
        // Python `sep.join(items)`.
        (Value::Str { text: sep, decoded }, "join") => match first? {
            Value::List(items) => join(items, sep, *decoded),
            v @ Value::Data(_) => v.clone(),
            _ => Value::Unknown,
        },
        // JavaScript `items.join(sep)`.
        (Value::List(items), "join") => join(items, first.and_then(Value::known).unwrap_or(","), false),
        (Value::List(items), "reverse") => Value::List(items.iter().rev().cloned().collect()),
        (Value::List(items), "concat") => {
            Value::List(items.iter().cloned().chain(args.iter().flat_map(|a| if let Value::List(v) = a { v.clone() } else { vec![a.clone()] })).collect())
        }
        (Value::Str { text, decoded }, "split") => {
            let sep = first.and_then(Value::known);
            let parts: Vec<Value> = match sep {
                Some("") => text.chars().map(|c| Value::Str { text: c.to_string(), decoded: *decoded }).collect(),
                Some(s) => text.split(s).map(|p| Value::Str { text: p.to_string(), decoded: *decoded }).collect(),
                None => text.split_whitespace().map(|p| Value::Str { text: p.to_string(), decoded: *decoded }).collect(),
            };
            Value::List(parts)
        }
        (Value::Str { text, decoded }, "replace" | "replaceAll") => {
            let (Some(a), Some(b)) = (first.and_then(Value::known), args.get(1).and_then(Value::known)) else { return Some(Value::Unknown) };
            if a.is_empty() {
                return Some(r.clone());
            }
            Value::Str { text: text.replace(a, b), decoded: *decoded }
        }
        (Value::Str { text, decoded }, "format") => Value::Str { text: brace_format(text, args), decoded: *decoded },
        (Value::Str { text, decoded }, "strip" | "trim" | "rstrip" | "lstrip" | "trimEnd" | "trimStart") => {
            Value::Str { text: text.trim().to_string(), decoded: *decoded }
        }
        (Value::Str { .. }, "encode" | "toString" | "valueOf" | "expanduser" | "resolve" | "absolute" | "as_posix") => {
            match (name, first.and_then(Value::known)) {
                ("toString", Some(enc)) => decode(r, enc),
                _ => match r {
                    Value::Str { text, decoded } => Value::Str { text: home_spelled(text), decoded: *decoded },
                    _ => r.clone(),
                },
            }
        }
        (Value::Str { text, decoded }, "decode") => match first.and_then(Value::known) {
            Some(enc) => decode(r, enc),
            None => Value::Str { text: text.clone(), decoded: *decoded },
        },
        (Value::Str { .. }, "joinpath") => path_join(&std::iter::once(r.clone()).chain(args.iter().cloned()).collect::<Vec<_>>()),
        (Value::Str { text, decoded }, "concat") => {
            let mut t = text.clone();
            for a in args {
                t.push_str(&a.text().unwrap_or_else(|| UNKNOWN.to_string()));
            }
            Value::Str { text: t, decoded: *decoded }
        }
        _ => return None,
    })
}

fn join(items: &[Value], sep: &str, decoded: bool) -> Value {
    if items.iter().any(|v| matches!(v, Value::Data(_) | Value::Env)) {
        return Value::Data(items.iter().flat_map(Value::sources).collect());
    }
    let parts: Vec<String> = items.iter().map(|v| v.text().unwrap_or_else(|| UNKNOWN.to_string())).collect();
    let decoded = decoded || items.iter().any(Value::decoded);
    let text = parts.join(sep);
    if text.len() > MAX_TEXT { Value::Unknown } else { Value::Str { text, decoded } }
}

fn index(o: Value, i: &Value) -> Value {
    match (&o, i) {
        (Value::Env, _) => i.known().map_or(Value::Data(vec!["env".into()]), env_var),
        (Value::List(items), Value::Num(n)) => {
            let n = if *n < 0 { i64::try_from(items.len()).unwrap_or(0) + n } else { *n };
            usize::try_from(n).ok().and_then(|n| items.get(n).cloned()).unwrap_or(Value::Unknown)
        }
        (Value::Dict(_), _) => i.known().and_then(|k| o.field(k).cloned()).unwrap_or(Value::Unknown),
        (Value::Data(_), _) => o,
        (Value::Str { text, decoded }, Value::Num(n)) if !text.contains(UNKNOWN) => {
            usize::try_from(*n).ok().and_then(|n| text.chars().nth(n)).map_or(Value::Unknown, |c| Value::Str { text: c.to_string(), decoded: *decoded })
        }
        _ => Value::Unknown,
    }
}

/// An environment variable's value: the home directory and user are known,
/// any other is data read from the environment (`printenv NAME`).
fn env_var(name: &str) -> Value {
    match name {
        "HOME" | "USERPROFILE" => Value::str("~"),
        "PWD" => Value::str("."),
        "TMPDIR" | "TMP" | "TEMP" => Value::str("/tmp"),
        _ if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.is_empty() => Value::Data(vec![format!("printenv {name}")]),
        _ => Value::Unknown,
    }
}

fn to_text(v: Value) -> Value {
    match v {
        Value::Num(n) => Value::str(n.to_string()),
        Value::Bool(b) => Value::str(if b { "True" } else { "False" }),
        s @ (Value::Str { .. } | Value::Data(_)) => s,
        Value::Env => Value::Data(vec!["env".into()]),
        _ => Value::str(UNKNOWN.to_string()),
    }
}

fn text_or_unknown(v: &Value) -> Option<String> {
    match v {
        Value::Str { text, .. } => Some(text.clone()),
        Value::Num(n) => Some(n.to_string()),
        Value::Unknown | Value::Null | Value::Object(_) | Value::Ref(_) | Value::Func(_) | Value::File { .. } | Value::Pipe(_) => Some(UNKNOWN.to_string()),
        _ => None,
    }
}

fn path_join(parts: &[Value]) -> Value {
    let mut out = String::new();
    for p in parts {
        let t = match p {
            Value::List(_) | Value::Dict(_) => continue,
            other => other.text().unwrap_or_else(|| UNKNOWN.to_string()),
        };
        let t = home_spelled(&t);
        if t.starts_with('/') || t.starts_with('~') || out.is_empty() {
            out = t;
        } else if out.ends_with('/') {
            out.push_str(&t);
        } else {
            out.push('/');
            out.push_str(&t);
        }
    }
    if out.is_empty() { Value::Unknown } else { Value::str(out) }
}

/// `$HOME/x` and `${HOME}/x` (as `expanduser`/`expandvars` see them) as `~/x`.
fn home_spelled(t: &str) -> String {
    for prefix in ["$HOME", "${HOME}"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            if rest.is_empty() || rest.starts_with('/') {
                return format!("~{rest}");
            }
        }
    }
    t.to_string()
}

fn decode(v: &Value, encoding: &str) -> Value {
    let Some(text) = v.known() else { return Value::Unknown };
    let bytes = match encoding.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
        "base64" | "b64" => {
            let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let engines = [&base64::engine::general_purpose::STANDARD, &base64::engine::general_purpose::URL_SAFE];
            let Some(b) = engines
                .iter()
                .find_map(|e| e.decode(clean.as_bytes()).ok())
                .or_else(|| base64::engine::general_purpose::STANDARD_NO_PAD.decode(clean.trim_end_matches('=').as_bytes()).ok())
            else {
                return Value::Unknown;
            };
            b
        }
        "hex" => {
            let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if clean.len() % 2 != 0 || !clean.chars().all(|c| c.is_ascii_hexdigit()) {
                return Value::Unknown;
            }
            (0..clean.len()).step_by(2).filter_map(|i| u8::from_str_radix(&clean[i..i + 2], 16).ok()).collect()
        }
        "rot13" => {
            let t: String = text
                .chars()
                .map(|c| match c {
                    'a'..='z' => char::from(b'a' + (c as u8 - b'a' + 13) % 26),
                    'A'..='Z' => char::from(b'A' + (c as u8 - b'A' + 13) % 26),
                    _ => c,
                })
                .collect();
            return Value::Str { text: t, decoded: false };
        }
        _ => return v.clone(),
    };
    String::from_utf8(bytes).map_or(Value::Unknown, |t| Value::Str { text: t, decoded: true })
}

/// Python's `'%s' % args`.
fn percent_format(fmt: &str, args: &[Value]) -> Option<String> {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        // Skip flags and width.
        while chars.peek().is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | ' ' | '+' | '#')) {
            chars.next();
        }
        match chars.next()? {
            '%' => out.push('%'),
            's' | 'd' | 'i' | 'r' | 'x' | 'o' | 'f' => out.push_str(&args.next().and_then(Value::text).unwrap_or_else(|| UNKNOWN.to_string())),
            _ => return None,
        }
    }
    Some(out)
}

/// Python's `'{} {0} {name}'.format(…)` (positional and numbered fields;
/// named fields are unknown).
fn brace_format(fmt: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut next = 0;
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut field = String::new();
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    field.push(c);
                }
                let name = field.split([':', '!']).next().unwrap_or_default();
                let v = if name.is_empty() {
                    next += 1;
                    args.get(next - 1)
                } else {
                    name.parse::<usize>().ok().and_then(|i| args.get(i))
                };
                out.push_str(&v.and_then(Value::text).unwrap_or_else(|| UNKNOWN.to_string()));
            }
            c => out.push(c),
        }
    }
    out
}

/// True for a loopback host.
fn is_local(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "localhost" | "::1" | "0.0.0.0" | "") || host.starts_with("127.")
}

/// A string as one shell word.
pub(crate) fn word(t: &str) -> String {
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:@%+,".contains(c)) {
        t.to_string()
    } else {
        format!("'{}'", t.replace('\'', r"'\''"))
    }
}

/// A string with unknown parts as one shell word (`'a'"$rg_unknown"'b'`).
fn marked_word(t: &str) -> String {
    let home = t == "~" || t.starts_with("~/");
    let (lead, body) = if home { ("~", &t[1..]) } else { ("", t) };
    let mut out = String::from(lead);
    for (i, part) in body.split(UNKNOWN).enumerate() {
        if i > 0 {
            out.push('"');
            out.push_str(UNKNOWN_SHELL);
            out.push('"');
        }
        if !part.is_empty() {
            out.push_str(&word(part));
        }
    }
    out
}

/// A file path as a shell word; `None` when nothing of it is known.
fn path_word(v: &Value) -> Option<String> {
    let t = match v {
        Value::File { path, .. } => return path_word(path),
        other => other.text()?,
    };
    if t.is_empty() || !t.chars().any(|c| c != UNKNOWN) || t.contains(['\n', '\0']) {
        return None;
    }
    if !t.contains(['*', '?']) {
        return Some(marked_word(&t));
    }
    // A pattern (`glob(…)`, `unlink <~/.ssh/*>`): its wildcards stay bare,
    // so the shell rules read every file it may match.
    let mut out = String::new();
    for (i, part) in t.split(['*', '?']).enumerate() {
        if i > 0 {
            out.push('*');
        }
        if !part.is_empty() {
            out.push_str(&marked_word(part));
        }
    }
    Some(out)
}

/// A URL as a shell word; `None` when nothing of it is known.
fn url_word(v: &Value) -> Option<String> {
    match v {
        Value::Str { .. } => path_word(v),
        Value::Object(_) | Value::Unknown => Some(format!("\"{UNKNOWN_SHELL}\"")),
        _ => None,
    }
}

/// One element of an argument vector as a shell word.
fn argv_word(v: &Value) -> String {
    match v.text() {
        Some(t) if !t.contains('\0') => marked_word(&t),
        // Data read earlier and passed as an argument: the shell's `"$(SOURCE)"`.
        _ if matches!(v, Value::Data(_) | Value::Env) && !v.sources().is_empty() => format!("\"$({})\"", v.sources().join("; ")),
        _ => format!("\"{UNKNOWN_SHELL}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_parts_become_an_unset_variable() {
        assert_eq!(marked_word("~/.ssh/id_rsa"), "~/.ssh/id_rsa");
        assert_eq!(marked_word(&format!("/srv/{UNKNOWN}/x")), "/srv/\"$rg_unknown\"/x");
        assert_eq!(marked_word("a b"), "'a b'");
    }

    #[test]
    fn formats_and_decoders() {
        assert_eq!(percent_format("rm -rf %s", &[Value::str("~")]).as_deref(), Some("rm -rf ~"));
        assert_eq!(brace_format("{} {1}", &[Value::str("a"), Value::str("b")]), "a b");
        assert_eq!(decode(&Value::str("cm0gLXJmIH4="), "base64").known(), Some("rm -rf ~"));
        assert_eq!(decode(&Value::str("726d"), "hex").known(), Some("rm"));
        assert_eq!(decode(&Value::str("ez"), "rot13").known(), Some("rm"));
        assert_eq!(path_join(&[Value::str("$HOME"), Value::str(".bashrc")]).known(), Some("~/.bashrc"));
        assert_eq!(path_join(&[Value::str("a"), Value::str("/etc"), Value::str("x")]).known(), Some("/etc/x"));
    }
}
