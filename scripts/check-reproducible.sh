#!/usr/bin/env bash
# Builds the published modules twice, from two copies of the work tree in different directories,
# and compares every jar (main, sources, Javadoc) and the BOM byte for byte.
#
#   scripts/check-reproducible.sh            # offline (-o): the local repository has what it needs
#   ONLINE=1 scripts/check-reproducible.sh   # let Maven download what is missing
#   MAVEN_ARGS_EXTRA="-Dmaven.repo.local=..." scripts/check-reproducible.sh
#
# Nothing is installed; the copies live in a temporary directory that is removed at the end
# (KEEP=1 keeps it). Exit status 0 means every artifact is identical.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

modules=bom,compiler,client,junit,compat,assertions
offline=-o
[[ "${ONLINE:-}" == 1 ]] && offline=
work=$(mktemp -d "${TMPDIR:-/tmp}/grpc-contract-repro.XXXXXX")
if [[ "${KEEP:-}" != 1 ]]; then trap 'rm -rf "$work"' EXIT; fi

for run in a b; do
  mkdir -p "$work/$run"
  # The tracked and untracked-but-not-ignored files: the tree as it is, without any target/.
  git -C "$root" ls-files -z --cached --others --exclude-standard \
    | (cd "$root" && tar --null -T - -cf -) | tar -C "$work/$run" -xf -
  echo "build $run in $work/$run"
  (cd "$work/$run" && mvn -B -q $offline ${MAVEN_ARGS_EXTRA:-} -pl "$modules" -DskipTests package \
    >"$work/$run.log" 2>&1) || { echo "build $run failed; see below"; tail -40 "$work/$run.log"; exit 2; }
done

status=0
count=0
while IFS= read -r rel; do
  count=$((count + 1))
  if cmp -s "$work/a/$rel" "$work/b/$rel"; then
    echo "same      $rel"
  else
    echo "DIFFERENT $rel"
    status=1
  fi
done < <(cd "$work/a" && find bom compiler client junit compat assertions -path '*/target/*' \
           \( -name '*.jar' -o -name '*.pom' \) -newer "$work/a/pom.xml" | sort; \
         echo bom/pom.xml)

if [[ $count -lt 17 ]]; then
  echo "expected at least 3 jars for each of compiler, client, junit, compat and assertions (4 for client, with its test jar); found $count files"
  status=1
fi
if [[ $status == 0 ]]; then
  echo "reproducible: $count artifacts identical across two builds"
else
  echo "NOT reproducible (KEEP=1 keeps both trees for diffoscope or unzip -l)"
fi
exit $status
