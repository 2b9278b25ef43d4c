#!/usr/bin/env bash
# The check figures over a folder of reference orders (default
# ../shared/reference; nothing of it is copied here), each beside its
# anchor measured in the same run: pdftotext -layout over the same PDFs,
# process start included. Then the memory of a worker at concurrency 2,
# with OCR, checking every order of the folder through the queue.
#
#   bash scripts/bench-reference.sh [REFERENCE_FOLDER]
#
# Times are user+system CPU (what the process costs, whatever else the
# machine runs) and wall clock; ratios are portcheck's over pdftotext's.
# BENCH_CHECKS=0 leaves out the timings, BENCH_MEMORY=0 the worker.
# BENCH_BEFORE=BINARY also times that portcheck (another commit's build)
# on each order in the same turns, so a before and after share the load.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$(go env GOPATH)/bin:$PATH"
ref=$(cd "${1:-../shared/reference}" && pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
pc=$work/portcheck
go build -o "$work/" ./cmd/portcheck ./cmd/portcheck-ocr # the OCR engine beside it
export PORTCHECK_OCR_BIN= # that one, whatever the shell set

# orders.txt: id as_of profile scanned, one order a line.
python3 - "$ref/expected.json" >"$work/orders.txt" <<'EOF'
import json, sys
for x in json.load(open(sys.argv[1])):
    print(x["order"], x["as_of"], x["profile"], int(x["scanned"]))
EOF

# timed CMD...: adds "user+sys wall" of CMD to the totals named by $acc,
# to the microsecond: /usr/bin/time's hundredths cut each 15 ms pdftotext
# run down, often to 0.00, which undercounted the anchor.
declare -A cpu wall
timed() {
	local acc=$1
	shift
	read -r c e < <(python3 -c '
import resource, subprocess, sys, time
a, t = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
b = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.6f %.6f" % (b.ru_utime - a.ru_utime + b.ru_stime - a.ru_stime, time.perf_counter() - t))' "$@")
	cpu[$acc]=$(echo "${cpu[$acc]:-0} + $c" | bc)
	wall[$acc]=$(echo "${wall[$acc]:-0} + $e" | bc)
}
ratio() { echo "scale=2; $1 / $2" | bc; }
pdfs() { find "$ref/orders/$1" -maxdepth 1 -name '*.pdf' | sort; }

if [ "${BENCH_CHECKS:-1}" = 1 ]; then
echo "== one portcheck process per text-layer order, and pdftotext -layout on each of its PDFs (in turns)"
n=0
ids=()
while read -r id asof prof scanned; do
	[ "$scanned" = 0 ] || continue
	ids+=("$id")
	timed pc1 "$pc" check "$ref/orders/$id" --as-of "$asof" --profile "$prof" --format json
	if [ -n "${BENCH_BEFORE:-}" ]; then
		timed pc0 "$BENCH_BEFORE" check "$ref/orders/$id" --as-of "$asof" --profile "$prof" --format json
	fi
	for f in $(pdfs "$id"); do timed pt1 pdftotext -layout "$f" -; done
	n=$((n + 1))
done <"$work/orders.txt"
echo "$n orders: portcheck ${cpu[pc1]} s CPU, ${wall[pc1]} s wall; pdftotext ${cpu[pt1]} s CPU, ${wall[pt1]} s wall"
echo "ratio (anchor pdftotext -layout = 1): CPU $(ratio "${cpu[pc1]}" "${cpu[pt1]}"), wall $(ratio "${wall[pc1]}" "${wall[pt1]}")"
if [ -n "${BENCH_BEFORE:-}" ]; then
	echo "before ($BENCH_BEFORE), in the same turns: ${cpu[pc0]} s CPU, ${wall[pc0]} s wall; ratio CPU $(ratio "${cpu[pc0]}" "${cpu[pt1]}"), wall $(ratio "${wall[pc0]}" "${wall[pt1]}")"
fi

echo "== the same orders in one portcheck process (corpus orders, each at its own as-of and profile)"
run="^($(IFS='|'; echo "${ids[*]}"))\$"
# BENCH_CPUPROFILE=FILE keeps a pprof CPU profile of this run (go tool pprof FILE).
timed pcn env ${BENCH_CPUPROFILE:+PORTCHECK_CPUPROFILE="$BENCH_CPUPROFILE"} "$pc" corpus orders "$ref" --run "$run"
for id in "${ids[@]}"; do for f in $(pdfs "$id"); do timed ptn pdftotext -layout "$f" -; done; done
echo "$n orders: portcheck ${cpu[pcn]} s CPU, ${wall[pcn]} s wall; pdftotext ${cpu[ptn]} s CPU, ${wall[ptn]} s wall"
echo "ratio (anchor pdftotext -layout = 1): CPU $(ratio "${cpu[pcn]}" "${cpu[ptn]}"), wall $(ratio "${wall[pcn]}" "${wall[ptn]}")"

fi

[ "${BENCH_MEMORY:-1}" = 1 ] || exit 0
echo "== memory of 'portcheck worker --concurrency 2' (OCR on) checking all $(wc -l <"$work/orders.txt") orders through Redis"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --dir "$work" --save "" --appendonly no >/dev/null &
api=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo "bench-key-0123456789abcdef loc_bench" >"$work/keys"
export PORTCHECK_REDIS_ADDR=127.0.0.1:$port PORTCHECK_STORAGE=file://$work/store
"$pc" serve --listen "127.0.0.1:$api" --api-keys "$work/keys" 2>/dev/null &
"$pc" worker --concurrency 2 2>/dev/null &
wpid=$!
sleep 2
# Sample the worker and its OCR children from the first upload on.
(
	peak=0
	peakpss=0
	while kill -0 "$wpid" 2>/dev/null; do
		all=0
		pss=0
		parts=""
		for p in $wpid $(pgrep -P "$wpid" || true); do
			r=$(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
			s=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || true)
			all=$((all + ${r:-0}))
			pss=$((pss + ${s:-0}))
			parts="$parts $((${r:-0} / 1024))"
		done
		if [ "$all" -gt "$peak" ]; then
			peak=$all
			echo "$peak$parts" >"$work/peak"
		fi
		if [ "$pss" -gt "$peakpss" ]; then
			peakpss=$pss
			echo "$peakpss" >"$work/peakpss"
		fi
		sleep 0.2
	done
) &
start=$(date +%s)
auth="Authorization: Bearer bench-key-0123456789abcdef"
made=0
while read -r id asof prof scanned; do
	python3 - "$ref/orders/$id/order.json" >"$work/o.json" <<'EOF'
import json, sys
o = json.load(open(sys.argv[1])); o.pop("documents", None); o.pop("location_id", None)
print(json.dumps(o))
EOF
	if ! curl -fsS -o /dev/null -H "$auth" -X POST --data-binary @"$work/o.json" "http://127.0.0.1:$api/v1/orders"; then
		echo "order $id: refused" >&2
		continue
	fi
	python3 - "$ref/orders/$id/order.json" <<'EOF' >"$work/docs.txt"
import json, sys, os
for d in json.load(open(sys.argv[1]))["documents"]:
    print(d["kind"], d["path"], os.path.basename(d["path"]))
EOF
	while read -r kind path name; do
		code=$(curl -sS -o "$work/r" -w '%{http_code}' -H "$auth" -X PUT --data-binary @"$ref/orders/$id/$path" "http://127.0.0.1:$api/v1/orders/$id/documents/$name?kind=$kind")
		[ "$code" = 201 ] || echo "order $id: upload of $name refused ($code): $(tr -d '\n' <"$work/r" | head -c 160)" >&2
	done <"$work/docs.txt"
	curl -fsS -o /dev/null -H "$auth" -X POST "http://127.0.0.1:$api/v1/orders/$id/check" && made=$((made + 1))
done <"$work/orders.txt"
total=$made
while :; do
	done_n=$(find "$work/store/orders/loc_bench" -name meta.json -exec grep -l '"status": "\(checked\|failed\)"' {} + 2>/dev/null | wc -l)
	[ "$done_n" -ge "$total" ] && break
	[ $(($(date +%s) - start)) -gt 3600 ] && { echo "not done after an hour: $done_n of $total" >&2; break; }
	sleep 1
done
peak=$(awk '/VmHWM/ {print $2}' "/proc/$wpid/status")
read -r peakall parts < <(cat "$work/peak" 2>/dev/null || echo 0)
peakpss=$(cat "$work/peakpss" 2>/dev/null || echo 0)
echo "worker peak RSS (VmHWM) $((peak / 1024)) MiB; worker with its OCR children, sampled every 0.2 s: $((peakall / 1024)) MiB at most (worker, then each child, in MiB:$parts); $total orders uploaded and checked in $(($(date +%s) - start)) s"
# RSS counts the pages of the binary and libraries every process maps
# once per process; PSS shares them out, so the sum counts them once.
echo "the same processes' proportional set size (PSS, shared pages counted once), sampled alike: $((peakpss / 1024)) MiB at most"
