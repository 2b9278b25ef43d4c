#!/usr/bin/env bash
# Installs what is missing, builds portcheck, and checks the sample
# orders in testdata/orders: a clean one and one a carrier would reject.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
# The AWS SDK must never ask the cloud metadata address: tests use static
# credentials against servers on loopback.
export AWS_EC2_METADATA_DISABLED=true
bash scripts/setup.sh
# portcheck and its OCR engine, portcheck-ocr, side by side: portcheck
# starts the engine it finds beside itself.
go build -o bin/ ./cmd/portcheck ./cmd/portcheck-ocr
for o in clean rejected; do
	echo "== portcheck check testdata/orders/$o --root . --as-of 2026-11-23 --format text"
	bin/portcheck check "testdata/orders/$o" --root . --as-of 2026-11-23 --format text || true
	echo
done
