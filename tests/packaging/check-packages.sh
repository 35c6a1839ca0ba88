#!/usr/bin/env bash
# Builds the .deb with CPack, checks it with lintian, installs it into a throw-away root
# (dpkg -x) and runs the installed programs; validates the desktop file, the AppStream
# metadata, the systemd units and the release workflow.
#   check-packages.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
BUILD=$1
SOURCE=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== cpack -G DEB"
(cd "$BUILD" && cpack -G DEB -B "$WORK/packages" >/dev/null)
DEB=$(ls "$WORK"/packages/certigram_*.deb)
[ -f "$DEB" ] || fail "no .deb was made"

echo "== lintian"
lintian --tag-display-limit 0 "$DEB" 2>/dev/null | tee "$WORK/lintian.txt" || true
if grep -q '^E:' "$WORK/lintian.txt"; then fail "lintian reports errors"; fi

echo "== control: dependencies and conffiles"
dpkg-deb -f "$DEB" Depends | grep -q 'libqt6core6' || fail "Depends lacks Qt"
dpkg-deb -f "$DEB" Depends | grep -q 'libqt6sql6-sqlite' || fail "Depends lacks the SQLite plugin"
dpkg-deb -e "$DEB" "$WORK/control"
grep -qx '/etc/certigram/server.json' "$WORK/control/conffiles" || fail "server.json is not a conffile"
[ -x "$WORK/control/postinst" ] || fail "postinst is not executable"

echo "== install into a throw-away root"
ROOT=$WORK/root
dpkg -x "$DEB" "$ROOT"
for file in usr/bin/certigram usr/bin/certigram-cli usr/bin/certigram-server \
    usr/share/applications/org.certigram.Certigram.desktop \
    usr/share/metainfo/org.certigram.Certigram.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/org.certigram.Certigram.svg \
    usr/share/icons/hicolor/256x256/apps/org.certigram.Certigram.png \
    usr/share/man/man1/certigram.1.gz usr/share/man/man1/certigram-cli.1.gz \
    usr/share/man/man1/certigram-server.1.gz usr/share/doc/certigram/copyright \
    usr/lib/systemd/system/certigram-server.service usr/lib/systemd/system/certigram-renew@.service \
    usr/lib/systemd/system/certigram-renew@.timer etc/certigram/server.json; do
    [ -e "$ROOT/$file" ] || fail "$file is not in the package"
done

echo "== the installed programs run"
"$ROOT/usr/bin/certigram-server" --version | grep -qx 'certigram-server [0-9.]*' \
    || fail "certigram-server --version"
"$ROOT/usr/bin/certigram-cli" --help | grep -q '^Usage: certigram-cli' || fail "certigram-cli --help"
QT_QPA_PLATFORM=offscreen "$ROOT/usr/bin/certigram" --version 2>/dev/null \
    | grep -qx 'certigram [0-9.]*' || fail "certigram --version"
# The installed server starts with the default configuration (and its own data directory).
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 15 "$ROOT/usr/bin/certigram-server" --config "$ROOT/etc/certigram/server.json" \
    --data-dir "$WORK/state" --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
for _ in $(seq 1 100); do
    grep -q 'listening on' "$WORK/server.log" && break
    sleep 0.1
done
grep -q 'listening on' "$WORK/server.log" || { cat "$WORK/server.log"; fail "the server does not start with server.json"; }
kill %1 2>/dev/null || true
wait || true

echo "== desktop file and AppStream metadata"
desktop-file-validate "$ROOT/usr/share/applications/org.certigram.Certigram.desktop"
appstreamcli validate --no-net "$ROOT/usr/share/metainfo/org.certigram.Certigram.metainfo.xml"

echo "== systemd units: hardening the issue asks for"
UNIT=$ROOT/usr/lib/systemd/system/certigram-server.service
for directive in 'User=certigram' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
    'StateDirectory=certigram' 'ExecStart=/usr/bin/certigram-server'; do
    grep -q "^$directive" "$UNIT" || fail "certigram-server.service lacks $directive"
done
grep -q '^ExecStart=/usr/bin/certigram-cli renew --all' \
    "$ROOT/usr/lib/systemd/system/certigram-renew@.service" || fail "renewal unit"
grep -q '^OnUnitActiveSec=' "$ROOT/usr/lib/systemd/system/certigram-renew@.timer" || fail "timer"

echo "== the release workflow parses"
/usr/bin/python3 - "$SOURCE/.github/workflows" <<'PY'
import pathlib, sys, yaml
for path in pathlib.Path(sys.argv[1]).glob("*.yml"):
    workflow = yaml.safe_load(path.read_text())
    jobs = workflow["jobs"]
    for runner in ("linux", "windows", "macos"):
        assert runner in jobs, f"{path.name}: no {runner} job"
    print(f"{path.name}: jobs {', '.join(jobs)}")
PY
echo "OK"
