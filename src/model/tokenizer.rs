//! The `tokenizers` wrapper: model text -> a bag of token ids.
//!
//! The tokenizer is a WordPiece model with BERT pre-tokenisation (split on
//! whitespace and punctuation), trained on `datasets/` by `riskgate train`.
//! The classifier loads it only when the rules leave a decision to the model.
//!
//! Loading is start-up time of every hook call the model decides, so there
//! are three readings, fastest first (issue 21; README "Speed"):
//!
//! 1. **The embedded file** is a static table `build.rs` wrote
//!    (`StaticTable`: the sorted words in one string, their ends and ids;
//!    no pointer per word, so nothing for the loader to relocate). Loading
//!    it costs nothing; encoding is `tokenizers`' algorithm (added tokens
//!    split first, BERT pre-tokenisation, greedy longest-match WordPiece),
//!    written out here over that table. `build.rs` makes the table only of a
//!    file of the shape below; otherwise the embedded file takes reading 2.
//! 2. **A file of the shape `riskgate train` writes** (a WordPiece model,
//!    `BertPreTokenizer`, nothing else but added tokens that are words of the
//!    model) is read into a plain struct whose `model` field is `WordPiece`'s
//!    own deserializer, and the tokenizer built from its parts as
//!    `tokenizers` builds it. `tokenizers`' own reader goes through serde's
//!    buffered `Content` for its tagged enums: about a millisecond for our
//!    4,096 words, a quarter of a model-decided hook call.
//! 3. **Any other file** is read by `tokenizers` itself.
//!
//! `tokenizers` stays the reference: tests hold readings 1 and 2 to
//! reading 3's ids on every command of the corpus and the hand-written
//! dataset and on 20,000 generated texts at the pre-tokenizer's edges.

use serde::Deserialize;
use serde::de::IgnoredAny;
use tokenizers::models::wordpiece::WordPiece;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::{AddedToken, Tokenizer};

/// A loaded tokenizer.
pub struct Tok {
    inner: Inner,
}

enum Inner {
    /// The embedded file, as the static table `build.rs` made of it.
    Table(&'static StaticTable),
    /// Any other file, read by `tokenizers`.
    Library(Box<Tokenizer>),
}

/// A WordPiece vocabulary with BERT pre-tokenisation, as static data
/// (`build.rs` writes the embedded model's; see the module docs).
#[derive(Debug)]
pub(crate) struct StaticTable {
    /// Every word, sorted, one after the other.
    words: &'static str,
    /// The end offset in `words` of each word.
    ends: &'static [u32],
    /// The id of each word.
    ids: &'static [u32],
    /// Id of the unknown-word token.
    unk: u32,
    /// Prefix of a word's continuing pieces (`##`).
    prefix: &'static str,
    /// Words of more characters are the unknown token.
    max_chars: usize,
    /// Added tokens, matched verbatim before pre-tokenisation, with their ids.
    added: &'static [(&'static str, u32)],
}

include!(concat!(env!("OUT_DIR"), "/vocab.rs"));

impl StaticTable {
    fn word(&self, i: usize) -> &'static str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.words[start..self.ends[i] as usize]
    }

    fn id(&self, word: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = usize::midpoint(lo, hi);
            match self.word(mid).cmp(word) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(self.ids[mid]),
            }
        }
        None
    }

    /// What `tokenizers` encodes (no special tokens added), its first `max` ids.
    fn encode(&self, text: &str, max: usize) -> Vec<u32> {
        let mut out = Vec::new();
        let mut rest = text;
        // Added tokens split the text first: leftmost match, longest at
        // that position (aho-corasick's LeftmostLongest, as `tokenizers`).
        while !rest.is_empty() && out.len() < max {
            let found = rest.char_indices().find_map(|(at, _)| {
                self.added.iter().filter(|(w, _)| rest[at..].starts_with(w)).max_by_key(|(w, _)| w.len()).map(|&(w, id)| (at, w.len(), id))
            });
            let (before, token) = match found {
                Some((at, len, id)) => {
                    let before = &rest[..at];
                    rest = &rest[at + len..];
                    (before, Some(id))
                }
                None => (std::mem::take(&mut rest), None),
            };
            self.pre_tokenized(before, &mut out, max);
            out.extend(token);
        }
        out.truncate(max);
        out
    }

    /// BERT pre-tokenisation: whitespace separates words and is dropped;
    /// each punctuation character is a word of its own.
    fn pre_tokenized(&self, text: &str, out: &mut Vec<u32>, max: usize) {
        let mut start = None;
        for (at, c) in text.char_indices() {
            let space = c.is_whitespace();
            if space || is_bert_punctuation(c) {
                if let Some(s) = start.take() {
                    self.word_pieces(&text[s..at], out);
                }
                if !space {
                    self.word_pieces(&text[at..at + c.len_utf8()], out);
                }
                if out.len() >= max {
                    return;
                }
            } else if start.is_none() {
                start = Some(at);
            }
        }
        if let Some(s) = start {
            self.word_pieces(&text[s..], out);
        }
    }

    /// WordPiece: the longest vocabulary prefix, then the longest prefixed
    /// continuation, and so on; a word that does not split so (or is too
    /// long) is the unknown token.
    fn word_pieces(&self, word: &str, out: &mut Vec<u32>) {
        if word.chars().count() > self.max_chars {
            out.push(self.unk);
            return;
        }
        let from = out.len();
        let mut piece = String::new();
        let mut start = 0;
        while start < word.len() {
            let mut end = word.len();
            let found = loop {
                let part = &word[start..end];
                let id = if start == 0 {
                    self.id(part)
                } else {
                    piece.clear();
                    piece.push_str(self.prefix);
                    piece.push_str(part);
                    self.id(&piece)
                };
                if id.is_some() {
                    break id;
                }
                match part.chars().next_back() {
                    Some(c) if end - c.len_utf8() > start => end -= c.len_utf8(),
                    _ => break None,
                }
            };
            let Some(id) = found else {
                out.truncate(from);
                out.push(self.unk);
                return;
            };
            out.push(id);
            start = end;
        }
    }
}

/// `tokenizers`' BERT punctuation: ASCII punctuation or a Unicode `P*` category.
fn is_bert_punctuation(c: char) -> bool {
    use unicode_categories::UnicodeCategories as _;
    c.is_ascii_punctuation() || c.is_punctuation()
}

impl std::fmt::Debug for Tok {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tok").field("vocab", &self.vocab_size()).finish()
    }
}

/// Most tokens read from one command.
pub const MAX_TOKENS: usize = 256;

impl Tok {
    /// Parses a `tokenizer.json`.
    ///
    /// # Errors
    /// When the JSON is not a tokenizer.
    pub fn from_json(json: &str) -> Result<Tok, String> {
        if let (Some(table), Some(embedded)) = (&STATIC_TABLE, super::EMBEDDED_TOKENIZER) {
            if json == embedded {
                return Ok(Tok { inner: Inner::Table(table) });
            }
        }
        match plain(json) {
            Some(tok) => Ok(Tok { inner: Inner::Library(Box::new(tok)) }),
            None => Self::from_json_general(json),
        }
    }

    /// Parses a `tokenizer.json` of any shape, through `tokenizers` alone.
    ///
    /// # Errors
    /// When the JSON is not a tokenizer.
    pub fn from_json_general(json: &str) -> Result<Tok, String> {
        json.parse::<Tokenizer>().map(|tok| Tok { inner: Inner::Library(Box::new(tok)) }).map_err(|e| e.to_string())
    }

    /// Vocabulary size, special tokens included.
    #[must_use]
    pub fn vocab_size(&self) -> usize {
        match &self.inner {
            Inner::Table(t) => t.ids.len(),
            Inner::Library(tok) => tok.get_vocab_size(true),
        }
    }

    /// Token ids of a text (at most [`MAX_TOKENS`]).
    ///
    /// # Errors
    /// When the tokenizer fails on the text.
    pub fn ids(&self, text: &str) -> Result<Vec<u32>, String> {
        match &self.inner {
            Inner::Table(t) => Ok(t.encode(text, MAX_TOKENS)),
            Inner::Library(tok) => {
                let enc = tok.encode(text, false).map_err(|e| e.to_string())?;
                let mut ids = enc.get_ids().to_vec();
                ids.truncate(MAX_TOKENS);
                Ok(ids)
            }
        }
    }

    /// The bag of a text: each distinct token id with its share of the tokens.
    ///
    /// # Errors
    /// When the tokenizer fails on the text.
    pub fn bag(&self, text: &str) -> Result<Vec<(u32, f32)>, String> {
        Ok(bag_of(&self.ids(text)?))
    }
}

/// The shape of `tokenizer.json` that `riskgate train` writes; another
/// shape does not deserialize into it (unknown fields are refused).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Plain {
    version: String,
    truncation: Option<IgnoredAny>,
    padding: Option<IgnoredAny>,
    added_tokens: Vec<PlainToken>,
    normalizer: Option<IgnoredAny>,
    pre_tokenizer: PlainPreTokenizer,
    post_processor: Option<IgnoredAny>,
    decoder: Option<IgnoredAny>,
    model: WordPiece,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, tag = "type")]
enum PlainPreTokenizer {
    BertPreTokenizer,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(clippy::struct_excessive_bools)] // the file's fields
struct PlainToken {
    id: u32,
    content: String,
    single_word: bool,
    lstrip: bool,
    rstrip: bool,
    normalized: bool,
    special: bool,
}

/// The tokenizer of a file of [`Plain`]'s shape, built as `tokenizers`'
/// own deserializer builds it (model and pre-tokenizer, then the added
/// tokens through `add_tokens`); `None` for any other file.
fn plain(json: &str) -> Option<Tokenizer> {
    let p: Plain = serde_json::from_str(json).ok()?;
    let unused = [&p.truncation, &p.padding, &p.normalizer, &p.post_processor, &p.decoder];
    if p.version != "1.0" || unused.iter().any(|f| f.is_some()) {
        return None;
    }
    let mut tok = Tokenizer::new(p.model);
    tok.with_pre_tokenizer(Some(match p.pre_tokenizer {
        PlainPreTokenizer::BertPreTokenizer => BertPreTokenizer,
    }));
    // An added token must already be the model's word of the same id, as in
    // every file `riskgate train` writes (its only one is `[UNK]`).
    if p.added_tokens.iter().any(|t| tok.token_to_id(&t.content) != Some(t.id)) {
        return None;
    }
    let added = p
        .added_tokens
        .into_iter()
        .map(|t| AddedToken::from(t.content, t.special).single_word(t.single_word).lstrip(t.lstrip).rstrip(t.rstrip).normalized(t.normalized));
    tok.add_tokens(added).ok()?;
    Some(tok)
}

/// Token ids -> sorted `(id, share)` pairs summing to 1.
#[must_use]
pub fn bag_of(ids: &[u32]) -> Vec<(u32, f32)> {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    let total = sorted.len().max(1) as f32;
    let mut out: Vec<(u32, f32)> = Vec::new();
    for id in sorted {
        match out.last_mut() {
            Some((last, c)) if *last == id => *c += 1.0,
            _ => out.push((id, 1.0)),
        }
    }
    for (_, c) in &mut out {
        *c /= total;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> &'static str {
        super::super::EMBEDDED_TOKENIZER.expect("models/tokenizer.json is built in")
    }

    /// Every command of the corpus and the hand-written dataset, and texts
    /// at the edges of the pre-tokenizer and the model.
    fn texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(root.join("tests/corpus")).expect("corpus") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|x| x == "tsv") {
                let text = std::fs::read_to_string(&path).expect("read");
                out.extend(text.lines().filter_map(|l| l.splitn(3, '\t').nth(2)).map(|c| c.replace("\\n", "\n")));
            }
        }
        let hand = std::fs::read_to_string(root.join("datasets/handwritten.jsonl")).expect("read");
        out.extend(hand.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()?["command"].as_str().map(str::to_string)));
        out.extend(
            [
                "",
                " ",
                "[UNK]",
                "a[UNK]b [UNK]",
                "ＬＳ -ｌａ",
                "«rm» — ‘x’",
                "日本語のテキスト",
                "emoji 🙂🙃 x",
                "tab\tnew\nline\r\n",
                "Ünïcödé ÀÉÎ",
                "x".repeat(150).as_str(),
                "\u{200b}zero\u{feff}width",
            ]
            .map(str::to_string),
        );
        assert!(out.len() > 2_000, "{} texts", out.len());
        out
    }

    /// Deterministic texts from a pool of characters at the pre-tokenizer's
    /// and the model's edges (punctuation of several classes, spaces of
    /// several kinds, added-token and continuation fragments, long runs).
    fn random_texts(n: usize) -> Vec<String> {
        let pool: Vec<&str> = vec![
            "a",
            "e",
            "rm",
            "git",
            "status",
            "ing",
            "##",
            "[",
            "]",
            "[UNK]",
            "UNK",
            "-",
            "--",
            "/",
            ".",
            "~",
            "$",
            "'",
            "\"",
            "|",
            ";",
            "&",
            "(",
            ")",
            "{",
            "}",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{3000}",
            "\u{2028}",
            "«",
            "»",
            "—",
            "…",
            "¿",
            "‘",
            "’",
            "é",
            "ß",
            "日本",
            "🙂",
            "\u{200b}",
            "\u{0301}",
            "0",
            "42",
            "_",
            "x86",
            "curl",
            "http",
            "://",
            "example.com",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..n)
            .map(|_| {
                let len = (next() % 40) as usize;
                let mut t: String = (0..len).map(|_| pool[(next() % pool.len() as u64) as usize]).collect();
                if next() % 10 == 0 {
                    t.push_str(&"ab".repeat((next() % 80) as usize));
                }
                t
            })
            .collect()
    }

    #[test]
    fn the_shipped_file_takes_the_plain_reading_and_it_tokenizes_as_tokenizers_does() {
        let fast = Tok { inner: Inner::Library(Box::new(plain(shipped()).expect("the shipped tokenizer has the plain shape"))) };
        let general = Tok::from_json_general(shipped()).expect("tokenizers reads it");
        assert_eq!(fast.vocab_size(), general.vocab_size());
        for text in texts() {
            assert_eq!(fast.ids(&text).expect("encode"), general.ids(&text).expect("encode"), "{text:?}");
        }
    }

    #[test]
    fn the_embedded_file_is_the_static_table_and_it_tokenizes_as_tokenizers_does() {
        let table = Tok::from_json(shipped()).expect("embedded");
        assert!(matches!(table.inner, Inner::Table(_)), "build.rs made a table of the shipped file");
        let general = Tok::from_json_general(shipped()).expect("tokenizers reads it");
        assert_eq!(table.vocab_size(), general.vocab_size());
        let long = "word ".repeat(400);
        for text in texts().into_iter().chain(random_texts(20_000)).chain([long]) {
            assert_eq!(table.ids(&text).expect("encode"), general.ids(&text).expect("encode"), "{text:?}");
        }
        // The same file from a directory (`--model DIR`) is another copy: it
        // is read by `tokenizers`.
        let copy = shipped().to_string();
        assert!(matches!(Tok::from_json(&format!("{copy} ")).expect("read").inner, Inner::Library(_)));
    }

    #[test]
    fn another_shape_is_read_by_tokenizers_itself() {
        let mut v: serde_json::Value = serde_json::from_str(shipped()).expect("json");
        v["normalizer"] = serde_json::json!({"type": "Lowercase"});
        let lowered = v.to_string();
        assert!(plain(&lowered).is_none(), "a normalizer is not the plain shape");
        let tok = Tok::from_json(&lowered).expect("read by tokenizers");
        assert_eq!(tok.ids("GIT STATUS").expect("encode"), tok.ids("git status").expect("encode"), "the normalizer applies");
        let mut v: serde_json::Value = serde_json::from_str(shipped()).expect("json");
        v["extra"] = serde_json::json!(1);
        assert!(plain(&v.to_string()).is_none(), "an unknown field is not the plain shape");
        let mut v: serde_json::Value = serde_json::from_str(shipped()).expect("json");
        v["added_tokens"][0]["id"] = serde_json::json!(7);
        assert!(plain(&v.to_string()).is_none(), "an added token that is another word of the model");
        assert!(Tok::from_json("{}").is_err() && Tok::from_json("not json").is_err());
    }
}
