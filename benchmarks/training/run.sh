#!/bin/sh
# Trains the same networks of spaces/mobile.yaml with nas (DL4J) and with PyTorch, one after the other, and prints
# their images/s side by side. Run from the repository after a build, on a machine otherwise idle:
#   benchmarks/training/run.sh [networks] [seed]
set -e
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
java -cp runs/target/nas.jar benchmarks/training/TrainBench.java "$out" "${1:-12}" "${2:-1}"
/usr/bin/python3 benchmarks/training/torch_bench.py "$out" "$(nproc)"
