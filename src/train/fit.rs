//! Fits the risk model: an embedding bag over token ids, concatenated with
//! the IR features, one hidden ReLU layer, and two heads (a softmax over
//! allow/ask/deny and independent sigmoids per category). Gradients are
//! written out by hand and optimised with Adam; everything runs on one
//! thread in a fixed order from a fixed seed, so the same data gives the
//! same weights bit for bit.
#![expect(clippy::needless_range_loop, reason = "backpropagation reads as the index formulas it implements")]

use crate::model::weights::Weights;
use crate::train::generate::Rng;

/// One training example, already featurised.
#[derive(Debug, Clone)]
pub struct Sample {
    /// Token ids with their bag weights (summing to 1).
    pub bag: Vec<(u32, f32)>,
    /// The IR feature vector.
    pub features: Vec<f32>,
    /// Gold decision index: 0 allow, 1 ask, 2 deny.
    pub label: usize,
    /// Gold categories as 0/1, in `Category::ALL` order.
    pub categories: [f32; 12],
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct Hyper {
    /// Embedding width.
    pub embed: usize,
    /// Hidden layer width.
    pub hidden: usize,
    /// Passes over the data.
    pub epochs: usize,
    /// Examples per step.
    pub batch: usize,
    /// Adam learning rate.
    pub lr: f32,
    /// Weight of the category loss relative to the decision loss.
    pub category_weight: f32,
    /// Loss weight per gold decision (allow, ask, deny).
    pub class_weight: [f32; 3],
    /// L2 penalty.
    pub l2: f32,
    /// Seed for initialisation and shuffling.
    pub seed: u64,
}

impl Default for Hyper {
    fn default() -> Self {
        Hyper { embed: 32, hidden: 64, epochs: 6, batch: 64, lr: 0.003, category_weight: 0.5, class_weight: [1.0, 1.5, 2.0], l2: 1e-4, seed: 7 }
    }
}

fn uniform(rng: &mut Rng) -> f32 {
    (rng.next_u64() >> 40) as f32 / (1u64 << 24) as f32
}

fn init(rng: &mut Rng, n: usize, fan_in: usize, fan_out: usize) -> Vec<f32> {
    let limit = (6.0 / (fan_in + fan_out) as f32).sqrt();
    (0..n).map(|_| (uniform(rng) * 2.0 - 1.0) * limit).collect()
}

struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
}

impl Adam {
    fn new(n: usize) -> Adam {
        Adam { m: vec![0.0; n], v: vec![0.0; n] }
    }

    fn step(&mut self, params: &mut [f32], grads: &[f32], lr: f32, t: i32, l2: f32) {
        let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
        let c1 = 1.0 - b1.powi(t);
        let c2 = 1.0 - b2.powi(t);
        for i in 0..params.len() {
            let g = grads[i] + l2 * params[i];
            self.m[i] = b1 * self.m[i] + (1.0 - b1) * g;
            self.v[i] = b2 * self.v[i] + (1.0 - b2) * g * g;
            params[i] -= lr * (self.m[i] / c1) / ((self.v[i] / c2).sqrt() + eps);
        }
    }
}

/// Trains weights on the samples. `vocab` is the tokenizer's size.
#[must_use]
pub fn fit(samples: &[Sample], vocab: usize, features: usize, h: &Hyper, mut log: impl FnMut(usize, f32)) -> Weights {
    let mut rng = Rng::new(h.seed);
    let (d, hid) = (h.embed, h.hidden);
    let x_dim = d + features;
    let mut w = Weights {
        vocab,
        embed: d,
        features,
        hidden: hid,
        e: init(&mut rng, vocab * d, vocab.min(64), d),
        w1: init(&mut rng, x_dim * hid, x_dim, hid),
        b1: vec![0.0; hid],
        w2d: init(&mut rng, hid * 3, hid, 3),
        b2d: vec![0.0; 3],
        w2c: init(&mut rng, hid * 12, hid, 12),
        b2c: vec![0.0; 12],
    };
    let mut opt = [Adam::new(w.e.len()), Adam::new(w.w1.len()), Adam::new(hid), Adam::new(w.w2d.len()), Adam::new(3), Adam::new(w.w2c.len()), Adam::new(12)];
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut t = 0i32;
    for epoch in 0..h.epochs {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let mut total = 0.0f32;
        for chunk in order.chunks(h.batch) {
            let mut g = Weights {
                e: vec![0.0; w.e.len()],
                w1: vec![0.0; w.w1.len()],
                b1: vec![0.0; hid],
                w2d: vec![0.0; w.w2d.len()],
                b2d: vec![0.0; 3],
                w2c: vec![0.0; w.w2c.len()],
                b2c: vec![0.0; 12],
                ..w.clone_shape()
            };
            let scale = 1.0 / chunk.len() as f32;
            for &k in chunk {
                total += backprop(&w, &samples[k], h, scale, &mut g);
            }
            t += 1;
            let lr = h.lr * (1.0 - 0.8 * epoch as f32 / h.epochs.max(1) as f32);
            opt[0].step(&mut w.e, &g.e, lr, t, h.l2);
            opt[1].step(&mut w.w1, &g.w1, lr, t, h.l2);
            opt[2].step(&mut w.b1, &g.b1, lr, t, 0.0);
            opt[3].step(&mut w.w2d, &g.w2d, lr, t, h.l2);
            opt[4].step(&mut w.b2d, &g.b2d, lr, t, 0.0);
            opt[5].step(&mut w.w2c, &g.w2c, lr, t, h.l2);
            opt[6].step(&mut w.b2c, &g.b2c, lr, t, 0.0);
        }
        log(epoch, total / samples.len().max(1) as f32);
    }
    w
}

/// Forward and backward pass for one sample; adds `scale`-weighted
/// gradients into `g` and returns the loss.
fn backprop(w: &Weights, s: &Sample, h: &Hyper, scale: f32, g: &mut Weights) -> f32 {
    let (d, hid, f) = (w.embed, w.hidden, w.features);
    let mut x = vec![0.0f32; d + f];
    for &(id, wt) in &s.bag {
        let row = &w.e[id as usize * d..(id as usize + 1) * d];
        for k in 0..d {
            x[k] += wt * row[k];
        }
    }
    x[d..].copy_from_slice(&s.features);
    let mut z1 = w.b1.clone();
    for (i, &xi) in x.iter().enumerate() {
        if xi != 0.0 {
            let row = &w.w1[i * hid..(i + 1) * hid];
            for j in 0..hid {
                z1[j] += xi * row[j];
            }
        }
    }
    let a1: Vec<f32> = z1.iter().map(|&z| z.max(0.0)).collect();
    let mut zd = w.b2d.clone();
    let mut zc = w.b2c.clone();
    for j in 0..hid {
        if a1[j] != 0.0 {
            for c in 0..3 {
                zd[c] += a1[j] * w.w2d[j * 3 + c];
            }
            for c in 0..12 {
                zc[c] += a1[j] * w.w2c[j * 12 + c];
            }
        }
    }
    let pd = crate::model::weights::softmax3(&zd);
    let cw = h.class_weight[s.label];
    let mut loss = -cw * pd[s.label].max(1e-7).ln();
    let mut dzd = [0.0f32; 3];
    for c in 0..3 {
        dzd[c] = cw * scale * (pd[c] - if c == s.label { 1.0 } else { 0.0 });
    }
    let mut dzc = [0.0f32; 12];
    for c in 0..12 {
        let p = 1.0 / (1.0 + (-zc[c]).exp());
        let y = s.categories[c];
        loss -= h.category_weight * (y * p.max(1e-7).ln() + (1.0 - y) * (1.0 - p).max(1e-7).ln());
        dzc[c] = h.category_weight * scale * (p - y);
    }
    let mut da1 = vec![0.0f32; hid];
    for j in 0..hid {
        for c in 0..3 {
            g.w2d[j * 3 + c] += a1[j] * dzd[c];
            da1[j] += w.w2d[j * 3 + c] * dzd[c];
        }
        for c in 0..12 {
            g.w2c[j * 12 + c] += a1[j] * dzc[c];
            da1[j] += w.w2c[j * 12 + c] * dzc[c];
        }
    }
    for c in 0..3 {
        g.b2d[c] += dzd[c];
    }
    for c in 0..12 {
        g.b2c[c] += dzc[c];
    }
    let dz1: Vec<f32> = (0..hid).map(|j| if z1[j] > 0.0 { da1[j] } else { 0.0 }).collect();
    for j in 0..hid {
        g.b1[j] += dz1[j];
    }
    let mut dh0 = vec![0.0f32; d];
    for (i, &xi) in x.iter().enumerate() {
        let row = &w.w1[i * hid..(i + 1) * hid];
        let grow = &mut g.w1[i * hid..(i + 1) * hid];
        let mut acc = 0.0;
        for j in 0..hid {
            if xi != 0.0 {
                grow[j] += xi * dz1[j];
            }
            acc += row[j] * dz1[j];
        }
        if i < d {
            dh0[i] = acc;
        }
    }
    for &(id, wt) in &s.bag {
        let row = &mut g.e[id as usize * d..(id as usize + 1) * d];
        for k in 0..d {
            row[k] += wt * dh0[k];
        }
    }
    loss
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<Sample> {
        (0..200)
            .map(|i| {
                let risky = i % 2 == 0;
                let mut categories = [0.0; 12];
                if risky {
                    categories[0] = 1.0;
                }
                Sample { bag: vec![(if risky { 1 } else { 2 }, 1.0)], features: vec![if risky { 1.0 } else { 0.0 }], label: usize::from(risky), categories }
            })
            .collect()
    }

    #[test]
    fn learns_a_separable_toy_problem_deterministically() {
        let h = Hyper { epochs: 30, embed: 4, hidden: 8, batch: 16, ..Hyper::default() };
        let a = fit(&toy(), 4, 1, &h, |_, _| {});
        let b = fit(&toy(), 4, 1, &h, |_, _| {});
        assert_eq!(a.w1, b.w1, "same seed, same weights");
        let risky = a.forward(&[(1, 1.0)], &[1.0]);
        let safe = a.forward(&[(2, 1.0)], &[0.0]);
        assert!(risky.decision[1] > 0.8, "{risky:?}");
        assert!(safe.decision[0] > 0.8, "{safe:?}");
        assert!(risky.categories[0] > 0.8);
    }
}
