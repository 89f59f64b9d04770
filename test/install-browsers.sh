#!/usr/bin/env bash
# Installs the browsers the e2e tier and the compose benchmark drive: Debian's chromium and firefox-esr, only where
# absent, so a second run does nothing. Test tools never download browsers of their own (no network for that in CI).
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-browsers: chromium and firefox-esr already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-browsers: need root or sudo to install ${missing[*]}" >&2
  exit 1
fi

echo "install-browsers: installing ${missing[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
