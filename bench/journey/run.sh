#!/usr/bin/env bash
# Journey benchmark (not a test): N journeys prepared through the real pages, then the final submit POST driven
# with a distinct journey per request by autocannon, beside a baseline endpoint doing one SQLite insert of a
# response's size. Rate limits are lifted (RateLimits__Enabled=false). Figures go to stdout; see ../README.md.
#   bash bench/journey/run.sh [journeys=2000] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
journeys=${1:-2000}
connections=${2:-32}
work=$(mktemp -d)
portal_port=5391
baseline_port=5392

(cd bench/journey && [[ -d node_modules/autocannon ]] || npm ci --no-audit --no-fund --loglevel=error)
dotnet build src/EngagementPortal.Web -c Release -nologo -clp:ErrorsOnly
dotnet build bench/journey/Baseline -c Release -nologo -clp:ErrorsOnly

ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$portal_port Portal__Root="$root" \
  ConnectionStrings__Portal="Data Source=$work/portal.db" Demo__Enabled=true RateLimits__Enabled=false \
  Email__PickupDirectory="$work/mail" Logging__LogLevel__Default=Warning \
  dotnet src/EngagementPortal.Web/bin/Release/net10.0/EngagementPortal.Web.dll >"$work/portal.log" 2>&1 &
portal_pid=$!
ASPNETCORE_URLS=http://127.0.0.1:$baseline_port Database="$work/baseline.db" \
  dotnet bench/journey/Baseline/bin/Release/net10.0/Baseline.dll >"$work/baseline.log" 2>&1 &
baseline_pid=$!
trap 'kill $portal_pid $baseline_pid 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$portal_port/health/ready" >/dev/null && curl -fs "http://127.0.0.1:$baseline_port/baseline/count" >/dev/null && break
  sleep 0.5
done

PORTAL_URL=http://127.0.0.1:$portal_port PORTAL_PID=$portal_pid BASELINE_URL=http://127.0.0.1:$baseline_port JOURNEYS=$journeys CONNECTIONS=$connections \
  node bench/journey/run.mjs | tee "$work/figures.json"

# Every acknowledged submit (303) must be a stored response, and there must be no others. The warm-up and the
# complete-journey pass add their own responses, counted with them.
stored=$(sqlite3 "$work/portal.db" "SELECT COUNT(*) FROM responses")
duplicates=$(sqlite3 "$work/portal.db" "SELECT COUNT(*) - COUNT(DISTINCT IdempotencyKey) FROM responses")
acknowledged=$(node -e "const f=require('$work/figures.json'); console.log(f.warmup.status3xx + f.submit.status3xx + f.completeJourneys.journeys)")
echo "stored responses: $stored, acknowledged submits: $acknowledged, duplicate journeys: $duplicates"
[[ "$stored" == "$acknowledged" && "$duplicates" == "0" ]] && echo "consistency: OK" || { echo "consistency: MISMATCH"; exit 1; }
