#!/usr/bin/env bash
# Installs what portcheck's build and tests need on a Debian machine and
# is safe to run again: it installs only what is missing.
set -euo pipefail

need_apt=()
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
# OCR: Tesseract with English and orientation data, and the headers
# gosseract's cgo build needs.
for pkg in tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd libtesseract-dev libleptonica-dev g++; do
	dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done

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
