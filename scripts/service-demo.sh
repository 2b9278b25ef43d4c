#!/usr/bin/env bash
# The service walkthrough of the README, run for real: starts Redis and an
# S3-compatible server (versitygw) on loopback, creates the bucket, starts
# `portcheck serve` and a `portcheck worker`, and walks the API as an
# intake service does: create an order, upload its documents, ask for a
# check, poll, fetch the report. Any answer other than the expected one
# stops it with exit 1. CI runs it after the tests (.ci/run).
#
# Steps that need parts of the API still being built are written here and
# switched off by the WITH_* settings below; set them to 1 once the
# service has them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
# The AWS SDK must never ask the cloud metadata address; portcheck also
# disables it itself whenever PORTCHECK_S3_ENDPOINT is set.
export AWS_EC2_METADATA_DISABLED=true

WITH_WEBHOOKS=${WITH_WEBHOOKS:-1}     # POST /v1/webhooks, a signed delivery received
WITH_CORRECTION=${WITH_CORRECTION:-1} # GET /v1/orders/{id}/correction
WITH_PATCH=${WITH_PATCH:-1}           # PATCH /v1/orders/{id}, then a re-check that passes

# Loopback ports; change them if something already listens there.
API_PORT=${API_PORT:-18080}
REDIS_PORT=${REDIS_PORT:-16379}
S3_PORT=${S3_PORT:-17070}
METRICS_PORT=${METRICS_PORT:-19090}
HOOK_PORT=${HOOK_PORT:-18081}

API="http://127.0.0.1:$API_PORT"
KEY="demo-key-7f3a-0123456789abcdef"
AS_OF=2026-11-23 # fixed "today", so the output is the README's
ORDER=ord-1001

work=$(mktemp -d)
KEEP=${KEEP:-0} # 1: leave the logs and data in $work
pids=()

fail() {
	echo "service-demo: FAILED: $*" >&2
	for log in "$work"/*.log; do
		[ -f "$log" ] || continue
		echo "--- last lines of $(basename "$log")" >&2
		tail -n 20 "$log" >&2
	done
	exit 1
}

# cleanup stops what this script started, the last started first, so the
# worker shuts down while Redis still answers.
cleanup() {
	local i
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		kill "${pids[i]}" 2>/dev/null || true
		wait "${pids[i]}" 2>/dev/null || true
	done
	if [ "$KEEP" = 1 ]; then echo "service-demo: logs and data left in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

step() { printf '\n## %s\n' "$*"; }

# run_bg LOG COMMAND...: start a server in the background, shown as typed.
run_bg() {
	local log=$1
	shift
	echo "\$ $(basename "$1")$(shown "${@:2}") 2>$(basename "$log") &"
	"$@" >/dev/null 2>"$log" &
	pids+=($!)
}

# call STATUS METHOD PATH [curl arguments]: one API request, shown as the
# curl command an intake service sends; its body is left in $body and
# printed (through the jq filter $SHOW when set). Any other status than
# STATUS stops the walkthrough.
call() {
	local want=$1 method=$2 path=$3
	shift 3
	echo "\$ curl -X $method \"\$API$path\" -H \"Authorization: Bearer \$KEY\"$(shown "$@")${SHOW:+ | jq '$SHOW'}"
	local status
	status=$(curl -sS -o "$work/body" -D "$work/headers" -w '%{http_code}' -X "$method" "$API$path" \
		-H "Authorization: Bearer $KEY" "$@") || fail "$method $path: curl could not reach the service"
	body=$(cat "$work/body")
	[ "$status" = "$want" ] || fail "$method $path: HTTP $status, expected $want: $body"
	echo "HTTP $status"
	if [ -n "$SHOW" ]; then
		jq "$SHOW" <<<"$body"
	elif [ -n "$body" ]; then
		echo "$body"
	fi
}
SHOW=""

# shown ARGS: curl arguments as a reader would type them: files named
# without the temporary folder, arguments with spaces quoted.
shown() {
	local a
	for a in "$@"; do
		a=${a//$work\//}
		case "$a" in
		"") printf " ''" ;;
		*" "* | *'"'*) printf ' '"'"'%s'"'" "$a" ;;
		*) printf ' %s' "$a" ;;
		esac
	done
}

# field NAME: a top-level field of the last answer.
field() { jq -r ".$1" <<<"$body"; }

port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || fail "port $1 is in use; set ${2}_PORT to a free one"
}

# wait_http URL PID NAME: until URL answers 200, or the process ends.
wait_http() {
	for _ in $(seq 1 200); do
		if [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = 200 ]; then return 0; fi
		kill -0 "$2" 2>/dev/null || fail "$3 exited before it was ready"
		sleep 0.1
	done
	fail "$3 was not ready within 20s ($1)"
}

install_tools() {
	bash scripts/services.sh # redis-server and versitygw
	if ! command -v jq >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
		local sudo=""
		[ "$(id -u)" -eq 0 ] || sudo="sudo"
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq jq curl >/dev/null
	fi
	# portcheck-ocr beside portcheck: the worker starts the OCR engine it
	# finds in its own folder.
	go build -buildvcs=auto -o "$work/" ./cmd/portcheck ./cmd/portcheck-ocr
}

start_servers() {
	step "Start Redis and versitygw on loopback, and make the bucket"
	port_free "$REDIS_PORT" REDIS
	port_free "$S3_PORT" S3
	port_free "$API_PORT" API
	port_free "$METRICS_PORT" METRICS
	cd "$work"
	run_bg "$work/redis.out" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly yes
	local versitygw
	versitygw=$(command -v versitygw || echo "$(go env GOPATH)/bin/versitygw")
	mkdir -p "$work/s3"
	echo "\$ export AWS_ACCESS_KEY_ID=demo-access AWS_SECRET_ACCESS_KEY=demo-secret-0123456789 AWS_REGION=us-east-1"
	export AWS_ACCESS_KEY_ID=demo-access AWS_SECRET_ACCESS_KEY=demo-secret-0123456789 AWS_REGION=us-east-1
	run_bg "$work/versitygw.out" "$versitygw" --access "$AWS_ACCESS_KEY_ID" --secret "$AWS_SECRET_ACCESS_KEY" --port "127.0.0.1:$S3_PORT" posix s3
	cd - >/dev/null
	for _ in $(seq 1 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break
		sleep 0.1
	done
	# The bucket, made by a signed S3 request (the hash is that of the
	# empty body, which S3 wants named).
	echo "\$ curl -X PUT --aws-sigv4 aws:amz:us-east-1:s3 --user \"\$AWS_ACCESS_KEY_ID:\$AWS_SECRET_ACCESS_KEY\" -H 'x-amz-content-sha256: e3b0c442...b855' http://127.0.0.1:$S3_PORT/portcheck"
	curl -sS --fail-with-body -X PUT --aws-sigv4 "aws:amz:us-east-1:s3" \
		--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
		-H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" \
		"http://127.0.0.1:$S3_PORT/portcheck" || fail "could not create the bucket"
}

start_portcheck() {
	step "Start the API and a worker on them"
	echo "$KEY loc_7f3a" >"$work/keys"
	echo "\$ echo \"$KEY loc_7f3a\" > keys   # API key and its tenant"
	echo "\$ export PORTCHECK_REDIS_ADDR=127.0.0.1:$REDIS_PORT PORTCHECK_STORAGE=s3://portcheck/demo PORTCHECK_S3_ENDPOINT=http://127.0.0.1:$S3_PORT"
	export PORTCHECK_REDIS_ADDR="127.0.0.1:$REDIS_PORT"
	export PORTCHECK_STORAGE="s3://portcheck/demo"
	export PORTCHECK_S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
	echo "\$ portcheck version"
	"$work/portcheck" version
	run_bg "$work/serve.log" "$work/portcheck" serve --listen "127.0.0.1:$API_PORT" --api-keys "$work/keys"
	wait_http "$API/readyz" "${pids[-1]}" "portcheck serve"
	run_bg "$work/worker.log" "$work/portcheck" worker --concurrency 2 --metrics-listen "127.0.0.1:$METRICS_PORT"
	wait_http "http://127.0.0.1:$METRICS_PORT/metrics" "${pids[-1]}" "portcheck worker"
	echo "\$ API=$API KEY=$KEY"
}

step_ready() {
	step "The service is ready: Redis and the bucket answer"
	call 200 GET /readyz
}

# The order as an intake form sends it: no documents yet (they are
# uploaded one by one), and an account number typed with two digits
# swapped, which the documents will show.
step_create_order() {
	step "Create the order"
	cat >"$work/order.json" <<EOF
{
  "id": "$ORDER",
  "profile": "strict",
  "account_type": "business",
  "current_carrier": "Verizon",
  "account_name": "Acme Widgets, Inc.",
  "account_number": "482-99117-30",
  "pin": "4410",
  "btn": "+1 217 555 0100",
  "service_address": {"line1": "1200 N Main Street", "line2": "Suite 300", "city": "Springfield", "state": "IL", "postal_code": "62702"},
  "authorized_name": "Dana Whitfield",
  "authorized_title": "Office Manager",
  "numbers": [{"number": "+12175550100", "type": "landline"}, {"number": "(217) 555-0143", "type": "wireless", "pin": "9921"}],
  "full_port": true,
  "requested_date": "2026-12-10"
}
EOF
	echo "\$ cat order.json"
	cat "$work/order.json"
	SHOW='{id, location_id, status, verdict, version, pin, numbers}' \
		call 201 POST /v1/orders -H "X-Request-Id: intake-0001" --data-binary "@$work/order.json"
	[ "$(field id)" = "$ORDER" ] && [ "$(field status)" = draft ] || fail "the created order is not $ORDER in draft"
	grep -qi '^x-request-id: intake-0001' "$work/headers" || fail "the request id did not come back"
	! grep -q 4410 <<<"$body" || fail "the PIN came back"
}

step_upload_documents() {
	step "Upload its documents (the raw bytes; the content decides the type)"
	call 201 PUT "/v1/orders/$ORDER/documents/bill.pdf?kind=bill" --data-binary @testdata/docs/bill-header-box.pdf
	[ "$(field media_type)" = application/pdf ] || fail "the bill is not stored as a PDF"
	call 201 PUT "/v1/orders/$ORDER/documents/loa.pdf?kind=loa" --data-binary @testdata/docs/loa-form-signed.pdf
}

step_register_webhook() {
	step "Register a webhook (the receiver verifies the signature)"
	start_receiver
	call 201 POST /v1/webhooks -d "{\"url\": \"http://127.0.0.1:$HOOK_PORT/portcheck\", \"events\": [\"order.checked\", \"order.failed\"]}"
	field secret >"$work/hook-secret"
	[ -s "$work/hook-secret" ] && [ "$(cat "$work/hook-secret")" != null ] || fail "no webhook secret"
}

# start_receiver: a loopback receiver that checks each delivery's
# Portcheck-Signature (t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">)
# and appends the verified ones to hooks.jsonl.
start_receiver() {
	command -v python3 >/dev/null 2>&1 || fail "the webhook receiver needs python3"
	port_free "$HOOK_PORT" HOOK
	python3 - "$HOOK_PORT" "$work" <<'PY' >"$work/receiver.out" 2>&1 &
import hashlib, hmac, http.server, pathlib, sys, time
port, work = int(sys.argv[1]), pathlib.Path(sys.argv[2])
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        parts = dict(p.split("=", 1) for p in self.headers.get("Portcheck-Signature", "").split(",") if "=" in p)
        secret = (work / "hook-secret").read_text().strip().encode()
        want = hmac.new(secret, parts.get("t", "").encode() + b"." + body, hashlib.sha256).hexdigest()
        ok = hmac.compare_digest(want, parts.get("v1", "")) and abs(time.time() - int(parts.get("t", 0))) < 300
        if ok:
            with open(work / "hooks.jsonl", "ab") as f:
                f.write(body.replace(b"\n", b"") + b"\n")
        self.send_response(200 if ok else 400)
        self.end_headers()
http.server.HTTPServer(("127.0.0.1", port), H).serve_forever()
PY
	pids+=($!)
	for _ in $(seq 1 50); do
		(exec 3<>"/dev/tcp/127.0.0.1/$HOOK_PORT") 2>/dev/null && return 0
		sleep 0.1
	done
	fail "the webhook receiver did not start"
}

step_check() {
	step "Ask for a check (as of $AS_OF)"
	call 202 POST "/v1/orders/$ORDER/check?as_of=$AS_OF"
}

step_poll() {
	step "Poll until it is checked"
	for _ in $(seq 1 240); do
		body=$(curl -sS "$API/v1/orders/$ORDER" -H "Authorization: Bearer $KEY") || fail "GET /v1/orders/$ORDER: no answer"
		case "$(field status)/$(field report_stale)" in
		checked/false) break ;;
		failed/*) fail "the check failed: $(field reason)" ;;
		esac
		sleep 0.5
	done
	SHOW='{id, status, verdict, version, report_version, report_stale}' call 200 GET "/v1/orders/$ORDER"
	[ "$(field status)" = checked ] || fail "not checked within 2 minutes"
}

step_webhook_received() {
	step "The webhook arrived, signed"
	for _ in $(seq 1 100); do
		[ -s "$work/hooks.jsonl" ] && break
		sleep 0.2
	done
	[ -s "$work/hooks.jsonl" ] || fail "no verified webhook delivery within 20s"
	echo "\$ cat hooks.jsonl   # what the receiver got"
	jq -c . "$work/hooks.jsonl"
	[ "$(tail -n 1 "$work/hooks.jsonl" | jq -r .type)" = order.checked ] || fail "the delivery is not order.checked"
}

# step_report WANT: the report, summed up as an intake service shows it.
step_report() {
	step "Fetch the report"
	echo "\$ curl \"\$API/v1/orders/$ORDER/report\" -H \"Authorization: Bearer \$KEY\" | jq '{verdict, findings: [.findings[] | {code, document, expected, found, fix}]}'"
	body=$(curl -sS -w '\n%{http_code}' "$API/v1/orders/$ORDER/report" -H "Authorization: Bearer $KEY")
	[ "$(tail -n 1 <<<"$body")" = 200 ] || fail "GET /v1/orders/$ORDER/report: $body"
	body=$(sed '$d' <<<"$body")
	jq '{verdict, findings: [.findings[] | {code, document, expected, found, fix}]}' <<<"$body"
	[ "$(field verdict)" = "$1" ] || fail "the verdict is $(field verdict), expected $1"
}

step_correction() {
	step "The correction: the values the documents show, as a merge patch"
	call 200 GET "/v1/orders/$ORDER/correction"
	[ "$(jq -r .patch.account_number <<<"$body")" = 482-99117-03 ] || fail "the correction does not set the account number the documents show"
	jq .patch <<<"$body" >"$work/patch.json"
}

step_patch() {
	step "Apply it with PATCH (the report becomes stale)"
	[ -s "$work/patch.json" ] || echo '{"account_number": "482-99117-03"}' >"$work/patch.json"
	SHOW='{id, account_number, status, version, report_stale}' call 200 PATCH "/v1/orders/$ORDER" \
		-H "Content-Type: application/merge-patch+json" --data-binary "@$work/patch.json"
	[ "$(field account_number)" = 482-99117-03 ] || fail "PATCH did not change the account number"
}

step_metrics() {
	step "Metrics: the worker's own listener, and the API's"
	echo "\$ curl http://127.0.0.1:$METRICS_PORT/metrics | grep -E '^portcheck_(task_duration_seconds_count|document_read_duration_seconds_count|findings_total|queue_tasks\\{queue=\"checks\",state=\"pending\"\\})'"
	local m
	m=$(curl -sS "http://127.0.0.1:$METRICS_PORT/metrics") || fail "no worker metrics"
	grep -E '^portcheck_(task_duration_seconds_count|document_read_duration_seconds_count|findings_total|queue_tasks\{queue="checks",state="pending"\})' <<<"$m" || fail "the worker's metrics lack the check"
	grep -q '^portcheck_findings_total{code="ACCOUNT_NUMBER_MISMATCH"} 2$' <<<"$m" || fail "the findings are not counted"
	echo "\$ curl \$API/metrics | grep 'route=\"/v1/orders/{id}/documents/{name}\"' | grep _count"
	m=$(curl -sS "$API/metrics") || fail "no API metrics"
	grep 'route="/v1/orders/{id}/documents/{name}"' <<<"$m" | grep _count || fail "the uploads are not counted by route"
}

step_logs() {
	step "Logs: JSON lines only, each request with its id and seconds"
	local log
	for log in serve worker; do
		if grep -vn '^{.*}$' "$work/$log.log"; then fail "$log wrote a line that is not JSON (above)"; fi
	done
	echo "\$ grep intake-0001 serve.log | jq -c '{msg, request_id, method, route, status, duration_seconds}'"
	grep intake-0001 "$work/serve.log" | jq -c '{msg, request_id, method, route, status, duration_seconds}' || fail "the request is not logged with its id"
}

main() {
	install_tools
	start_servers
	start_portcheck
	step_ready
	step_create_order
	step_upload_documents
	if [ "$WITH_WEBHOOKS" = 1 ]; then step_register_webhook; fi
	step_check
	step_poll
	if [ "$WITH_WEBHOOKS" = 1 ]; then step_webhook_received; fi
	step_report reject
	if [ "$WITH_CORRECTION" = 1 ]; then step_correction; fi
	if [ "$WITH_PATCH" = 1 ]; then
		step_patch
		step_check
		step_poll
		step_report pass
	fi
	step_metrics
	step_logs
	printf '\nservice-demo: every step answered as expected\n'
}

main
