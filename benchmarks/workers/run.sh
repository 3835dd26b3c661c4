#!/usr/bin/env bash
# Many workers on one PostgreSQL study: wall-clock speed-up for 1, 2, 4 and 8 workers, and the overhead around each
# trial. A benchmark, not a test: it starts a throwaway PostgreSQL cluster on loopback, runs the same search (the
# tabular benchmark of spaces/bench.yaml with a simulated training time, so workers cost no CPU while they "train")
# with N worker processes started at once, and reads the times back from the study.
#
#   mvn -B -q package -DskipTests && benchmarks/workers/run.sh [BUDGET] [EPOCH_SECONDS]
#
# Figures: "wall" is from launching the workers to the last one's exit; "search" from the first trial's start to
# the last trial's end, as the study records them; "steady" the rate of trials finished while every worker was at
# work (from the moment the last worker to start claimed its first trial to the last claim), against one worker's:
# the first two include the JVMs' start-up, which on a small machine staggers the workers' first claims by seconds,
# a fixed cost that real trials (minutes each) make negligible. "gap" is the median time a worker spends between
# finishing one trial and starting the next (writing the outcome and front, the claim under the study's lock, the
# controller's ask).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUDGET=${1:-96}
EPOCH_SECONDS=${2:-0.2}
EPOCHS=9
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
RUNAS=()
[ "$(id -u)" = 0 ] && RUNAS=(runuser -u postgres --)
WORK=$(mktemp -d /tmp/nas-workers-XXXX)
chmod 755 "$WORK"
PORT=$((20000 + RANDOM % 20000))
export NAS_DB_USER=bench NAS_DB_PASSWORD="bench-$RANDOM$RANDOM"
echo "$NAS_DB_PASSWORD" > "$WORK/pw"
[ "$(id -u)" = 0 ] && chown postgres "$WORK" "$WORK/pw"
"${RUNAS[@]}" "$BIN/initdb" -D "$WORK/data" -U bench --pwfile="$WORK/pw" --auth=scram-sha-256 --no-sync >/dev/null
"${RUNAS[@]}" "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/log" -w \
  -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
trap '"${RUNAS[@]}" "$BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null; rm -rf "$WORK"' EXIT
export PGPASSWORD=$NAS_DB_PASSWORD
psql() { command psql -h 127.0.0.1 -p "$PORT" -U bench -At "$@"; }

echo "budget $BUDGET trials of $EPOCHS epochs, $EPOCH_SECONDS s per epoch; $(nproc) cores"
printf '%-8s %-8s %-9s %-9s %-9s %-13s %-9s %-6s\n' workers wall_s speed-up search_s speed-up steady_trials/s speed-up gap_ms
for N in 1 2 4 8; do
  DB=workers_$N
  psql -d postgres -c "CREATE DATABASE $DB" >/dev/null
  URL="jdbc:postgresql://127.0.0.1:$PORT/$DB"
  START=$(date +%s.%N)
  PIDS=()
  for ((i = 0; i < N; i++)); do
    java -Xmx512m -jar nas.jar --space spaces/bench.yaml --objective table:benchmarks/bench.csv --epochs $EPOCHS \
      --budget "$BUDGET" --db "$URL" --table-epoch-seconds "$EPOCH_SECONDS" --controller random \
      > "$WORK/worker-$N-$i.log" 2>&1 &
    PIDS+=($!)
  done
  for pid in "${PIDS[@]}"; do wait "$pid"; done
  END=$(date +%s.%N)
  SEARCH=$(psql -d "$DB" -c "SELECT EXTRACT(EPOCH FROM MAX(finished) - MIN(started)) FROM trial")
  GAP=$(psql -d "$DB" -c "SELECT COALESCE(ROUND(1000 * EXTRACT(EPOCH FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY g))), 0)
    FROM (SELECT started - LAG(finished) OVER (PARTITION BY worker ORDER BY started) AS g FROM trial) gaps
    WHERE g IS NOT NULL")
  STEADY=$(psql -d "$DB" -c "WITH w AS (SELECT MAX(first) AS ready FROM (SELECT MIN(started) AS first FROM trial
      GROUP BY worker) f), e AS (SELECT MAX(started) AS last FROM trial)
    SELECT COUNT(*) / EXTRACT(EPOCH FROM (SELECT last FROM e) - (SELECT ready FROM w)) FROM trial
    WHERE finished > (SELECT ready FROM w) AND finished <= (SELECT last FROM e)")
  COMPLETE=$(psql -d "$DB" -c "SELECT COUNT(*) FROM trial WHERE state = 'COMPLETE'")
  [ "$COMPLETE" = "$BUDGET" ] || echo "warning: $COMPLETE trials complete of $BUDGET"
  WALL=$(awk "BEGIN { print $END - $START }")
  [ "$N" = 1 ] && { SEARCH1=$SEARCH; WALL1=$WALL; STEADY1=$STEADY; }
  printf '%-8s %-8.1f %-9.2f %-9.1f %-9.2f %-13.3f %-9.2f %-6s\n' "$N" "$WALL" "$(awk "BEGIN { print $WALL1 / $WALL }")" \
    "$SEARCH" "$(awk "BEGIN { print $SEARCH1 / $SEARCH }")" "$STEADY" "$(awk "BEGIN { print $STEADY / $STEADY1 }")" "$GAP"
done
