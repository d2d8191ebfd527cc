#!/usr/bin/env bash
# Build the wheel and the one-folder app bundle into dist/, with the project's virtualenv.
#   make package                 (installs PyInstaller into .venv first, then runs this)
#   packaging/build.sh           (when .venv already has PyInstaller)
# The bundle is dist/visiondesk/: run dist/visiondesk/visiondesk, or copy the folder anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
python=.venv/bin/python
if [ ! -x "$python" ]; then
  echo "No .venv here: run 'make package' (it creates .venv and installs what the build needs)." >&2
  exit 1
fi
echo "== wheel"
"$python" -m pip wheel -q --no-deps -w dist .
ls -l dist/visiondesk-*.whl
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
  cat >&2 <<'MSG'
PyInstaller is not installed in .venv, so no app bundle was built (the wheel above was).
Install it with the optional extra and build again:
    .venv/bin/pip install -e ".[package]" && packaging/build.sh
or simply: make package
MSG
  exit 1
fi
echo "== one-folder bundle (dist/visiondesk/)"
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/visiondesk.spec
echo "Built dist/visiondesk/ in $(( $(date +%s) - start )) s: $(du -sh dist/visiondesk | cut -f1)"
