#!/usr/bin/env bash
# Installs the servers the integration tests start themselves: Redis
# (Debian's redis-server) and an S3-compatible server (versitygw, built
# with go install and kept in GOPATH/bin between runs). The tests start
# each on a free loopback port in a temporary folder; nothing here runs
# a server.
set -euo pipefail
export PATH="/usr/local/go/bin:$PATH"
if ! command -v redis-server >/dev/null 2>&1; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "services: installing redis-server" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
	# Debian starts it as a service; the tests run their own.
	$sudo service redis-server stop >/dev/null 2>&1 || true
fi
if [ ! -x "$(go env GOPATH)/bin/versitygw" ] && ! command -v versitygw >/dev/null 2>&1; then
	echo "services: installing versitygw v1.8.0 (go install)" >&2
	go install github.com/versity/versitygw/cmd/versitygw@v1.8.0
fi
