//! The small syntax tree every language front end lowers to, and the only
//! one the evaluator reads. It keeps what following values and calls needs
//! (constants, names, attributes, calls, concatenation, assignments,
//! imports, function definitions) and folds everything else into
//! [`Expr::Unknown`] or into a [`Stmt::Block`] of its parts, so a construct a
//! front end does not model still has its calls evaluated.

/// An expression.
#[derive(Debug, Clone)]
pub(crate) enum Expr {
    /// A string literal with escapes decoded.
    Str(String),
    /// An integer literal.
    Num(i64),
    /// `True`/`true` or `False`/`false`.
    Bool(bool),
    /// `None`, `null`, `undefined`.
    Null,
    /// A variable or a global name.
    Name(String),
    /// `object.attribute`.
    Attr(Box<Expr>, String),
    /// `object[index]`.
    Index(Box<Expr>, Box<Expr>),
    /// `object[::-1]`.
    Reversed(Box<Expr>),
    /// A call; `new X(…)` is a call of `X`.
    Call { func: Box<Expr>, args: Vec<Expr>, kwargs: Vec<(String, Expr)> },
    /// A binary operation.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// An f-string or template literal: its parts, concatenated.
    Concat(Vec<Expr>),
    /// A list, tuple or array literal.
    List(Vec<Expr>),
    /// A dict or object literal with known keys (others are dropped).
    Dict(Vec<(String, Expr)>),
    /// A function value (`lambda`, arrow function, function expression).
    Function(Box<Function>),
    /// `[body for target in iter]`, `(… for … in …)`, and `map`-like forms.
    Comprehension { body: Box<Expr>, target: Target, iter: Box<Expr> },
    /// Anything else; its sub-expressions are still evaluated for effects.
    Unknown(Vec<Expr>),
}

/// A binary operator the evaluator knows; others are [`BinOp::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinOp {
    /// `+`.
    Add,
    /// `/` (a path join on paths).
    Div,
    /// `%` (Python's string formatting).
    Mod,
    /// Anything else.
    Other,
}

/// Where an assignment stores its value.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    /// A plain name.
    Name(String),
    /// `a, b = …` / `[a, b] = …`.
    Tuple(Vec<Target>),
    /// `const {a, b: c} = …`: (key, target).
    Fields(Vec<(String, Target)>),
    /// An attribute or subscript: the value is not followed.
    Ignored,
}

/// A function definition.
#[derive(Debug, Clone)]
pub(crate) struct Function {
    /// Parameter names in order.
    pub params: Vec<String>,
    /// The statements of its body (an expression body is one `Return`).
    pub body: Vec<Stmt>,
}

/// A statement.
#[derive(Debug, Clone)]
pub(crate) enum Stmt {
    /// An expression evaluated for its effects.
    Expr(Expr),
    /// `target = value`.
    Assign(Target, Expr),
    /// `target op= value`.
    AugAssign(Target, BinOp, Expr),
    /// `import a.b` (binds `a`), `import a.b as c` (binds `c` to `a.b`).
    Import { module: String, bind: String },
    /// `from m import n as a`: binds `a` to `m.n`.
    ImportFrom { module: String, names: Vec<(String, String)> },
    /// `def name(params): body`.
    Def { name: String, function: Function },
    /// `return value`.
    Return(Expr),
    /// `for target in iter: body`.
    For { target: Target, iter: Expr, body: Vec<Stmt> },
    /// A body run in order: branches, loops, `try`, `with`, classes. Every
    /// branch is taken, so what any path does is seen.
    Block(Vec<Stmt>),
}
