#!/usr/bin/env python3
"""Checks models/model.onnx outside Rust: the ONNX checker (full check) and
onnxruntime reproduce the outputs recorded in models/golden.json.

    python3 -m pip install onnx onnxruntime numpy
    python3 scripts/check_onnx.py
"""
import json
import pathlib
import sys

import numpy as np
import onnx
import onnxruntime as ort

root = pathlib.Path(__file__).resolve().parent.parent / "models"
model = onnx.load(root / "model.onnx")
onnx.checker.check_model(model, full_check=True)
session = ort.InferenceSession(str(root / "model.onnx"), providers=["CPUExecutionProvider"])
vocab = session.get_inputs()[0].shape[1]
golden = json.loads((root / "golden.json").read_text())
bags = np.zeros((len(golden), vocab), dtype=np.float32)
for i, g in enumerate(golden):
    for token, share in g["bag"]:
        bags[i, token] = share
features = np.array([g["features"] for g in golden], dtype=np.float32)
decision, categories = session.run(["decision", "categories"], {"bag": bags, "features": features})
worst = max(
    float(np.abs(decision - np.array([g["decision"] for g in golden])).max()),
    float(np.abs(categories - np.array([g["categories"] for g in golden])).max()),
)
print(f"onnx checker: ok; onnxruntime {ort.__version__} vs training outputs: max abs diff {worst:.2e} over {len(golden)} commands")
sys.exit(0 if worst < 1e-5 else 1)
