//! The `tokenizers` wrapper: model text -> a bag of token ids.
//!
//! The tokenizer is a WordPiece model with BERT pre-tokenisation (split on
//! whitespace and punctuation), trained on `datasets/` by `riskgate train`.
//! The classifier loads it only when the rules leave a decision to the model.
//!
//! Loading: `tokenizers` reads a `tokenizer.json` through serde's buffered
//! `Content` (its model, normalizer and pre-tokenizer fields are tagged
//! enums), which cost about a millisecond of the hook's start-up for our
//! 4,096-word file, a quarter of a model-decided call (`perf`, issue 21). A
//! file of exactly the shape `riskgate train` writes (a WordPiece model,
//! `BertPreTokenizer`, nothing else but added tokens) is read instead into a
//! plain struct whose `model` field is `WordPiece`'s own deserializer, and
//! the tokenizer is built from its parts as `tokenizers` builds it; any other
//! file is read by `tokenizers` itself. Tests hold the two equal on every
//! command of the corpus and the datasets.

use serde::Deserialize;
use serde::de::IgnoredAny;
use tokenizers::models::wordpiece::WordPiece;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::{AddedToken, Tokenizer};

/// A loaded tokenizer.
pub struct Tok {
    inner: Tokenizer,
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
        match plain(json) {
            Some(inner) => Ok(Tok { inner }),
            None => Self::from_json_general(json),
        }
    }

    /// Parses a `tokenizer.json` of any shape, through `tokenizers` alone.
    ///
    /// # Errors
    /// When the JSON is not a tokenizer.
    pub fn from_json_general(json: &str) -> Result<Tok, String> {
        json.parse::<Tokenizer>().map(|inner| Tok { inner }).map_err(|e| e.to_string())
    }

    /// Vocabulary size, special tokens included.
    #[must_use]
    pub fn vocab_size(&self) -> usize {
        self.inner.get_vocab_size(true)
    }

    /// Token ids of a text (at most [`MAX_TOKENS`]).
    ///
    /// # Errors
    /// When the tokenizer fails on the text.
    pub fn ids(&self, text: &str) -> Result<Vec<u32>, String> {
        let enc = self.inner.encode(text, false).map_err(|e| e.to_string())?;
        let mut ids = enc.get_ids().to_vec();
        ids.truncate(MAX_TOKENS);
        Ok(ids)
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

    #[test]
    fn the_shipped_file_takes_the_plain_reading_and_it_tokenizes_as_tokenizers_does() {
        let fast = Tok { inner: plain(shipped()).expect("the shipped tokenizer has the plain shape") };
        let general = Tok::from_json_general(shipped()).expect("tokenizers reads it");
        assert_eq!(fast.vocab_size(), general.vocab_size());
        for text in texts() {
            assert_eq!(fast.ids(&text).expect("encode"), general.ids(&text).expect("encode"), "{text:?}");
        }
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
