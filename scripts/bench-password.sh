#!/usr/bin/env bash
# Measures set-password with the keyed-MAC history against the naive bcrypt history, at history
# depths 0, 12 and 24, and prints a Markdown table. Optional arguments: measured runs per depth for
# the MAC design and for the naive design (defaults 30 and 10). It takes about 3 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file=functions/target/bench.classpath
mvn -q -B -pl functions -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$classpath_file" -Dmdep.includeScope=test
exec java -cp "functions/target/test-classes:functions/target/classes:$(cat "$classpath_file")" \
  dev.sspr.bench.PasswordBenchmark "$@"
