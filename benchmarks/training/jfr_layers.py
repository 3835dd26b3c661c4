#!/usr/bin/python3
"""Where a DL4J training run's time goes, by layer and pass (issue 19's profile; not a test).

    java -XX:StartFlightRecording=filename=train.jfr,settings=profile -cp runs/target/nas.jar \
        benchmarks/training/TrainBench.java OUT 1
    jfr print --json --stack-depth 100 --events jdk.ExecutionSample,jdk.NativeMethodSample train.jfr > train.json
    /usr/bin/python3 benchmarks/training/jfr_layers.py train.json

Counts the training thread's samples (Java and native) by the innermost DL4J layer, vertex or updater frame on
the stack (e.g. MKLDNNBatchNormHelper.backpropGradient: batch norm's backward pass through its oneDNN helper), and
prints each one's share.
"""
import collections
import json
import sys

FRAMES = ("org.deeplearning4j.nn.layers", "org.deeplearning4j.nn.graph.vertex.impl", "org.deeplearning4j.nn.updater",
          "dev.nas")


def main():
    events = json.load(open(sys.argv[1]))["recording"]["events"]
    counts = collections.Counter()
    for event in events:
        values = event["values"]
        if values.get("sampledThread", {}).get("javaName") != "main" or not values.get("stackTrace"):
            continue
        names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                 for f in values["stackTrace"]["frames"]]
        counts[next((n for n in names if n.startswith(FRAMES)), names[0])] += 1
    total = sum(counts.values())
    for name, count in counts.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 20):
        print(f"{100 * count / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
