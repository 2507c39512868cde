#!/usr/bin/env bash
# Renders a coverage report in headless Chromium (Debian's `chromium` package) and saves a
# screenshot, to look at the page as a person would. Not part of the build.
#
#   scripts/coverage-screenshot.sh [report.html] [out.png]
#
# Defaults: the samples' report (run `mvn -B -pl samples -am test` first) and
# target/coverage-screenshot.png.
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-samples/target/grpc-contract/coverage.html}"
out="${2:-target/coverage-screenshot.png}"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "chromium is not installed (Debian: apt-get install chromium)" >&2
  exit 2
fi
if [[ ! -f "$report" ]]; then
  echo "no report at $report; run the tests first" >&2
  exit 2
fi
mkdir -p "$(dirname "$out")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1400,1600 \
  --screenshot="$out" "file://$(realpath "$report")" 2>/dev/null
echo "screenshot: $out"
