//! The `tokenizers` wrapper: model text -> a bag of token ids.
//!
//! The tokenizer is a WordPiece model with BERT pre-tokenisation (split on
//! whitespace and punctuation), trained on `datasets/` by `riskgate train`.
//! Loading one costs about a millisecond, which is why the classifier loads
//! it only when the rules leave a decision to the model.

use tokenizers::Tokenizer;

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
