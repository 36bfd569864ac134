//! tract load -> optimise -> run of the shipped ONNX file, batched. This is
//! the reference runtime: the direct pass in `weights.rs` is tested equal to
//! it, and `riskgate eval --backend tract` scores with it.

use std::io::Cursor;

use tract_onnx::prelude::*;

/// The optimised, runnable model.
pub struct TractModel {
    plan: std::sync::Arc<TypedSimplePlan>,
    vocab: usize,
    features: usize,
}

impl std::fmt::Debug for TractModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TractModel").field("vocab", &self.vocab).field("features", &self.features).finish_non_exhaustive()
    }
}

impl TractModel {
    /// Loads and optimises an ONNX model of the `weights.rs` graph.
    ///
    /// # Errors
    /// When tract cannot read or optimise the model.
    pub fn load(bytes: &[u8], vocab: usize, features: usize) -> TractResult<TractModel> {
        let model = tract_onnx::onnx().model_for_read(&mut Cursor::new(bytes))?;
        let n = model.symbols.sym("N");
        let plan = model
            .with_input_fact(0, f32::fact([n.clone().to_dim(), vocab.to_dim()]).into())?
            .with_input_fact(1, f32::fact([n.to_dim(), features.to_dim()]).into())?
            .into_optimized()?
            .into_runnable()?;
        Ok(TractModel { plan, vocab, features })
    }

    /// Runs a batch: dense bags `[n, vocab]` and features `[n, features]`,
    /// row-major. Returns per-row decision and category probabilities.
    ///
    /// # Errors
    /// When the shapes do not match or tract fails.
    pub fn run(&self, bags: &[f32], features: &[f32], n: usize) -> TractResult<Vec<([f32; 3], [f32; 12])>> {
        let bag = tract_ndarray::Array2::from_shape_vec((n, self.vocab), bags.to_vec())?;
        let feat = tract_ndarray::Array2::from_shape_vec((n, self.features), features.to_vec())?;
        let out = self.plan.run(tvec!(bag.into_tensor().into(), feat.into_tensor().into()))?;
        let d = out[0].to_plain_array_view::<f32>()?;
        let c = out[1].to_plain_array_view::<f32>()?;
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            let mut dec = [0.0f32; 3];
            let mut cat = [0.0f32; 12];
            for k in 0..3 {
                dec[k] = d[[i, k]];
            }
            for k in 0..12 {
                cat[k] = c[[i, k]];
            }
            rows.push((dec, cat));
        }
        Ok(rows)
    }
}
