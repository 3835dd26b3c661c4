#!/usr/bin/python3
"""PyTorch's side of the training benchmark (issue 19; not a test).

    /usr/bin/python3 benchmarks/training/torch_bench.py OUT [threads]
    /usr/bin/python3 benchmarks/training/torch_bench.py OUT [threads] --profile N

Reads what TrainBench.java wrote to OUT, builds every network layer for layer as nas's NetworkBuilder does
(stem, MnasNet blocks with their squeeze-and-excitation and shortcuts, head), checks that it has the parameter count
DL4J's network has (batch norm's running mean and variance counted, as DL4J counts them), trains it one epoch over the
same 8,000 images with the same batch size, optimiser, learning rate and weight decay on `threads` threads (default 2),
and prints images/s for both and DL4J's share of PyTorch's speed, per network and as the median. With --profile N,
profiles 40 batches of network N instead and prints each PyTorch operator's share of the CPU time.
"""
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn


def conv_bn(cin, cout, kernel, stride, groups=1, relu=True):
    layers = [nn.Conv2d(cin, cout, kernel, stride, kernel // 2, groups=groups, bias=False), nn.BatchNorm2d(cout)]
    if relu:
        layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class Excite(nn.Module):
    """Squeeze-and-excitation as NetworkBuilder.excite: pool, ReLU bottleneck, sigmoid gate, product."""

    def __init__(self, channels, squeeze):
        super().__init__()
        self.reduce = nn.Linear(channels, squeeze)
        self.gate = nn.Linear(squeeze, channels)

    def forward(self, x):
        s = torch.relu(self.reduce(x.mean((2, 3))))
        return x * torch.sigmoid(self.gate(s))[:, :, None, None]


def excite(channels, squeeze):
    return [Excite(channels, squeeze)] if squeeze else []


def projection(layer):
    parts = []
    if layer["stride"] > 1:
        parts.append(nn.AvgPool2d(layer["stride"], layer["stride"], ceil_mode=True))
    if layer["in"] != layer["out"]:
        parts.append(conv_bn(layer["in"], layer["out"], 1, 1, relu=False))
    return nn.Sequential(*parts)


class Layer(nn.Module):
    def __init__(self, layer):
        super().__init__()
        k, s, cin, cout, inner, squeeze = (layer[n] for n in ("kernel", "stride", "in", "out", "inner", "squeeze"))
        kind = layer["type"]
        if kind == "conv":
            body = [conv_bn(cin, cout, k, s)] + excite(cout, squeeze)
        elif kind == "dwconv":
            body = [conv_bn(cin, cin, k, s, groups=cin)] + excite(cin, squeeze) + [conv_bn(cin, cout, 1, 1, relu=False)]
        elif kind == "mbconv":
            body = ([conv_bn(cin, inner, 1, 1)] if layer["expand"] else []) + [conv_bn(inner, inner, k, s, groups=inner)]
            body += excite(inner, squeeze) + [conv_bn(inner, cout, 1, 1, relu=False)]
        else:
            body = [projection(layer)]
        self.body = nn.Sequential(*body)
        self.shortcut = {"none": None, "identity": nn.Identity(), "projection": projection(layer)}[layer["shortcut"]]

    def forward(self, x):
        y = self.body(x)
        return y if self.shortcut is None else y + self.shortcut(x)


def network(plan):
    channels, stem = plan["input"][0], plan["stem"]
    layers = [conv_bn(channels, stem["filters"], stem["kernel"], stem["stride"])]
    layers += [Layer(layer) for layer in plan["layers"]]
    last = plan["layers"][-1]["out"] if plan["layers"] else stem["filters"]
    layers += [conv_bn(last, plan["head"], 1, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
               nn.Linear(plan["head"], plan["classes"])]
    return nn.Sequential(*layers)


def counted(model):
    """Parameters as DL4J counts them: batch norm's running statistics included."""
    buffers = sum(b.numel() for name, b in model.named_buffers() if not name.endswith("num_batches_tracked"))
    return sum(p.numel() for p in model.parameters()) + buffers


def train_epoch(model, plan, images, labels, seed, batches=None):
    torch.manual_seed(seed)
    if plan["optimizer"] == "adam":
        optimizer = torch.optim.Adam(model.parameters(), plan["learning_rate"], weight_decay=plan["weight_decay"])
    else:
        optimizer = torch.optim.SGD(model.parameters(), plan["learning_rate"], momentum=0.9, nesterov=True,
                                    weight_decay=plan["weight_decay"])
    loss_of = nn.CrossEntropyLoss()
    order = torch.randperm(len(images))
    size = plan["batch_size"]
    starts = range(0, len(images), size)
    if batches is not None:
        starts = list(starts)[:batches]
    model.train()
    start = time.perf_counter()
    seen = 0
    for first in starts:
        index = order[first:first + size]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_of(model(images[index]), labels[index])
        loss.backward()
        optimizer.step()
        seen += len(index)
    return seen / (time.perf_counter() - start)


def profile(plan, images, labels):
    from torch.profiler import ProfilerActivity
    model = network(plan)
    train_epoch(model, plan, images, labels, 0, batches=10)
    with torch.profiler.profile(activities=[ProfilerActivity.CPU]) as run:
        train_epoch(model, plan, images, labels, 0, batches=40)
    operators = run.key_averages()
    total = sum(o.self_cpu_time_total for o in operators)
    for o in sorted(operators, key=lambda o: -o.self_cpu_time_total)[:15]:
        print(f"{100 * o.self_cpu_time_total / total:5.1f}%  {o.key}")


def main():
    out = Path(sys.argv[1])
    threads = int(sys.argv[2]) if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else 2
    torch.set_num_threads(threads)
    plans = json.loads((out / "networks.json").read_text())
    c, h, w = plans[0]["input"]
    images = torch.from_numpy(np.fromfile(out / "images.f32", dtype="<f4").reshape(-1, c, h, w))
    labels = torch.from_numpy(np.fromfile(out / "labels.i32", dtype="<i4").astype(np.int64))
    if "--profile" in sys.argv:
        profile(plans[int(sys.argv[sys.argv.index("--profile") + 1])], images, labels)
        return
    train_epoch(network(plans[0]), plans[0], images, labels, 0, batches=10)  # warm-up, untimed
    ratios = []
    print(f"PyTorch {torch.__version__} on {threads} threads; {len(images)} images of {c}x{h}x{w}, one epoch each")
    print(f"{'#':>2}  {'params':>8}  {'batch':>5}  {'nas':>8}  {'PyTorch':>8}  {'nas/PyTorch':>11}  key")
    for n, plan in enumerate(plans):
        model = network(plan)
        if counted(model) != plan["dl4j_params"]:
            raise SystemExit(f"network {n}: PyTorch's has {counted(model)} parameters, DL4J's {plan['dl4j_params']}"
                             f" ({plan['key']})")
        torch_speed = train_epoch(model, plan, images, labels, n)
        ratio = plan["dl4j_images_per_second"] / torch_speed
        ratios.append(ratio)
        print(f"{n:>2}  {plan['dl4j_params']:>8,}  {plan['batch_size']:>5}  {plan['dl4j_images_per_second']:>8,.0f}  "
              f"{torch_speed:>8,.0f}  {ratio:>11.2f}  {plan['key']}")
    print(f"median nas/PyTorch: {statistics.median(ratios):.2f} over {len(ratios)} networks "
          f"(range {min(ratios):.2f}-{max(ratios):.2f})")


if __name__ == "__main__":
    main()
