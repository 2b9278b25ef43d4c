#!/usr/bin/env bash
# Installs what portcheck's build and tests need on a Debian machine and
# is safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
# OCR: Tesseract with English and orientation data, and the headers
# gosseract's cgo build needs.
for pkg in tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd libtesseract-dev libleptonica-dev g++; do
	dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done

# npm installs the OpenAPI linter and axe-core below; the reviewer UI's
# browser test drives Debian's Chromium and injects axe-core into its pages.
dpkg -s chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)

if ((${#need_apt[@]})); then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "setup: installing ${need_apt[*]}" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v go >/dev/null 2>&1; then
	if [ -x /usr/local/go/bin/go ]; then
		export PATH="/usr/local/go/bin:$PATH"
	else
		echo "setup: Go 1.24 or newer is required (https://go.dev/doc/install); go.mod names the version" >&2
		exit 1
	fi
fi
go mod download

# Redocly's CLI lints api/openapi.json (scripts/test.sh): a pinned
# version in a folder git ignores, installed once, telemetry off. It
# needs Node.js 20.19 or newer (Debian 12's own is 18: use NodeSource's).
redocly_version=2.77.0
redocly_dir=.cache/redocly
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)'; then
	echo "setup: Node.js 20.19 or newer is required for @redocly/cli (found $(node --version))" >&2
	exit 1
fi
if [ "$(cat "$redocly_dir/version" 2>/dev/null)" != "$redocly_version" ]; then
	echo "setup: installing @redocly/cli@$redocly_version into $redocly_dir" >&2
	REDOCLY_TELEMETRY=off npm install --prefix "$redocly_dir" --no-audit --no-fund --loglevel=error "@redocly/cli@$redocly_version" >/dev/null
	echo "$redocly_version" >"$redocly_dir/version"
fi

# axe-core, pinned, into a git-ignored folder of the project
# (.cache/node); the browser test reads it from there.
root="$(cd "$(dirname "$0")/.." && pwd)"
axe_version=4.14.1
axe="$root/.cache/node/node_modules/axe-core"
if ! grep -qs "\"version\": \"$axe_version\"" "$axe/package.json"; then
	echo "setup: installing axe-core $axe_version (npm) into .cache/node" >&2
	mkdir -p "$root/.cache/node"
	npm install --prefix "$root/.cache/node" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "axe-core@$axe_version" >/dev/null
fi
