# What the host says about a path, for hosts without SFTP: symbolic links followed (at most 40), the directory part
# made canonical. Prints one line "KIND SIZE MODE MTIME UID GID R W" and then the canonical path. KIND is file, dir,
# other, missing (the directory exists, the name does not), noparent (neither), or denied (the directory cannot be
# entered). MODE is octal; R is r when the file can be read, W is w when the directory can be written.
# $1 the path, absolute or relative to the home directory.
[ -z "${ZSH_VERSION:-}" ] || emulate sh
p=$1 hops=0
while [ -h "$p" ] && [ "$hops" -lt 40 ]; do
  l=$(readlink -- "$p") || break
  case $l in
    /*) p=$l ;;
    *) case $p in */*) p=${p%/*}/$l ;; *) p=$l ;; esac ;;
  esac
  hops=$((hops + 1))
done
case $p in
  */*) d=${p%/*} b=${p##*/} ;;
  *) d=. b=$p ;;
esac
[ -n "$d" ] || d=/
if ! c=$(cd -P -- "$d" 2>/dev/null && pwd -P); then
  if [ -d "$d" ]; then echo denied; else echo noparent; fi
  printf '%s\n' "$d"
  exit 0
fi
case $c in */) f=$c$b ;; *) f=$c/$b ;; esac
[ -n "$b" ] || f=$c
r=- w=-
[ -r "$f" ] && r=r
[ -w "$c" ] && w=w
if [ -d "$f" ]; then k=dir
elif [ -f "$f" ]; then k=file
elif [ -e "$f" ]; then k=other
else k=missing
fi
if [ "$k" = missing ]; then
  echo "missing 0 0 0 0 0 $r $w"
else
  s=$(stat -L -c '%s %a %Y %u %g' -- "$f" 2>/dev/null || stat -L -f '%z %Lp %m %u %g' -- "$f" 2>/dev/null) || s='0 0 0 0 0'
  echo "$k $s $r $w"
fi
printf '%s\n' "$f"
