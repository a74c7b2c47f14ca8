#!/usr/bin/env bash
# Measures how often Tesseract OCR solves the PNG CAPTCHA. Renders CAPTCHAs with
# CaptchaImageRenderer, attacks each with tesseract after several ImageMagick preparations, and
# prints the solve rate and character accuracy of each attack as Markdown tables. docs/captcha.md
# records the results. CI does not run it, because it needs tesseract and takes minutes.
#
# Usage: scripts/captcha-ocr-check.sh [count] [seed] [work directory]
#   count           number of CAPTCHAs to render (default 200)
#   seed            seed of the texts and distortions, so that a run can be repeated (default 1)
#   work directory  where the images and answers.tsv go (default: a new directory under /tmp)
# Needs Java 17, Maven, tesseract (Debian package tesseract-ocr) and ImageMagick's convert
# (Debian package imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tesseract >/dev/null; then
  echo "tesseract is missing. Install the Debian package tesseract-ocr." >&2
  exit 1
fi
if ! convert -version 2>/dev/null | grep -q '^Version: ImageMagick'; then
  echo "ImageMagick's convert is missing. Install the Debian package imagemagick." >&2
  exit 1
fi

# Maven's output goes to stderr, so that stdout contains only the report.
mvn -q -B -pl functions test-compile >&2
echo "tesseract $(tesseract --version 2>&1 | head -1 | awk '{print $2}'), $(convert -version |
  head -1 | awk '{print $2, $3}'), $(nproc) cores"
java -cp functions/target/classes:functions/target/test-classes \
  dev.sspr.core.captcha.CaptchaOcrCheck "$@"
