#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (Playwright's own browser
# download cannot reach its host here). Install it when missing and we are root;
# otherwise say the one command to run. fonts-liberation2 matters: the older
# fonts-liberation that Chromium pulls in lacks ế ậ ễ ổ.
set -euo pipefail
packages=(chromium fonts-liberation2)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
command="apt-get update && apt-get install -y ${packages[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the browser tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}") >/dev/null
  exit 0
fi
echo "Browser tests need Debian's Chromium. Run as root: $command" >&2
[ "${CI:-}" = "true" ] && exit 1
exit 0
