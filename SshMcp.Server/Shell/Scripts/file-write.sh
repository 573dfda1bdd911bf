# The host's side of one file write. It checks and hashes what was written, then waits for the server's verdict and,
# unless that is "commit", undoes the write: the temp file is removed (replace), or the file is cut back to its old
# size (append). A dropped connection closes stdin, which reads as no verdict, so the write is undone on the host
# even when the server can no longer say so.
# how=sftp: the data arrives over SFTP; the server sends "check" once it is all written and synced (or "undo").
# how=stdin: the data itself comes first on stdin, exactly $4 bytes (the fallback for hosts without SFTP); a new
# file is made private (umask 077) until the commit gives it its mode.
# Prints "ok SIZE SHA256-OF-THE-BYTES-WRITTEN SHA256-OF-THE-WHOLE-FILE" ("none" for a hash when the host has no
# sha256 tool), or "error WHAT", then after the verdict "done" or "undone".
# The verdict "commit MODE OWNER" (how=stdin, replace) sets the mode (octal, or - for the default) and the owner
# (uid:gid, or -) and renames the temp file over the target; "commit" alone (how=sftp) keeps what the server did.
# $1 how; $2 replace|append; $3 the file written (the temp file, or the file appended to); $4 bytes to write;
# $5 the file's size before (append); $6 the target (replace).
[ -z "${ZSH_VERSION:-}" ] || emulate sh
how=$1 kind=$2 f=$3 n=$4 before=$5 target=$6
undo() {
  if [ "$kind" = replace ]; then
    rm -f -- "$f"
  else
    truncate -s "$before" -- "$f" 2>/dev/null || dd if=/dev/null of="$f" bs=1 seek="$before" 2>/dev/null
  fi
}
sha() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 | cut -d ' ' -f 1
  elif command -v openssl >/dev/null 2>&1; then openssl dgst -sha256 | sed 's/.*= *//'
  else echo none
  fi
}
trap 'undo; exit 1' HUP INT TERM
if [ "$how" = stdin ]; then
  um=$(umask)
  if [ "$kind" = replace ]; then
    umask 077
    (set -C; head -c "$n" >"$f") || { undo; echo "error create"; exit 1; }
  else
    head -c "$n" >>"$f" || { undo; echo "error write"; exit 1; }
  fi
  sync "$f" 2>/dev/null || sync
else
  read -r cmd || cmd=
  [ "$cmd" = check ] || { undo; echo undone; exit 1; }
fi
if [ "$kind" = replace ]; then want=$n; else want=$((before + n)); fi
size=$(wc -c <"$f" | tr -d ' ')
[ "$size" = "$want" ] || { undo; echo "error size $size"; exit 1; }
if [ "$kind" = replace ]; then
  part=$(sha <"$f"); whole=$part
else
  part=$(tail -c "$n" <"$f" | sha); whole=$(sha <"$f")
fi
echo "ok $size $part $whole"
read -r verdict mode owner || verdict=
if [ "$verdict" != commit ]; then undo; echo undone; exit 1; fi
if [ "$how" = stdin ] && [ "$kind" = replace ]; then
  [ "$mode" != - ] || mode=$(printf '%o' $((0666 & ~0$um)))
  chmod "$mode" "$f" 2>/dev/null || { undo; echo "error mode"; exit 1; }
  if [ "$owner" != - ]; then chown "$owner" "$f" 2>/dev/null || { undo; echo "error owner"; exit 1; }; fi
  mv -f -- "$f" "$target" || { undo; echo "error rename"; exit 1; }
elif [ "$how" = stdin ] && [ "$mode" != - ] && [ -n "$mode" ]; then
  chmod "$mode" "$f" 2>/dev/null || { echo "error mode"; exit 1; }
fi
echo done
