#!/bin/sh
# Regenerates the printable PDFs from their HTML sources with Chromium.
#
#   printables/<lang>/<resource>/<name>.html  ->  content/<lang>/resources/<resource>/<name>.pdf
#
# Usage, from the repository root:  sh printables/build.sh [<lang>/<resource>/<name>.html ...]
# With no arguments it rebuilds every printable. Needs Debian's chromium
# (apt-get install chromium); set CHROMIUM to use another binary.
set -eu
cd "$(dirname "$0")/.."
chrome=${CHROMIUM:-chromium}
if [ "$#" -eq 0 ]; then
	set -- $(cd printables && find . -mindepth 3 -name '*.html' | sed 's|^\./||' | sort)
fi
for src in "$@"; do
	src=${src#printables/}
	lang=${src%%/*}
	rest=${src#*/}
	resource=${rest%%/*}
	name=$(basename "$src" .html)
	dest="content/$lang/resources/$resource/$name.pdf"
	if [ ! -d "content/$lang/resources/$resource" ]; then
		echo "skipped $src: content/$lang/resources/$resource does not exist" >&2
		continue
	fi
	"$chrome" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$PWD/$dest.tmp" "file://$PWD/printables/$src" 2>/dev/null
	mv "$dest.tmp" "$dest"
	echo "$dest ($(wc -c <"$dest") bytes)"
done
