#!/usr/bin/env bash
# Runs every test tier: the template and state machine checks, the unit tests, the end-to-end
# tests through the local runner and the browser tests in headless Chromium. Installs Chromium
# and the npm tools first when they are missing, so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

install_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    return
  fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "Chromium and ChromeDriver are missing. Install the Debian packages chromium and" \
      "chromium-driver, or the browser tests will be skipped (and fail when CI is set)." >&2
    return
  fi
  log "Installing Chromium and ChromeDriver from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
}

log "Checking template.yaml with cfn-lint"
if command -v cfn-lint >/dev/null; then
  cfn-lint template.yaml
  echo "template.yaml passed cfn-lint"
elif [ -n "${CI:-}" ]; then
  echo "cfn-lint is missing, and CI is set: failing." >&2
  exit 1
else
  echo "cfn-lint is missing: skipped. Install it to check the template." >&2
fi

log "Validating the state machine definition with asl-validator"
npm ci --no-audit --no-fund --loglevel=error
npx --no-install asl-validator --json-path statemachine/reset.asl.json

log "Running the state machine scenarios in aws-local-stepfunctions"
node scripts/asl-crosscheck.mjs

log "Running the CloudFront viewer-request function on sample addresses"
node scripts/viewer-ip-function-check.mjs

log "Validating the OpenAPI description"
npx --no-install swagger-cli validate docs/openapi.yaml

install_chromium

log "Building and running the Java tests"
mkdir -p target
mvn -B -ntp verify 2>&1 | tee target/test-output.log

log "Scanning the captured test output for secrets"
./scripts/scan-logs.sh
