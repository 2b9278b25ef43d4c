#!/usr/bin/env bash
# The whole test suite: installs what is missing, vets, runs every test,
# then runs each fuzz target briefly. Set FUZZTIME=0 to skip fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
bash scripts/setup.sh
bash scripts/services.sh

fmt=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$fmt" ]; then
	echo "test: gofmt would change:" >&2
	echo "$fmt" >&2
	exit 1
fi
go vet ./...

fuzztime=${FUZZTIME:-10s}
if [ "$fuzztime" != "0" ]; then
	# Each target on its own: go test -fuzz takes one target at a time.
	for pkg in $(go list ./...); do
		for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
			echo "fuzz: $pkg $target for $fuzztime"
			go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg" >/dev/null
		done
	done
fi

# The whole suite last, so its summary closes the output.
go test -count=1 ./...
