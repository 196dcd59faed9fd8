#!/usr/bin/env bash
# The crash test (README, "Crash test"): builds the jar, then runs the demo campaign with 3,000 people, kills it with
# SIGKILL at 30 random moments and at each named crash point, restarts it every time, lets it finish and checks the
# database and the files (org.breachnotify.crash.CrashHarness and CrashChecks, in src/test). Takes about 25 minutes
# on 2 cores. Not part of `mvn verify`. Exit status 0 when every check holds.
#
#   scripts/crash-test.sh                         # the defaults
#   scripts/crash-test.sh -Dcrash.seed=42         # repeat a run's random moments (the seed is printed at the start)
#   scripts/crash-test.sh -Dcrash.people=1000 -Dcrash.random-kills=10
#
# Settings (-Dcrash.<name>=...): people, random-kills, seed, named (points, comma separated, point@n = the n-th time),
# dir (target/crash-test), finish-timeout (PT40M). MVN overrides the Maven command (default "mvn -o").
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn -o}
$MVN -q -B package -DskipTests
$MVN -q -B dependency:build-classpath -Dmdep.outputFile=target/crash-test.classpath -Dmdep.includeScope=test
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/crash-test.classpath)" \
    org.breachnotify.crash.CrashHarness
