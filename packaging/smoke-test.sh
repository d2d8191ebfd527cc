#!/usr/bin/env bash
# Smoke test of the one-folder bundle (make package-check; CI runs it after make test):
# its window renders offscreen in Chinese, and its own offline OCR reads Chinese off that picture.
# Catches a bundle that lost its translations, a Qt plugin, the OCR models or an import.
set -euo pipefail
cd "$(dirname "$0")/.."
app=dist/visiondesk/visiondesk
[ -x "$app" ] || { echo "No bundle at $app: run make package first." >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export VISIONDESK_HOME="$work/home" QT_QPA_PLATFORM=offscreen LANG=zh_CN.UTF-8 LANGUAGE=zh_CN LC_ALL=
"$app" --screenshot "$work/window-zh.png" 2> "$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
if grep -q "No translation catalogue\|No Qt translations" "$work/stderr.txt"; then
  echo "The bundle has no Chinese translation:" >&2; cat "$work/stderr.txt" >&2; exit 1
fi
# Commands are imported by name when chosen: each must be inside the bundle.
for command in "providers list" history; do
  # shellcheck disable=SC2086  # the words of the command are meant to split
  "$app" $command > "$work/out.txt" 2>&1 || { echo "'visiondesk $command' failed in the bundle:" >&2; cat "$work/out.txt" >&2; exit 1; }
done
"$app" analyze "$work/window-zh.png" --json > "$work/ocr.json"
.venv/bin/python - "$work/ocr.json" <<'PY'
import json, re, sys
row = json.loads(open(sys.argv[1], encoding="utf-8").read())
cjk = re.findall(r"[\u4e00-\u9fff]", row["text"])
print(f"bundle smoke test: window rendered; OCR read {len(cjk)} Chinese characters off it")
sys.exit(0 if row["status"] == "completed" and len(cjk) >= 10 else 1)
PY
