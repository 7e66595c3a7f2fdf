#!/usr/bin/env bash
# The one test command: installs what the tests need when it is missing, builds, runs every test.
#   bash scripts/test.sh            everything
#   bash scripts/test.sh --no-e2e   without the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

run_e2e=true
[[ "${1:-}" == "--no-e2e" ]] && run_e2e=false

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Debian packages: Chromium for browser tests (never a downloaded browser), poppler-utils (pdftotext) and
# fonts for the PDF export tests.
need=()
command -v chromium >/dev/null || need+=(chromium chromium-driver)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[[ -d /usr/share/fonts/truetype/liberation2 ]] || need+=(fonts-liberation2)
[[ -d /usr/share/fonts/truetype/dejavu ]] || need+=(fonts-dejavu-core)
if (( ${#need[@]} )); then
  echo "Installing Debian packages: ${need[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm: the NHS design system source and maildev (the real SMTP server the email tests start).
if [[ ! -d node_modules/maildev || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# Each web test host watches its configuration files; many hosts at once can pass the default of 128 inotify
# instances per user. Raise it where allowed; otherwise let the hosts poll instead of watching.
if [[ $(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 0) -lt 1024 ]]; then
  as_root sysctl -q -w fs.inotify.max_user_instances=1024 2>/dev/null || export DOTNET_USE_POLLING_FILE_WATCHER=true
fi

dotnet restore EngagementPortal.sln
dotnet build EngagementPortal.sln --no-restore -c Debug -nologo -clp:ErrorsOnly

projects=(tests/EngagementPortal.Core.Tests tests/EngagementPortal.Web.Tests)
$run_e2e && projects+=(tests/EngagementPortal.E2E.Tests)

log=$(mktemp)
status=0
for project in "${projects[@]}"; do
  dotnet test "$project" --no-build -c Debug -nologo 2>&1 | tee -a "$log" || status=1
done

# One closing line over every project, in the plain form CI reads.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "Summary: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
