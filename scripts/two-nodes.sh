#!/usr/bin/env bash
# Two application nodes share one campaign on one PostgreSQL (README, "Scaling out"): builds the jar, starts node A
# with its embedded PostgreSQL and the demo campaign (20,000 people), starts node B from the same jar against A's
# database (SPRING_DATASOURCE_URL, demo off, its own node name and port, the same data folder), waits until the
# campaign has completed, then checks the database and the files and shows what each node did
# (org.breachnotify.nodes.TwoNodeHarness, in src/test, with the crash test's CampaignChecks). Not part of `mvn verify`.
# Exit status 0 when every check holds and both nodes did work.
#
#   scripts/two-nodes.sh                              # 20,000 people, 15 to 20 minutes on 2 cores
#   scripts/two-nodes.sh -Dnodes.people=2000
#
# Settings (-Dnodes.<name>=...): people (20000), dir (target/two-nodes), heap per node (1g), finish-timeout (PT60M).
# MVN overrides the Maven command (default "mvn -o"). Safe to re-run: the harness stops what an earlier run left on
# its folder, takes fresh ports and starts on an empty folder; on exit (also Ctrl-C) both nodes are stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn -o}
dir=target/two-nodes
for arg in "$@"; do
    case $arg in -Dnodes.dir=*) dir=${arg#-Dnodes.dir=} ;; esac
done
dir=$(realpath -m "$dir")

harness=
cleanup() {
    if [[ -n $harness ]] && kill -0 "$harness" 2>/dev/null; then
        kill -TERM "$harness" # its shutdown hook stops node B, then node A and its PostgreSQL
        wait "$harness" || true
    fi
    # nodes the harness could not stop (it was killed outright): by the pids it recorded, only while they still run
    # on this folder
    if [[ -f $dir/node-pids ]]; then
        while read -r pid name; do
            if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$dir/data"; then
                echo "stopping node $name (pid $pid)"
                kill -KILL "$pid"
            fi
        done <"$dir/node-pids"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

$MVN -q -B package -DskipTests
$MVN -q -B dependency:build-classpath -Dmdep.outputFile=target/two-nodes.classpath -Dmdep.includeScope=test
java "$@" -cp "target/test-classes:target/classes:$(cat target/two-nodes.classpath)" \
    org.breachnotify.nodes.TwoNodeHarness &
harness=$!
status=0
wait "$harness" || status=$?
harness=
exit "$status"
