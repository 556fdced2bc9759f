#!/usr/bin/env bash
# Installs the one-folder bundle made by `make dist` on a Linux workstation:
#   the program in PREFIX (default /opt/kishomail; ~/.local/opt/kishomail with --user),
#   `kishomail` and `kishomail-gui` in BINDIR (/usr/local/bin; ~/.local/bin),
#   the menu entry and icons under DATADIR (/usr/local/share; ~/.local/share).
# Usage: installer/linux/install-bundle.sh [--user] [--prefix DIR] [--bindir DIR]
#                                          [--datadir DIR] [BUNDLE (default dist/kishomail)]
# Installing again replaces the program; the data folder (~/.local/share/kishomail) and the
# logs are never touched. Remove with --uninstall and the same options.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix=/opt/kishomail bindir=/usr/local/bin datadir=/usr/local/share
uninstall=0 bundle=""
while [ $# -gt 0 ]; do
    case "$1" in
        --user) prefix="$HOME/.local/opt/kishomail" bindir="$HOME/.local/bin"
                datadir="$HOME/.local/share" ;;
        --prefix) prefix="$2"; shift ;;
        --bindir) bindir="$2"; shift ;;
        --datadir) datadir="$2"; shift ;;
        --uninstall) uninstall=1 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) bundle="$1" ;;
    esac
    shift
done
icons="$datadir/icons/hicolor"
# Only ever delete a folder that holds a kishomail bundle (a mistyped --prefix must not hurt).
if [ -e "$prefix" ] && [ ! -x "$prefix/kishomail" ]; then
    echo "kishomail: $prefix exists and is not a kishomail installation; choose another --prefix." >&2
    exit 1
fi
if [ "$uninstall" = 1 ]; then
    rm -rf "$prefix"
    rm -f "$bindir/kishomail" "$bindir/kishomail-gui" "$datadir/applications/kishomail.desktop"
    rm -f "$icons"/*/apps/kishomail.png "$icons/scalable/apps/kishomail.svg"
    echo "kishomail removed; its data folder and logs were kept."
    exit 0
fi
bundle="${bundle:-$here/../../dist/kishomail}"
if [ ! -x "$bundle/kishomail" ]; then
    echo "kishomail: no bundle at $bundle: run 'make dist' first, or give its folder." >&2
    exit 1
fi
bundle="$(cd "$bundle" && pwd)"
if [ "$bundle" != "$prefix" ]; then
    rm -rf "$prefix.new"
    mkdir -p "$(dirname "$prefix")"
    cp -a "$bundle" "$prefix.new"
    rm -rf "$prefix"
    mv "$prefix.new" "$prefix"
fi
mkdir -p "$bindir" "$datadir/applications" "$icons/scalable/apps"
ln -sf "$prefix/kishomail" "$bindir/kishomail"
ln -sf "$prefix/kishomail-gui" "$bindir/kishomail-gui"
sed -e "s|^Exec=.*|Exec=$prefix/kishomail-gui|" -e "s|^TryExec=.*|TryExec=$prefix/kishomail-gui|" \
    "$here/kishomail.desktop" > "$datadir/applications/kishomail.desktop"
art="$prefix/_internal/resources/icons"
for png in "$art"/kishomail-*.png; do
    size="$(basename "$png" .png)"; size="${size#kishomail-}"
    mkdir -p "$icons/${size}x${size}/apps"
    cp "$png" "$icons/${size}x${size}/apps/kishomail.png"
done
cp "$art/kishomail.svg" "$icons/scalable/apps/kishomail.svg"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$datadir/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
"$prefix/kishomail" selftest --no-error-dialogs >/dev/null \
    || { echo "kishomail: installed, but its selftest failed: run '$prefix/kishomail selftest'." >&2; exit 1; }
echo "kishomail $("$prefix/kishomail" --version | cut -d' ' -f2) installed in $prefix (selftest passed)."
