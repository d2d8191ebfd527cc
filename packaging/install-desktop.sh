#!/usr/bin/env bash
# Put VisionDesk into the desktop's application menu: the desktop entry, the icon in every size,
# and the AppStream metainfo, under PREFIX (default ~/.local, i.e. for this user only).
#   packaging/install-desktop.sh [PREFIX]
#   VISIONDESK_EXEC=/opt/visiondesk/visiondesk packaging/install-desktop.sh   # e.g. a bundle
# The entry runs `visiondesk`, so it must be on PATH (pipx install ., or the bundle's folder);
# VISIONDESK_EXEC names another command instead.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
icons="$here/../resources/icons"
prefix="${1:-$HOME/.local}"
app_id=io.github.visiondesk.VisionDesk
exec_cmd="${VISIONDESK_EXEC:-visiondesk}"

install -d "$prefix/share/applications" "$prefix/share/metainfo" "$prefix/share/icons/hicolor/scalable/apps"
sed -e "s|^Exec=visiondesk|Exec=$exec_cmd|" -e "s|^TryExec=visiondesk|TryExec=$exec_cmd|" \
  "$here/$app_id.desktop" > "$prefix/share/applications/$app_id.desktop"
install -m 644 "$here/$app_id.metainfo.xml" "$prefix/share/metainfo/$app_id.metainfo.xml"
install -m 644 "$icons/visiondesk.svg" "$prefix/share/icons/hicolor/scalable/apps/$app_id.svg"
for size in 16 24 32 48 64 128 256 512; do
  install -d "$prefix/share/icons/hicolor/${size}x${size}/apps"
  install -m 644 "$icons/visiondesk-$size.png" "$prefix/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
# Refresh the caches where the tools exist; desktops also notice new files by themselves.
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
echo "Installed $app_id under $prefix (runs: $exec_cmd)"
if ! command -v "${exec_cmd%% *}" >/dev/null; then
  echo "Note: '$exec_cmd' is not on PATH; the menu entry will not start until it is (see README: Packaging)." >&2
fi
