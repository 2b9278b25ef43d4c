#!/usr/bin/env bash
# The project's benchmarks, each printed beside its anchor measured in
# the same run, as a ratio (anchor = 1), so a figure is read against the
# machine as it was then, not against a number from another day:
#
#   - a whole check (BenchmarkCheck) against pdftotext -layout on the
#     same two files, process start included;
#   - OCR of a page against the tesseract command line;
#   - re-validation of pending orders with cached fields (two workers,
#     real Redis), a night like most and a night on which every bill
#     ages, against the writes it cannot do without
#     (BenchmarkStoreFloor), and against the 30 s target for 100,000;
#   - with ../shared/reference present, scripts/bench-reference.sh: the
#     reference orders against pdftotext -layout over their PDFs, and a
#     worker's memory.
#
# RUNS (default 200), OCR_RUNS (10), REVALIDATE_ORDERS (100000),
# REVALIDATE_DIR (where the pending orders are made once and kept,
# default /tmp/portcheck-bench-orders), S3_ORDERS (10000); SKIP_QUEUE=1
# leaves out the re-validation, SKIP_REFERENCE=1 the reference orders.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
bash scripts/setup.sh
runs=${RUNS:-200}
ratio() { echo "scale=2; $1 / $2" | bc; }
# metric NAME: the value before NAME in a go test -bench line on stdin.
metric() { awk -v m="$1" '{for (i = 2; i <= NF; i++) if ($i == m) print $(i-1)}'; }

echo "== go test -bench BenchmarkCheck ./pipeline (clean-call-detail: 3-page bill + 1-page LOA)"
check=$(go test -run '^$' -bench 'BenchmarkCheck$' -benchtime "${runs}x" -benchmem ./pipeline | grep Benchmark)
echo "$check"
echo "== pdftotext -layout on the same two files, $runs times"
start=$(date +%s%N)
for _ in $(seq "$runs"); do
	pdftotext -layout testdata/docs/bill-header-box-call-detail.pdf - >/dev/null
	pdftotext -layout testdata/docs/loa-form-signed.pdf - >/dev/null
done
end=$(date +%s%N)
pair=$(((end - start) / runs))
echo "pdftotext -layout, bill + LOA: $((pair / 1000)) µs per pair (process start included)"
echo "BenchmarkCheck / pdftotext: $(ratio "$(echo "$check" | metric ns/op)" "$pair")"

echo "== go test -bench BenchmarkExtract ./extract (3-page text PDF)"
go test -run '^$' -bench 'BenchmarkExtract$' -benchtime "${runs}x" -benchmem ./extract | grep Benchmark
echo "== go test -bench BenchmarkReadFilledForm ./extract (the corpus LOA forms, live and flattened)"
go test -run "^$" -bench "BenchmarkReadFilledForm" -benchtime 5x ./extract | grep Benchmark || true

echo "== OCR of one 300 DPI letter page: portcheck (its OCR engine in a child process, gosseract) beside the tesseract command line"
go test -run '^$' -bench 'BenchmarkPage300DPI' -benchtime "${OCR_RUNS:-10}x" ./extract/ocr/engine | grep Benchmark

if [ "${SKIP_QUEUE:-0}" != 1 ]; then
	bash scripts/services.sh
	n=${REVALIDATE_ORDERS:-100000}
	dir=${REVALIDATE_DIR:-/tmp/portcheck-bench-orders}
	echo "== re-validating $n pending orders with cached fields: folder storage ($dir, made on the first run), real Redis, 2 workers"
	if [ ! -e "$dir/bench/as-of" ]; then
		# New orders carry no report sum, so their first night writes
		# every report; the figure below is a night like most, whose
		# reports differ from the last in as_of alone.
		echo "first night over new orders (every report written):"
		PORTCHECK_BENCH_DIR=$dir PORTCHECK_BENCH_ORDERS=$n go test -run '^$' -bench 'BenchmarkRevalidate$' -benchtime 1x -timeout 3h ./workers | grep Benchmark
	fi
	floor=$(PORTCHECK_BENCH_ORDERS=$n go test -run '^$' -bench 'BenchmarkStoreFloor' -benchtime 1x -timeout 2h ./workers | grep Benchmark)
	echo "$floor"
	rv=$(PORTCHECK_BENCH_DIR=$dir PORTCHECK_BENCH_ORDERS=$n go test -run '^$' -bench 'BenchmarkRevalidate$' -benchtime 1x -timeout 3h ./workers | grep Benchmark)
	echo "a later night (reports unchanged but for as_of are not written again):"
	echo "$rv"
	secs=$(echo "$rv" | metric s/all-orders)
	echo "re-validation / its writes alone: $(ratio "$secs" "$(echo "$floor" | metric s/all-orders)"); per 100,000 orders / the 30 s target: $(ratio "$(echo "$secs * 100000 / $n" | bc -l)" 30)"
	# A night on which every order's bill is aging (the bench bill's
	# window opens on 2026-11-29): BILL_AGING names the bill's age, so
	# every report changes, and each is made again from its memo
	# (pipeline.RedateFindings) rather than from the documents' fields.
	last=$(cat "$dir/bench/as-of")
	aging=$(date -u -d "$last + 1 day" +%F)
	if [[ $aging < 2026-11-30 ]]; then aging=2026-11-30; fi
	rv=$(PORTCHECK_BENCH_DIR=$dir PORTCHECK_BENCH_ORDERS=$n PORTCHECK_BENCH_AS_OF=$aging go test -run '^$' -bench 'BenchmarkRevalidate$' -benchtime 1x -timeout 3h ./workers | grep Benchmark)
	echo "a night on which every bill ages (as of $aging: every report changes):"
	echo "$rv"
	secs=$(echo "$rv" | metric s/all-orders)
	echo "aging night / its writes alone: $(ratio "$secs" "$(echo "$floor" | metric s/all-orders)"); per 100,000 orders / the 30 s target: $(ratio "$(echo "$secs * 100000 / $n" | bc -l)" 30)"
	s3n=${S3_ORDERS:-10000}
	echo "== the same over versitygw (S3), $s3n orders: a fresh bucket, so a first night (every report written)"
	PORTCHECK_BENCH_STORE=s3 PORTCHECK_BENCH_ORDERS=$s3n go test -run '^$' -bench 'BenchmarkStoreFloor' -benchtime 1x -timeout 2h ./workers | grep Benchmark
	PORTCHECK_BENCH_STORE=s3 PORTCHECK_BENCH_ORDERS=$s3n go test -run '^$' -bench 'BenchmarkRevalidate$' -benchtime 1x -timeout 3h ./workers | grep Benchmark
fi

if [ "${SKIP_REFERENCE:-0}" != 1 ] && [ -d ../shared/reference ]; then
	bash scripts/bench-reference.sh ../shared/reference
fi
