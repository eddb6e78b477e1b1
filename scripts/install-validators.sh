#!/usr/bin/env bash
# Install the real IETF validators that newdraft's tests judge generated drafts with.
#
#   xml2rfc       PyPI, pinned, in a private virtualenv   -> $TOOLS/venv/bin/xml2rfc
#   kramdown-rfc  Debian package ruby-kramdown-rfc2629    -> /usr/bin/kramdown-rfc2629
#   idnits3       npm @ietf-tools/idnits, pinned          -> $TOOLS/idnits/node_modules/.bin/idnits
#   groff         Debian package groff-base (the man page test renders the page with it)
#
# TOOLS defaults to .tools/ at the top of this repository (git-ignored); set NEWDRAFT_TOOLS to
# put them elsewhere. Safe to re-run: each step runs only when its tool is missing or at the
# wrong version. Needs the package registries (Debian, PyPI, npm), and root for apt-get.
# Afterwards the tests find the tools here by themselves (tests/cli/support/tools.rs).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${NEWDRAFT_TOOLS:-$here/.tools}"
XML2RFC_VERSION="${XML2RFC_VERSION:-3.34.1}"
IDNITS_VERSION="${IDNITS_VERSION:-3.0.0-alpha.74}"
export DEBIAN_FRONTEND=noninteractive

log() { echo "install-validators: $*" >&2; }
sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: kramdown-rfc (no newer one is reachable from here), node/npm and a python
# with venv only when missing.
want=()
command -v kramdown-rfc2629 >/dev/null 2>&1 || want+=(ruby-kramdown-rfc2629)
command -v npm >/dev/null 2>&1 || want+=(nodejs npm)
command -v groff >/dev/null 2>&1 || want+=(groff-base)   # the man page test renders with groff -ww
PY="$(command -v python3 || true)"
if [ -z "$PY" ] || ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  want+=(python3 python3-venv)
  PY=/usr/bin/python3
fi
if [ ${#want[@]} -gt 0 ]; then
  log "apt-get install ${want[*]}"
  sudo_ apt-get update -qq
  sudo_ apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi

mkdir -p "$TOOLS/bin"

have="$("$TOOLS/venv/bin/xml2rfc" --version 2>/dev/null || true)"
if [ "$have" != "xml2rfc $XML2RFC_VERSION" ]; then
  log "pip install xml2rfc==$XML2RFC_VERSION into $TOOLS/venv"
  [ -x "$TOOLS/venv/bin/python" ] || "$PY" -m venv "$TOOLS/venv"
  "$TOOLS/venv/bin/python" -m pip install -q --disable-pip-version-check "xml2rfc==$XML2RFC_VERSION"
fi
ln -sf "$TOOLS/venv/bin/xml2rfc" "$TOOLS/bin/xml2rfc"

have="$("$TOOLS/idnits/node_modules/.bin/idnits" --version 2>/dev/null || true)"
if [ "$have" != "$IDNITS_VERSION" ]; then
  log "npm install @ietf-tools/idnits@$IDNITS_VERSION into $TOOLS/idnits"
  mkdir -p "$TOOLS/idnits"
  [ -f "$TOOLS/idnits/package.json" ] || (cd "$TOOLS/idnits" && npm init -y >/dev/null)
  (cd "$TOOLS/idnits" && npm install --no-audit --no-fund --loglevel=error "@ietf-tools/idnits@$IDNITS_VERSION" >/dev/null)
fi
ln -sf "$TOOLS/idnits/node_modules/.bin/idnits" "$TOOLS/bin/idnits"
ln -sf "$(command -v kramdown-rfc2629)" "$TOOLS/bin/kramdown-rfc2629"

log "$("$TOOLS/bin/xml2rfc" --version), $(kramdown-rfc2629 --version 2>&1 | head -1), idnits $("$TOOLS/bin/idnits" --version 2>&1)"
