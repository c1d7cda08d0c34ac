#!/bin/sh
# The container's entrypoint. Two commands:
#
#   entrypoint.sh shard [policylens options…]
#       audits this pod's shard of $POLICYLENS_URLS into $POLICYLENS_OUT/shard-<index>, with
#       --resume, so a pod that is restarted (evicted, OOM-killed, node lost) goes on where it
#       stopped. The shard comes from the variables a Kubernetes Indexed Job sets:
#         JOB_COMPLETION_INDEX   0 … N-1, set by Kubernetes for each pod of an Indexed Job
#         POLICYLENS_SHARDS      N, the Job's `completions`
#       policylens counts shards from 1 (`--shard k/N`), so pod i audits shard i+1 of N.
#   entrypoint.sh merge [policylens merge options…]
#       merges every $POLICYLENS_OUT/shard-* folder into $POLICYLENS_OUT/merged.
#   anything else is passed to policylens as it is (e.g. `who`, `reaudit`, a URL).
#
# POLICYLENS_NO_SANDBOX=1 adds --browser-arg=--no-sandbox to shard runs (see below).
#
# POLICYLENS_CLI names the command to run (default: policylens, the image's bin); the tests
# run this script on the host with it pointing at the checkout.
set -eu

cli="${POLICYLENS_CLI:-policylens}"
out="${POLICYLENS_OUT:-/results}"

is_count() {
  case "$1" in
    '' | *[!0-9]*) return 1 ;;
    *) return 0 ;;
  esac
}

case "${1:-}" in
  shard)
    shift
    urls="${POLICYLENS_URLS:?POLICYLENS_URLS must name the URL list (one URL per line)}"
    shards="${POLICYLENS_SHARDS:?POLICYLENS_SHARDS must be the number of shards (the Job completions)}"
    index="${JOB_COMPLETION_INDEX:?JOB_COMPLETION_INDEX is not set: run this as a pod of an Indexed Job, or set it}"
    if ! is_count "$shards" || [ "$shards" -lt 1 ]; then
      echo "entrypoint: POLICYLENS_SHARDS must be a positive integer, got '$shards'" >&2
      exit 2
    fi
    if ! is_count "$index" || [ "$index" -ge "$shards" ]; then
      echo "entrypoint: JOB_COMPLETION_INDEX must be 0 … $((shards - 1)), got '$index'" >&2
      exit 2
    fi
    shard="$((index + 1))/$shards"
    dir="$out/shard-$(printf '%05d' "$index")"
    echo "entrypoint: pod $index audits shard $shard of $urls into $dir" >&2
    # Chromium's sandbox needs user namespaces, which the default seccomp profile of Docker and
    # most Kubernetes runtimes refuses: POLICYLENS_NO_SANDBOX=1 runs it without (see deploy/k8s/).
    if [ "${POLICYLENS_NO_SANDBOX:-0}" = 1 ]; then set -- "$@" --browser-arg=--no-sandbox; fi
    # $cli is split on purpose: it may be a command with arguments.
    # shellcheck disable=SC2086
    exec $cli --urls "$urls" --shard "$shard" --out "$dir" --resume "$@"
    ;;
  merge)
    shift
    set -- "$@" --out "$out/merged"
    found=0
    for d in "$out"/shard-*; do
      [ -d "$d" ] || continue
      set -- "$@" "$d"
      found=1
    done
    if [ "$found" -eq 0 ]; then
      echo "entrypoint: no shard folders in $out" >&2
      exit 2
    fi
    # shellcheck disable=SC2086
    exec $cli merge "$@"
    ;;
  *)
    # shellcheck disable=SC2086
    exec $cli "$@"
    ;;
esac
