# Sourced by bin/litmus-check and bin/litmus-herd7 (with $dir, the bin
# folder, $name, the bin's name, and $nosnap when the snapshot is not wanted): finds node, sets $opts and tells
# whether the start-up snapshot can be used ($snap non-empty), then the bin
# execs node. Every process start counts (the kernel's scripts start one per
# test), so nothing here forks but one stat.
#
# node on PATH, found without a subshell (command substitution forks).
node=
set -f
saved=$IFS
IFS=:
for d in $PATH; do
  if [ -f "${d:-.}/node" ] && [ -x "${d:-.}/node" ]; then node=${d:-.}/node; break; fi
done
IFS=$saved
set +f
[ -n "$node" ] || { echo "$name: node not found on PATH" >&2; exit 127; }
# Node 20 reads and parses every certificate NODE_EXTRA_CA_CERTS names when it
# starts, before any of litmus-check runs: 40 ms of a 70 ms start where it
# names the system bundle. litmus-check opens no TLS connection.
unset NODE_EXTRA_CA_CERTS
# V8 options (bin/node-options, one line): a run is short and its functions
# are many, so V8 waits longer than its default before it spends a second
# core on optimising a function. Measured over the kernel and herdtools
# corpora in one process: 10-15% less wall time and a quarter less CPU; no
# change over the whole corpus (14 s). The snapshot is built with them (V8
# refuses a snapshot under other options).
# Not for a start that runs almost nothing ($nosnap: `--version`): under
# options of its own, node compiles its internal modules afresh (about 13 ms).
opts=
[ -z "${nosnap:-}" ] && [ -f "$dir/node-options" ] && read -r opts < "$dir/node-options"
# The start-up snapshot `npm run build` made (scripts/bundle.mjs), when the
# node on PATH made it: the stamp holds that node's path, size and
# modification time. One stat (the only fork) tells whether it was replaced.
blob=$dir/../dist/bundle/litmus-check.blob
snap=
if [ -f "$blob.stamp" ] && [ -z "${LITMUS_CHECK_NO_SNAPSHOT:-}" ] && [ -z "${nosnap:-}" ]; then
  read -r want size mtime < "$blob.stamp"
  if [ "$node" -ef "$want" ] && [ "$(stat -L -c '%s %Y' "$want" 2>/dev/null)" = "$size $mtime" ]; then snap=1; fi
fi
