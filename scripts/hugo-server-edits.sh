#!/usr/bin/env bash
# Hugo's dev server on the same site and the same edits as oersite's
# BenchmarkEditToReload, for the comparison in NOTES.md:
#
#   go run ./cmd/gensite -pages 2000 DIR          # or any site with content/<lang>/modules/*.md
#   scripts/hugo-server-edits.sh DIR [FILE]
#
# FILE (default content/en/modules/module-00007.md) gets, five times each and
# 3 s apart: a body edit written in place, the same saved through a temporary
# file renamed over it, a title edit, and a title edit that moves the page to
# the top of lists sorted by title. Prints each rebuild's time as Hugo logs it
# ("Total in N ms") and the server's peak memory (VmHWM). Uses the peers'
# Hugo (../shared/bench/peers.sh installs it) and their layouts; the site's
# files are restored at the end.
set -euo pipefail
site=$(cd "${1:?usage: hugo-server-edits.sh SITE_DIR [FILE]}" && pwd)
file=$site/${2:-content/en/modules/module-00007.md}
here=$(cd "$(dirname "$0")" && pwd)
shared=${OERSITE_SHARED:-$here/../../shared/bench}
hugo=${PEERS_HOME:-$HOME/.cache/oer-peers}/bin/hugo
[ -x "$hugo" ] || { echo "no Hugo at $hugo: run $shared/peers.sh once" >&2; exit 1; }
work=$(mktemp -d)
cp "$file" "$work/original"
cleanup() { cp "$work/original" "$file"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/hugo"
cp -r "$shared/hugo-layouts" "$work/hugo/layouts"
ln -s "$site/content" "$work/hugo/content"
{
  echo 'baseURL = "http://127.0.0.1:18999/"'
  echo 'title = "peer baseline"'
  echo 'defaultContentLanguageInSubdir = true'
  echo 'disableKinds = ["taxonomy", "term"]'
  first=1 w=1
  for d in "$site"/content/*/; do
    l=$(basename "$d")
    [ $first = 1 ] && echo "defaultContentLanguage = \"$l\"" && first=0
  done
  for d in "$site"/content/*/; do
    l=$(basename "$d")
    printf '[languages.%s]\ncontentDir = "content/%s"\nweight = %d\n' "$l" "$l" $w
    w=$((w + 1))
  done
} > "$work/hugo/hugo.toml"
(cd "$work/hugo" && exec "$hugo" server --bind 127.0.0.1 --port 18999 --disableFastRender=false > "$work/server.log" 2>&1) &
pid=$!
until grep -q "Web Server is available" "$work/server.log" 2>/dev/null; do
  kill -0 $pid 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
srv=$(pgrep -P $pid hugo || echo $pid)
echo "started: $(grep -m1 'Built in' "$work/server.log" || true); VmHWM $(awk '/VmHWM/ {print $2, $3}' /proc/$srv/status)"
edit() { # label, then the edit as a shell command on $file
  local label=$1; shift
  for i in 1 2 3 4 5; do
    local before
    before=$(grep -c "Total in" "$work/server.log" || true)
    eval "$@"
    for _ in $(seq 1 200); do
      [ "$(grep -c "Total in" "$work/server.log" || true)" -gt "$before" ] && break
      sleep 0.05
    done
    sleep 3
  done
  echo "$label: $(grep "Total in" "$work/server.log" | tail -n 5 | sed -E 's/.*Total in ([0-9]+) ms.*/\1/' | tr '\n' ' ')ms"
}
n=0
edit "body edit in place" 'n=$((n+1)); printf "\nEdited paragraph %d.\n" $n >> "$file"'
edit "body edit renamed over" 'n=$((n+1)); cp "$file" "$file.tmp123"; printf "\nEdited paragraph %d.\n" $n >> "$file.tmp123"; mv "$file.tmp123" "$file"'
edit "title edit" 'n=$((n+1)); sed -i -E "0,/^title:/s/^title: .*/title: \"Edited title $n\"/" "$file"'
edit "title edit that reorders" 'n=$((n+1)); sed -i -E "0,/^title:/s/^title: .*/title: \"AAA first $n\"/" "$file"'
echo "peak: VmHWM $(awk '/VmHWM/ {print $2, $3}' /proc/$srv/status)"
