#!/usr/bin/env bash
# Fails when a test run's captured output (the runner's JSON log lines and anything else the tests
# printed) contains a password, a TOTP secret, a full demo phone number or the text of a message
# that carries a one-time code. Run it after `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

reports=(functions/target/surefire-reports local/target/surefire-reports)
# The console output of the last test script run, which contains what server threads printed.
console=target/test-output.log
patterns=(
  'Initial-Passw0rd-2026!'          # the demo users' password
  'Correct-Horse-Battery'           # the new password the end-to-end tests set
  'JBSWY3DPEHPK3PXP'                # the demo TOTP secret
  '2055550133'                      # cs0101's phone number, in any of its formats
  '2055550142'                      # cs0102's phone number
  'is your password reset code'     # an SMS text, which carries the code
  'Your code is:'                   # a voice script, which carries the code
)

found=0
for report in "${reports[@]}"; do
  [ -d "$report" ] || { echo "No test reports in $report: run mvn verify first." >&2; exit 1; }
done
shopt -s nullglob
files=()
for report in "${reports[@]}"; do
  files+=("$report"/TEST-*.xml "$report"/*-output.txt)
done
if [ -f "$console" ]; then
  files+=("$console")
fi
[ "${#files[@]}" -gt 0 ] || { echo "The test reports are empty: run mvn verify first." >&2; exit 1; }
for pattern in "${patterns[@]}"; do
  # Only captured output counts: system-out and system-err in the XML reports, and *-output.txt.
  if awk -v needle="$pattern" '
      FILENAME ~ /(-output\.txt|test-output\.log)$/ { if (index($0, needle)) { found = 1 }; next }
      /<system-(out|err)>/ { inside = 1 }
      inside && index($0, needle) { found = 1 }
      /<\/system-(out|err)>/ { inside = 0 }
      END { exit !found }' "${files[@]}"; then
    echo "A secret-like value appears in the captured test output: $pattern" >&2
    found=1
  fi
done
if [ "$found" -ne 0 ]; then
  exit 1
fi
echo "Captured test output holds no password, TOTP secret, full phone number or code message."
