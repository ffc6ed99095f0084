/**
 * The two OCI-runtime wrapper scripts the containerd runc shim executes instead
 * of the real binary (runtimes-debian.md §4 and §5). Pure text generators; the
 * supervisor writes them (mode 0755) before containerd starts.
 *
 * - crun-v1: runs crun in a private mount namespace without the cgroup v2 mount,
 *   because crun 1.8 refuses hybrid cgroups and has no flag to pick v1.
 * - runsc-cri: gVisor under the runc shim. It always adds `--network=host`
 *   (this kernel makes every netns look like the root one to runsc) and
 *   `--platform=ptrace` (no usable KVM); on `create` it renames the two CRI
 *   annotations so each container is its own sandbox the shim can track; on
 *   `kill` it rewrites runsc's `... is not running` into the `container not
 *   running` the shim understands, keeping the exit status.
 */

export const crunWrapper = (crun: string, unshare: string): string => `#!/bin/sh
# runclass crun wrapper: crun refuses hybrid cgroups, so hide the v2 mount in a private mount namespace.
exec ${unshare} --mount --propagation private /bin/sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec ${crun} "$@"' crun "$@"
`

export const HIDDEN_ANNOTATION_PREFIX = 'runclass.hidden.'

export const runscWrapper = (runsc: string): string => `#!/bin/sh
# runclass gVisor wrapper for the runc v2 shim (see src/cri/wrappers.ts).
RUNSC=${runsc}
sub=
bundle=
prev=
for a in "$@"; do
  case "$prev" in --bundle|-bundle|-b) bundle=$a ;; esac
  case "$a" in --bundle=*|-bundle=*) bundle=\${a#*=} ;; esac
  # Container ids are hex and paths contain '/', so the first bare verb is the subcommand.
  if [ -z "$sub" ]; then
    case "$a" in create|start|kill|delete|state|exec|ps|events|pause|resume|update|checkpoint|restore|run|list|spec) sub=$a ;; esac
  fi
  prev=$a
done
if [ "$sub" = create ] && [ -n "$bundle" ] && [ -f "$bundle/config.json" ]; then
  sed -i -e 's/"io\\.kubernetes\\.cri\\.container-type"/"${HIDDEN_ANNOTATION_PREFIX}container-type"/' \\
    -e 's/"io\\.kubernetes\\.cri\\.sandbox-id"/"${HIDDEN_ANNOTATION_PREFIX}sandbox-id"/' "$bundle/config.json"
fi
if [ "$sub" = kill ]; then
  out=$("$RUNSC" --network=host --platform=ptrace "$@" 2>&1)
  rc=$?
  if [ $rc -ne 0 ]; then
    case "$out" in
      *"is not running"*) printf '%s\\n' "container not running: $out" >&2 ;;
      *) printf '%s\\n' "$out" >&2 ;;
    esac
  elif [ -n "$out" ]; then
    printf '%s\\n' "$out"
  fi
  exit $rc
fi
exec "$RUNSC" --network=host --platform=ptrace "$@"
`
