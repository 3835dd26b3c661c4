#!/usr/bin/env bash
# Warm starts on the tabular benchmark: for each of 20 seeds, an earlier random search of 20 trials (seed 1000 + s),
# then bayes and evolution for a budget of 40, cold and warm-started from it (--warm-start), on the same seed. Prints
# the median [quartiles] over seeds of the best reward after 10, 20 and 40 full trainings of the study's own budget,
# and of the budget each run needed to reach random search's best as nas compare reads it (0.8400). A benchmark,
# not a test: about 15 minutes on 2 cores, most of it JVM start-up. Needs python3 for the summary.
#
#   mvn -B -q package -DskipTests && benchmarks/warm-start/run.sh [SEEDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
SEEDS=${1:-20}
NAS=(java -jar "$PWD/nas.jar")
SPACE=$PWD/spaces/bench.yaml
TABLE=$PWD/benchmarks/bench.csv
WORK=$(mktemp -d /tmp/nas-warm-start-XXXX)
cd "$WORK"
for s in $(seq 1 "$SEEDS"); do
  "${NAS[@]}" --space "$SPACE" --objective "table:$TABLE" --controller random --budget 20 --seed $((1000 + s)) \
      --db "earlier-$s" > /dev/null
  for c in bayes evolution; do
    "${NAS[@]}" --space "$SPACE" --objective "table:$TABLE" --controller $c --budget 40 --seed "$s" \
        --db "cold-$c-$s" > /dev/null
    "${NAS[@]}" --space "$SPACE" --objective "table:$TABLE" --controller $c --budget 40 --seed "$s" \
        --db "warm-$c-$s" --warm-start "earlier-$s" > /dev/null
    "${NAS[@]}" trials --db "cold-$c-$s" --format json > "cold-$c-$s.json"
    "${NAS[@]}" trials --db "warm-$c-$s" --format json > "warm-$c-$s.json"
  done
  "${NAS[@]}" trials --db "earlier-$s" --format json > "earlier-$s.json"
done
python3 - "$SEEDS" <<'PY'
import json, sys
TARGET, FULL, seeds = 0.8400, 27, range(1, int(sys.argv[1]) + 1)
def own(name):
    return [r for r in json.load(open(name)) if r['trial'] >= 0]
def walk(rows):
    spent = 0
    for r in rows:
        spent += r['epochs'] / FULL
        yield spent, r['reward'] if r['reward'] is not None and r['fidelity'] >= FULL else None
def best(rows, budget):
    return max([x for s, x in walk(rows) if x is not None and s <= budget + 1e-9] or [float('-inf')])
def reach(rows):
    return next((s for s, x in walk(rows) if x is not None and x >= TARGET - 1e-9), float('inf'))
def quartiles(xs):
    xs = sorted(xs)
    def at(f):
        k = (len(xs) - 1) * f; i = int(k); j = min(i + 1, len(xs) - 1)
        return xs[i] if xs[j] == float('inf') and k > i else xs[i] + (xs[j] - xs[i]) * (k - i)
    return '%s [%s, %s]' % tuple('never' if v == float('inf') else ('%.4f' % v if v < 1.5 else '%.1f' % v)
                                 for v in (at(0.5), at(0.25), at(0.75)))
print('earlier random search, 20 trials: best reward', quartiles([best(own('earlier-%d.json' % s), 20)
                                                                  for s in seeds]))
print('controller | start | best at 10 | best at 20 | best at 40 | budget to 0.8400')
for c in ('bayes', 'evolution'):
    for kind in ('cold', 'warm'):
        runs = [own('%s-%s-%d.json' % (kind, c, s)) for s in seeds]
        print(' | '.join([c, kind] + [quartiles([best(r, b) for r in runs]) for b in (10, 20, 40)]
                         + [quartiles([reach(r) for r in runs])]))
PY
echo "studies in $WORK"
