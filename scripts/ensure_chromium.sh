#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; install it when missing (root on Debian).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "Chromium is missing: run 'sudo apt-get install chromium' (browser tests need /usr/bin/chromium)" >&2
    exit 1
fi
