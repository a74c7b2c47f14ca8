#!/usr/bin/env bash
# Generates the speech clips of the audio CAPTCHA with espeak-ng and sox: one clip per alphabet
# character, spoken as its English name, plus the spoken instruction and the word that comes
# before the repetition. Writes 8 kHz mono 16-bit PCM WAV files to
# functions/src/main/resources/captcha-audio/, which CaptchaAudioRenderer reads at run time.
#
# Usage: scripts/generate-captcha-clips.sh
# Needs espeak-ng and sox on PATH (Debian packages espeak-ng and sox). Run it again after
# changing the alphabet in CaptchaText, and commit the clips it writes.
set -euo pipefail
cd "$(dirname "$0")/.."

# Must equal CaptchaText.ALPHABET. CaptchaAudioRendererTest fails when a character has no clip.
readonly ALPHABET="ACEHKLMNRTWXY3469"
readonly OUTPUT_DIR="functions/src/main/resources/captcha-audio"
readonly VOICE="en-us"
# Speaking rate in words per minute, below espeak-ng's default of 175 so that names sound slow
# and clear.
readonly WORDS_PER_MINUTE=140
readonly SAMPLE_RATE=8000

for tool in espeak-ng sox; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is missing. Install the Debian package $tool and run this script again." >&2
    exit 1
  fi
done

work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT

# Speaks TEXT with espeak-ng and writes OUTPUT: silence trimmed at both ends, resampled to
# SAMPLE_RATE, peak normalised to -1 dBFS, with short fades so that clips start and end at
# zero and mixing them causes no clicks.
synthesise() {
  local text=$1 output=$2
  espeak-ng -v "$VOICE" -s "$WORDS_PER_MINUTE" -w "$work_dir/raw.wav" -- "$text"
  # -D turns off dither, so that the same espeak-ng output always gives the same file.
  sox -D "$work_dir/raw.wav" -r "$SAMPLE_RATE" -b 16 -c 1 -e signed-integer "$output" \
    silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse \
    rate -v "$SAMPLE_RATE" norm -1 fade t 0.005 reverse fade t 0.015 reverse
}

mkdir -p "$OUTPUT_DIR"
for ((i = 0; i < ${#ALPHABET}; i++)); do
  character=${ALPHABET:i:1}
  # espeak-ng reads a lone capital letter as the letter's name and a lone digit as its number
  # word, such as "aitch" for H and "six" for 6.
  synthesise "$character" "$OUTPUT_DIR/$character.wav"
done
synthesise "Type the characters you hear." "$OUTPUT_DIR/intro.wav"
synthesise "Again." "$OUTPUT_DIR/again.wav"

espeak_version=$(espeak-ng --version | awk '{print $4}')
sox_version=$(sox --version 2>&1 | awk '{print $NF}')
echo "Wrote $((${#ALPHABET} + 2)) clips to $OUTPUT_DIR with espeak-ng $espeak_version and" \
  "sox $sox_version:"
for file in "$OUTPUT_DIR"/*.wav; do
  printf '  %-12s %6d bytes %6.3f s\n' "$(basename "$file")" "$(stat -c %s "$file")" \
    "$(soxi -D "$file")"
done
