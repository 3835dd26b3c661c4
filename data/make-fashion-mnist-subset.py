#!/usr/bin/env python3
"""Makes the embedded Fashion-MNIST subset from Debian's dataset-fashion-mnist package.

    apt-get install dataset-fashion-mnist
    python3 data/make-fashion-mnist-subset.py

Keeps the first 1,000 training and the first 200 test images of each of the 10 classes, in their original order,
and writes them as gzipped IDX files (with a zero gzip timestamp, so the output is byte-for-byte reproducible).
"""
import gzip
import struct
import sys
from pathlib import Path

SOURCE = Path("/usr/share/datasets/fashion-mnist")
TARGET = Path(__file__).resolve().parent.parent / "evaluators/src/main/resources/dev/nas/eval/data/fashion-mnist"
PER_CLASS = {"train": 1000, "t10k": 200}


def read(kind):
    with gzip.open(SOURCE / f"{kind}-images-idx3-ubyte.gz") as f:
        magic, count, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803, magic
        images = f.read()
    with gzip.open(SOURCE / f"{kind}-labels-idx1-ubyte.gz") as f:
        magic, labels_count = struct.unpack(">II", f.read(8))
        assert magic == 0x801 and labels_count == count, (magic, labels_count, count)
        labels = f.read()
    size = rows * cols
    return [(images[i * size:(i + 1) * size], labels[i]) for i in range(count)], rows, cols


def write(path, header, body):
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(header)
        f.write(body)


for kind, per_class in PER_CLASS.items():
    samples, rows, cols = read(kind)
    taken, kept = {}, []
    for image, label in samples:
        if taken.get(label, 0) < per_class:
            taken[label] = taken.get(label, 0) + 1
            kept.append((image, label))
    write(TARGET / f"{kind}-images-idx3-ubyte.gz", struct.pack(">IIII", 0x803, len(kept), rows, cols),
          b"".join(image for image, _ in kept))
    write(TARGET / f"{kind}-labels-idx1-ubyte.gz", struct.pack(">II", 0x801, len(kept)),
          bytes(label for _, label in kept))
    print(f"{kind}: {len(kept)} images", file=sys.stderr)
