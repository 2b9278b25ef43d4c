#!/usr/bin/env bash
# The project's benchmarks: one whole check of a three-page text-layer
# bill plus an LOA (go test -bench), and beside it pdftotext -layout on
# the same two files, so the figures in README.md can be reproduced.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
bash scripts/setup.sh
runs=${RUNS:-200}

echo "== go test -bench BenchmarkCheck ./pipeline (clean-call-detail: 3-page bill + 1-page LOA)"
go test -run '^$' -bench 'BenchmarkCheck$' -benchtime "${runs}x" -benchmem ./pipeline | grep Benchmark
echo "== go test -bench BenchmarkExtract ./extract (3-page text PDF)"
go test -run '^$' -bench 'BenchmarkExtract$' -benchtime "${runs}x" -benchmem ./extract | grep Benchmark

echo "== go test -bench BenchmarkReadFilledForm ./extract (the corpus LOA forms, live and flattened)"
go test -run "^$" -bench "BenchmarkReadFilledForm" -benchtime 5x ./extract | grep Benchmark || true

echo "== pdftotext -layout on the same two files, $runs times"
start=$(date +%s%N)
for _ in $(seq "$runs"); do
	pdftotext -layout testdata/docs/bill-header-box-call-detail.pdf - >/dev/null
	pdftotext -layout testdata/docs/loa-form-signed.pdf - >/dev/null
done
end=$(date +%s%N)
echo "pdftotext -layout, bill + LOA: $(( (end - start) / runs / 1000 )) µs per pair (process start included)"

echo "== OCR of one 300 DPI letter page: portcheck (child process, gosseract) beside the tesseract command line"
go test -run '^$' -bench 'BenchmarkPage300DPI' -benchtime "${OCR_RUNS:-10}x" ./extract/ocr | grep Benchmark

echo "== the queue: documents per second with 1, 2 and 4 workers (Redis, versitygw), and re-validation of the same 40 orders with cached extractions"
bash scripts/services.sh
go test -run '^$' -bench 'BenchmarkQueue' -benchtime 1x ./api | grep Benchmark
