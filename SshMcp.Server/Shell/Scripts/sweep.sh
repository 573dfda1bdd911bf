# sweep MINUTES: the retention rule, applied in every base. The output of runs that ended more than MINUTES ago is
# deleted; RUN.rc, RUN.meta and an empty RUN.removed stay behind for a week, so that a late reader learns that the run
# ended and when, instead of "unknown run"; then those go too. A start's copy of the shell's environment (RUN.env)
# is deleted when the run starts; one left an hour (its launcher gone before it started) goes with its request.
sweep() {
  for n in 1 2; do
    base $n
    ok || continue
    find "$B" -maxdepth 1 -name 'r*.removed' -mmin +10080 2>/dev/null | while IFS= read -r f; do
      rm -f "${f%.removed}".*
    done
    find "$B" -maxdepth 1 -name 'r*.env' -mmin +60 2>/dev/null | while IFS= read -r f; do
      rm -f "$f" "${f%.env}".go*
    done
    find "$B" -maxdepth 1 -name 'r*.rc' -mmin +"$1" 2>/dev/null | while IFS= read -r f; do
      f=${f%.rc}
      [ -f "$f.removed" ] || { rm -f "$f.out" "$f.err" "$f.cmd" "$f.pid"; : >"$f.removed"; }
    done
  done
}
