#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages kishomail needs that a fresh machine may lack:
# the xcb/xkb libraries PySide6's xcb plugin loads, Xvfb for screenshots and
# fonts-noto-cjk so that Japanese is not drawn as empty boxes.
# With --test, also the real servers the test suite talks to: postfix (a real MTA),
# dovecot (IMAP for registration by empty mail) and chromium (the registration pages).
set -euo pipefail
packages=(python3-venv xvfb fonts-noto-cjk libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
          libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3)
if [ "${1:-}" = "--test" ]; then
    packages+=(postfix dovecot-imapd chromium chromium-driver nsis)
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
    echo "kishomail: please install these packages with your system's package manager: ${missing[*]}" >&2
    exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "kishomail: installing system packages: ${missing[*]}"
# postfix asks how to configure itself; the tests run their own loopback configuration.
echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
