#!/usr/bin/env bash
# scamguard scan and a turn the engine refuses (over max_turn_bytes, 64 KiB shipped): the call gets no verdict
# line (it would be the verdict of the call without that turn), stderr names the call and the
# reason, the other calls are scored, and the exit code is 1 (input errors). Issue 12.9.
#   scan_refused_turn_test.sh SCAMGUARD CONF_DIR
set -euo pipefail
scamguard=$1 conf=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
long=$(head -c 70000 /dev/zero | tr '\0' 'a')
{
  echo '{"id": "ok-1", "label": "scam", "turns": [{"speaker": "remote", "text": "hello from amazon"}]}'
  echo "{\"id\": \"long-1\", \"label\": \"scam\", \"turns\": [{\"speaker\": \"remote\", \"text\": \"please install anydesk\"}, {\"speaker\": \"remote\", \"text\": \"$long\"}]}"
} > "$work/calls.jsonl"
status=0
"$scamguard" scan --conf "$conf" "$work/calls.jsonl" > "$work/out" 2> "$work/err" || status=$?
[ "$status" -eq 1 ] || { echo "exit code $status, expected 1"; cat "$work/err"; exit 1; }
grep -q '"id":"ok-1"' "$work/out" || { echo "ok-1 was not scored"; exit 1; }
if grep -q '"id":"long-1"' "$work/out"; then echo "long-1 printed as if scored"; exit 1; fi
grep -q '^long-1: event refused' "$work/err" || { echo "stderr does not name long-1"; cat "$work/err"; exit 1; }
echo "ok"
