#!/usr/bin/env bash
# Provisions a real Kubernetes API server for tests: etcd from Debian (etcd-server) and kube-apiserver v1.20.2
# built from Debian's `kubernetes` source package, cached under ~/.cache/faros so the ~6 minute build runs once
# per machine. Idempotent: prints the binary's path and exits at once when it is cached.
set -euo pipefail

cache="${FAROS_CACHE:-$HOME/.cache/faros}"
# The name changes whenever the build recipe does, so a machine with a binary from an older recipe rebuilds it.
binary="$cache/kube-apiserver-v1.20.2-reflect2"
export DEBIAN_FRONTEND=noninteractive
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=1; }
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v etcd >/dev/null || { echo "etcd: installing Debian package etcd-server"; apt_install etcd-server; }
# The package starts a system etcd; tests run their own on free ports.
(systemctl stop etcd || service etcd stop) >/dev/null 2>&1 || true
command -v kubectl >/dev/null || { echo "kubectl: installing Debian package kubernetes-client"; apt_install kubernetes-client; }

if [ -x "$binary" ]; then
  echo "kube-apiserver: $binary"
  exit 0
fi

echo "kube-apiserver: building v1.20.2 from Debian's kubernetes source package (about 6 minutes on 2 cores)"
if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  cat > /etc/apt/sources.list.d/faros-bookworm-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt_updated=""
fi
apt_install golang-go jq rsync dpkg-dev golang-github-modern-go-reflect2-dev

work="$cache/kubernetes-src"
mkdir -p "$work"
cd "$work"
[ -d "$(ls -d kubernetes-1.20*/ 2>/dev/null | head -1)" ] || apt-get source -qq kubernetes >/dev/null
tree="$(ls -d kubernetes-1.20*/ | head -1)"
cd "$tree"
# The vendored reflect2 v1.0.1 crashes (SIGSEGV in mapiterinit) under Go >= 1.18 as soon as a custom resource is
# created; v1.0.2, packaged by Debian, is the upstream fix and a drop-in replacement.
reflect2=vendor/github.com/modern-go/reflect2
rm -f "$reflect2"/*.go "$reflect2"/*.s
cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go /usr/share/gocode/src/github.com/modern-go/reflect2/*.s "$reflect2"/
make WHAT=cmd/kube-apiserver >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; exit 1; }
built="$(find _output -type f -name kube-apiserver -perm -u+x | head -1)"
[ -n "$built" ] || { echo "kube-apiserver: the build left no binary; see $work/build.log" >&2; exit 1; }
install -m 0755 "$built" "$binary"
echo "kube-apiserver: $binary"
