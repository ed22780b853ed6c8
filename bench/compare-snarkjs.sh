#!/usr/bin/env bash
# Whole-process Groth16 prove time and peak memory: loraproof vs snarkjs on the same .zkey and
# .wtns (a chain of squarings of about 2^k constraints). Median of 3 runs each (RUNS=n for n), the
# two tools taking turns.
# Usage: bench/compare-snarkjs.sh [k ...]   (default: 16 18)
# With RESIDENT=1, loraproof's runs go to a resident prover (loraproof groth16 serve) started first;
# its peak RSS is reported, and the untimed first run (which reads the key into its cache) is shown.
# The key comes from loraproof's setup (snarkjs proves with it), or, with PTAU_DIR set to a folder
# holding snarkjs powers of tau pot<k>_final.ptau (snarkjs powersoftau new/contribute/prepare
# phase2; preparing 2^16 takes about half an hour here), from snarkjs groth16 setup and one
# zkey contribution.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ -x tools/node_modules/.bin/snarkjs ] || (cd tools && npm ci --no-audit --no-fund)
mvn -B -q -ntp -pl bench,driver -am package -DskipTests
work="$root/bench/target/compare"
mkdir -p "$work"
server=
if [ -n "${RESIDENT:-}" ]; then
  export LORAPROOF_PROVER_SOCKET="$work/prover.sock"
  bin/loraproof groth16 serve --idle-minutes 30 2> "$work/serve.log" &
  server=$!
  trap 'kill $server 2>/dev/null' EXIT
  until grep -q '^ready' "$work/serve.log"; do kill -0 $server || { cat "$work/serve.log"; exit 1; }; sleep 0.5; done
  server=$(pgrep -P $server java || echo $server)  # the JVM under the launcher's shell, if any
  echo "resident prover running (pid $server)"
fi
runs=${RUNS:-3}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for k in "${@:-16 18}"; do
  n=$(( (1 << k) - 2 ))
  d="$work/k$k"; mkdir -p "$d"
  java -cp bench/target/benchmarks.jar org.loraproof.bench.SquaringChain "$n" "$d/c.r1cs" "$d/c.wtns"
  if [ -n "${PTAU_DIR:-}" ] && [ -f "$PTAU_DIR/pot${k}_final.ptau" ]; then
    if [ ! -f "$d/snarkjs.zkey" ]; then
      tools/node_modules/.bin/snarkjs groth16 setup "$d/c.r1cs" "$PTAU_DIR/pot${k}_final.ptau" "$d/s0.zkey" >/dev/null
      tools/node_modules/.bin/snarkjs zkey contribute "$d/s0.zkey" "$d/snarkjs.zkey" --name=bench -e="bench $k $RANDOM" >/dev/null
    fi
    zkey="$d/snarkjs.zkey"; echo "2^$k: key from snarkjs groth16 setup on $PTAU_DIR/pot${k}_final.ptau"
  else
    [ -f "$d/c.zkey" ] || bin/loraproof groth16 setup "$d/c.r1cs" "$d/c.zkey" 2>/dev/null
    zkey="$d/c.zkey"; echo "2^$k: key from loraproof groth16 setup"
  fi
  # untimed: the first run after a build records the launcher's class-data archive (or, resident,
  # reads the key into the prover's cache)
  /usr/bin/time -f "%e" -o "$d/t" bin/loraproof groth16 prove "$zkey" "$d/c.wtns" "$d/p.json" "$d/q.json" > /dev/null 2>&1
  [ -n "$server" ] && echo "  first run, reading the key into the resident prover: $(cat "$d/t") s"
  # the tools take turns, run by run, so that a slow spell of the machine falls on both
  : > "$d/loraproof.times"; : > "$d/snarkjs.times"
  for run in $(seq "$runs"); do
    for tool in loraproof snarkjs; do
      if [ "$tool" = loraproof ]; then cmd=(bin/loraproof groth16 prove "$zkey" "$d/c.wtns" "$d/p.json" "$d/q.json")
      else cmd=(tools/node_modules/.bin/snarkjs groth16 prove "$zkey" "$d/c.wtns" "$d/p.json" "$d/q.json"); fi
      /usr/bin/time -f "%e %M" -o "$d/t" "${cmd[@]}" > /dev/null 2>&1
      cat "$d/t" >> "$d/$tool.times"
    done
  done
  for tool in loraproof snarkjs; do
    t=$(cut -d' ' -f1 "$d/$tool.times" | median); m=$(cut -d' ' -f2 "$d/$tool.times" | median)
    printf '2^%s constraints  %-9s  median %6.2f s   peak RSS %5d MiB   (runs: %s)\n' "$k" "$tool" "$t" $((m / 1024)) "$(cut -d' ' -f1 "$d/$tool.times" | tr '\n' ' ')"
    if [ "$tool" = loraproof ] && [ -n "$server" ]; then
      echo "  (resident: the client's RSS; the resident prover's peak RSS so far: $(awk '/VmHWM/ {print int($2/1024)}' /proc/$server/status) MiB)"
    fi
  done
  awk -v l="$(cut -d' ' -f1 "$d/loraproof.times" | median)" -v s="$(cut -d' ' -f1 "$d/snarkjs.times" | median)" \
    'BEGIN { printf "  speed-up (median over median): %.1fx\n", s / l }'
  bin/loraproof groth16 export-vk "$zkey" "$d/vk.json"
  bin/loraproof groth16 verify "$d/vk.json" "$d/q.json" "$d/p.json" >/dev/null && echo "  last snarkjs proof verifies with loraproof"
done
