//! The model's parameters, their ONNX form, and a forward pass computed
//! directly from them.
//!
//! The graph (inputs `bag` `f32[N,V]` and `features` `f32[N,F]`):
//! `h0 = bag·E`, `x = concat(h0, features)`, `a1 = relu(x·W1 + b1)`,
//! `decision = softmax(a1·W2d + b2d)` `f32[N,3]`,
//! `categories = sigmoid(a1·W2c + b2c)` `f32[N,12]`.
//! The direct pass reads the same tensors from the ONNX file and computes
//! the same function for one command with a sparse bag; tests hold it equal
//! to tract's run of the ONNX file. The hook uses the direct pass because
//! tract's optimisation costs milliseconds per process.
//!
//! The embedded file is not decoded whole: its protobuf is walked for the
//! initializers' bytes ([`Weights::from_onnx_borrowed`]), the small tensors
//! are converted and the embedding (vocabulary × width floats, the bulk of
//! the file) is read row by row from the file's bytes by
//! [`Weights::forward_embedded`], for the few tokens a command has. Any other file, and the embedded one if the
//! walk cannot read it, is decoded by prost ([`Weights::from_onnx`]).

use prost::Message;
use tract_onnx::pb;

/// Model parameters, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Vocabulary size.
    pub vocab: usize,
    /// Embedding width.
    pub embed: usize,
    /// Number of IR features.
    pub features: usize,
    /// Hidden width.
    pub hidden: usize,
    /// Embedding `[vocab, embed]`.
    pub e: Vec<f32>,
    /// Hidden layer `[embed + features, hidden]`.
    pub w1: Vec<f32>,
    /// Hidden bias `[hidden]`.
    pub b1: Vec<f32>,
    /// Decision head `[hidden, 3]`.
    pub w2d: Vec<f32>,
    /// Decision bias `[3]`.
    pub b2d: Vec<f32>,
    /// Category head `[hidden, 12]`.
    pub w2c: Vec<f32>,
    /// Category bias `[12]`.
    pub b2c: Vec<f32>,
}

/// The model's output for one command.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Output {
    /// Probabilities of allow, ask, deny.
    pub decision: [f32; 3],
    /// Probability of each category, in `Category::ALL` order.
    pub categories: [f32; 12],
}

impl Output {
    /// Probability that the command needs a person: ask + deny.
    #[must_use]
    pub fn risky(&self) -> f32 {
        self.decision[1] + self.decision[2]
    }
}

/// A model file that is not the graph this module writes.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// Not a protobuf ModelProto.
    #[error("not an ONNX model: {0}")]
    Decode(#[from] prost::DecodeError),
    /// A tensor is missing or has the wrong shape.
    #[error("ONNX model lacks tensor `{0}` of the expected shape")]
    Tensor(&'static str),
}

pub(crate) fn softmax3(z: &[f32]) -> [f32; 3] {
    let m = z[0].max(z[1]).max(z[2]);
    let e = [(z[0] - m).exp(), (z[1] - m).exp(), (z[2] - m).exp()];
    let s = e[0] + e[1] + e[2];
    [e[0] / s, e[1] / s, e[2] / s]
}

impl Weights {
    /// Shape fields with empty tensors.
    #[must_use]
    pub fn clone_shape(&self) -> Weights {
        Weights {
            vocab: self.vocab,
            embed: self.embed,
            features: self.features,
            hidden: self.hidden,
            e: vec![],
            w1: vec![],
            b1: vec![],
            w2d: vec![],
            b2d: vec![],
            w2c: vec![],
            b2c: vec![],
        }
    }

    /// The forward pass for one command: `bag` as sparse `(token id, weight)`.
    #[must_use]
    pub fn forward(&self, bag: &[(u32, f32)], features: &[f32]) -> Output {
        let d = self.embed;
        self.forward_by(bag, features, |id, wt, x| {
            for (x, v) in x.iter_mut().zip(&self.e[id * d..(id + 1) * d]) {
                *x += wt * v;
            }
        })
    }

    /// [`Weights::forward`] with the embedding's rows read from `e`, its
    /// little-endian bytes ([`Weights::from_onnx_borrowed`]): the same
    /// floats, summed in the same order.
    #[must_use]
    pub fn forward_embedded(&self, e: &[u8], bag: &[(u32, f32)], features: &[f32]) -> Output {
        let d = self.embed;
        self.forward_by(bag, features, |id, wt, x| {
            for (x, v) in x.iter_mut().zip(e[id * d * 4..(id + 1) * d * 4].chunks_exact(4)) {
                *x += wt * f32::from_le_bytes([v[0], v[1], v[2], v[3]]);
            }
        })
    }

    fn forward_by(&self, bag: &[(u32, f32)], features: &[f32], add_row: impl Fn(usize, f32, &mut [f32])) -> Output {
        let (d, hid) = (self.embed, self.hidden);
        let mut x = vec![0.0f32; d + self.features];
        for &(id, wt) in bag {
            let id = id as usize;
            if id < self.vocab {
                add_row(id, wt, &mut x[..d]);
            }
        }
        let n = features.len().min(self.features);
        x[d..d + n].copy_from_slice(&features[..n]);
        let mut z1 = self.b1.clone();
        for (i, &xi) in x.iter().enumerate() {
            if xi != 0.0 {
                // zip, not indexing: no bounds checks, so the loop vectorizes
                // (the same additions in the same order).
                for (z, w) in z1.iter_mut().zip(&self.w1[i * hid..(i + 1) * hid]) {
                    *z += xi * w;
                }
            }
        }
        let mut zd = [self.b2d[0], self.b2d[1], self.b2d[2]];
        let mut zc = [0.0f32; 12];
        zc.copy_from_slice(&self.b2c);
        for (j, &z) in z1.iter().enumerate() {
            let a = z.max(0.0);
            if a != 0.0 {
                for (z, w) in zd.iter_mut().zip(&self.w2d[j * 3..j * 3 + 3]) {
                    *z += a * w;
                }
                for (z, w) in zc.iter_mut().zip(&self.w2c[j * 12..j * 12 + 12]) {
                    *z += a * w;
                }
            }
        }
        let mut categories = [0.0f32; 12];
        for c in 0..12 {
            categories[c] = 1.0 / (1.0 + (-zc[c]).exp());
        }
        Output { decision: softmax3(&zd), categories }
    }

    /// Encodes the weights as a standard ONNX model (opset 13).
    #[must_use]
    pub fn to_onnx(&self) -> Vec<u8> {
        let tensor = |name: &str, dims: &[usize], data: &[f32]| pb::TensorProto {
            name: name.to_string(),
            dims: dims.iter().map(|&d| d as i64).collect(),
            data_type: pb::tensor_proto::DataType::Float as i32,
            raw_data: data.iter().flat_map(|f| f.to_le_bytes()).collect(),
            ..Default::default()
        };
        let value = |name: &str, width: usize| pb::ValueInfoProto {
            name: name.to_string(),
            r#type: Some(pb::TypeProto {
                value: Some(pb::type_proto::Value::TensorType(pb::type_proto::Tensor {
                    elem_type: pb::tensor_proto::DataType::Float as i32,
                    shape: Some(pb::TensorShapeProto {
                        dim: vec![
                            pb::tensor_shape_proto::Dimension {
                                value: Some(pb::tensor_shape_proto::dimension::Value::DimParam("N".into())),
                                ..Default::default()
                            },
                            pb::tensor_shape_proto::Dimension {
                                value: Some(pb::tensor_shape_proto::dimension::Value::DimValue(width as i64)),
                                ..Default::default()
                            },
                        ],
                    }),
                })),
                ..Default::default()
            }),
            ..Default::default()
        };
        let node = |op: &str, inputs: &[&str], output: &str, attrs: Vec<pb::AttributeProto>| pb::NodeProto {
            op_type: op.to_string(),
            input: inputs.iter().map(|s| (*s).to_string()).collect(),
            output: vec![output.to_string()],
            name: output.to_string(),
            attribute: attrs,
            ..Default::default()
        };
        let int_attr =
            |name: &str, v: i64| pb::AttributeProto { name: name.into(), r#type: pb::attribute_proto::AttributeType::Int as i32, i: v, ..Default::default() };
        let x_dim = self.embed + self.features;
        let graph = pb::GraphProto {
            name: "riskgate".into(),
            node: vec![
                node("MatMul", &["bag", "E"], "h0", vec![]),
                node("Concat", &["h0", "features"], "x", vec![int_attr("axis", 1)]),
                node("Gemm", &["x", "W1", "b1"], "z1", vec![]),
                node("Relu", &["z1"], "a1", vec![]),
                node("Gemm", &["a1", "W2d", "b2d"], "zd", vec![]),
                node("Softmax", &["zd"], "decision", vec![int_attr("axis", 1)]),
                node("Gemm", &["a1", "W2c", "b2c"], "zc", vec![]),
                node("Sigmoid", &["zc"], "categories", vec![]),
            ],
            initializer: vec![
                tensor("E", &[self.vocab, self.embed], &self.e),
                tensor("W1", &[x_dim, self.hidden], &self.w1),
                tensor("b1", &[self.hidden], &self.b1),
                tensor("W2d", &[self.hidden, 3], &self.w2d),
                tensor("b2d", &[3], &self.b2d),
                tensor("W2c", &[self.hidden, 12], &self.w2c),
                tensor("b2c", &[12], &self.b2c),
            ],
            input: vec![value("bag", self.vocab), value("features", self.features)],
            output: vec![value("decision", 3), value("categories", 12)],
            ..Default::default()
        };
        let model = pb::ModelProto {
            ir_version: 8,
            opset_import: vec![pb::OperatorSetIdProto { domain: String::new(), version: 13 }],
            producer_name: "riskgate".into(),
            producer_version: env!("CARGO_PKG_VERSION").into(),
            graph: Some(graph),
            ..Default::default()
        };
        model.encode_to_vec()
    }

    /// Reads the weights back from an ONNX file written by [`Weights::to_onnx`].
    ///
    /// # Errors
    /// When the bytes are not such a model.
    pub fn from_onnx(bytes: &[u8]) -> Result<Weights, FormatError> {
        let model = pb::ModelProto::decode(bytes)?;
        let graph = model.graph.ok_or(FormatError::Tensor("graph"))?;
        let get = |name: &'static str| -> Result<(Vec<usize>, Data<'_>), FormatError> {
            let t = graph.initializer.iter().find(|t| t.name == name).ok_or(FormatError::Tensor(name))?;
            let dims: Vec<usize> = t.dims.iter().map(|&d| usize::try_from(d).unwrap_or(0)).collect();
            let data = if t.raw_data.is_empty() { Data::Floats(t.float_data.clone()) } else { Data::Le(&t.raw_data) };
            Ok((dims, data))
        };
        let (mut w, e) = Self::assemble(get)?;
        w.e = e.floats();
        Ok(w)
    }

    /// The weights of an ONNX file that stays in memory for the whole
    /// process (the embedded model): every tensor but the embedding is
    /// decoded, and the embedding's rows are read from the file's bytes as
    /// they are needed ([`Weights::forward_embedded`]), so loading copies
    /// and converts 20 KB instead of 570 KB (issue 21). The file is walked
    /// as protobuf without decoding it (`onnx_initializers`); a file this
    /// walk does not read (another writer's layout, `float_data`, a type
    /// other than float) is an error, and the caller decodes it with
    /// [`Weights::from_onnx`]. Returns the weights with an empty `e` and
    /// the embedding's little-endian bytes.
    ///
    /// # Errors
    /// When the bytes are not the graph `to_onnx` writes, in its layout.
    pub fn from_onnx_borrowed(bytes: &[u8]) -> Result<(Weights, &[u8]), FormatError> {
        let tensors = onnx_initializers(bytes).ok_or(FormatError::Tensor("graph"))?;
        let get = |name: &'static str| -> Result<(Vec<usize>, Data<'_>), FormatError> {
            let (_, dims, raw) = tensors.iter().find(|t| t.0 == name.as_bytes()).ok_or(FormatError::Tensor(name))?;
            Ok((dims.clone(), Data::Le(raw)))
        };
        let (w, e) = Self::assemble(get)?;
        match e {
            Data::Le(raw) => Ok((w, raw)),
            Data::Floats(_) => Err(FormatError::Tensor("E")),
        }
    }

    /// The weights from their tensors, all but the embedding's converted;
    /// the embedding is returned as it was found, its size checked.
    fn assemble<'a>(get: impl Fn(&'static str) -> Result<(Vec<usize>, Data<'a>), FormatError>) -> Result<(Weights, Data<'a>), FormatError> {
        let floats = |name: &'static str| -> Result<(Vec<usize>, Vec<f32>), FormatError> {
            let (dims, data) = get(name)?;
            let data = data.floats();
            if dims.iter().product::<usize>() != data.len() {
                return Err(FormatError::Tensor(name));
            }
            Ok((dims, data))
        };
        let (ed, e) = get("E")?;
        let (w1d, w1) = floats("W1")?;
        let (_, b1) = floats("b1")?;
        let (w2dd, w2d) = floats("W2d")?;
        let (_, b2d) = floats("b2d")?;
        let (w2cd, w2c) = floats("W2c")?;
        let (_, b2c) = floats("b2c")?;
        let [vocab, embed] = ed[..] else { return Err(FormatError::Tensor("E")) };
        if e.len() != vocab * embed {
            return Err(FormatError::Tensor("E"));
        }
        let [x_dim, hidden] = w1d[..] else { return Err(FormatError::Tensor("W1")) };
        if x_dim < embed || b1.len() != hidden || w2dd != [hidden, 3] || b2d.len() != 3 || w2cd != [hidden, 12] || b2c.len() != 12 {
            return Err(FormatError::Tensor("W1"));
        }
        Ok((Weights { vocab, embed, features: x_dim - embed, hidden, e: Vec::new(), w1, b1, w2d, b2d, w2c, b2c }, e))
    }
}

/// The floats of little-endian bytes (ONNX `raw_data`).
#[must_use]
pub fn le_floats(bytes: &[u8]) -> Vec<f32> {
    bytes.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

/// A tensor's floats as the file holds them.
enum Data<'a> {
    /// Little-endian bytes (`raw_data`).
    Le(&'a [u8]),
    /// Decoded floats (`float_data`).
    Floats(Vec<f32>),
}

impl Data<'_> {
    fn len(&self) -> usize {
        match self {
            Data::Le(b) => b.len() / 4,
            Data::Floats(f) => f.len(),
        }
    }

    fn floats(self) -> Vec<f32> {
        match self {
            Data::Le(b) => le_floats(b),
            Data::Floats(f) => f,
        }
    }
}

/// One protobuf field: number, and its varint value or its bytes.
enum Field<'a> {
    Varint(u32, u64),
    Bytes(u32, &'a [u8]),
    Fixed(u32),
}

fn varint(buf: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *buf.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// The fields of one protobuf message, in order; `None` when the bytes are
/// not a message (a truncated field, a group, a reserved wire type).
fn fields(buf: &[u8]) -> Option<Vec<Field<'_>>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < buf.len() {
        let key = varint(buf, &mut at)?;
        let number = u32::try_from(key >> 3).ok()?;
        out.push(match key & 7 {
            0 => Field::Varint(number, varint(buf, &mut at)?),
            1 | 5 => {
                at += if key & 7 == 1 { 8 } else { 4 };
                (at <= buf.len()).then_some(Field::Fixed(number))?
            }
            2 => {
                let len = usize::try_from(varint(buf, &mut at)?).ok()?;
                let bytes = buf.get(at..at.checked_add(len)?)?;
                at += len;
                Field::Bytes(number, bytes)
            }
            _ => return None,
        });
    }
    Some(out)
}

/// An initializer's name, dims and `raw_data`.
type Initializer<'a> = (&'a [u8], Vec<usize>, &'a [u8]);

/// The initializers of an ONNX `ModelProto` (`graph` = 7, its
/// `initializer` = 5; a `TensorProto`'s `dims` = 1, `data_type` = 2,
/// `name` = 8, `raw_data` = 9), as (name, dims, raw bytes); `None` when a
/// tensor is not float `raw_data` or the bytes are not such a file.
fn onnx_initializers(bytes: &[u8]) -> Option<Vec<Initializer<'_>>> {
    const FLOAT: u64 = 1;
    let mut graphs = fields(bytes)?.into_iter().filter_map(|f| match f {
        Field::Bytes(7, g) => Some(g),
        _ => None,
    });
    let graph = graphs.next()?;
    if graphs.next().is_some() {
        return None; // protobuf would merge two: not a file `to_onnx` writes
    }
    let mut out = Vec::new();
    for field in fields(graph)? {
        let Field::Bytes(5, tensor) = field else { continue };
        let (mut name, mut dims, mut raw, mut float) = (None, Vec::new(), None, false);
        for f in fields(tensor)? {
            match f {
                Field::Varint(1, d) => dims.push(usize::try_from(d).ok()?),
                Field::Bytes(1, packed) => {
                    let mut at = 0;
                    while at < packed.len() {
                        dims.push(usize::try_from(varint(packed, &mut at)?).ok()?);
                    }
                }
                Field::Varint(2, t) => float = t == FLOAT,
                Field::Bytes(8, n) => name = Some(n),
                Field::Bytes(9, r) => raw = Some(r),
                Field::Bytes(4, _) | Field::Fixed(4) => return None, // float_data
                _ => {}
            }
        }
        let raw = raw?;
        if !float || raw.len() % 4 != 0 {
            return None;
        }
        out.push((name?, dims, raw));
    }
    Some(out)
}
