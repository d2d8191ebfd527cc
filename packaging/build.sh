#!/usr/bin/env bash
# Build a wheel and, if PyInstaller is installed, a one-folder app. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip wheel --no-deps -w dist .
if python -c "import PyInstaller" 2>/dev/null; then
  pyinstaller --noconfirm --distpath dist --workpath build packaging/visiondesk.spec
fi
ls -l dist
