#!/usr/bin/env bash
# Makes the apk v3 fixtures of FeedSignaturesIT with apk-tools itself (Debian does not package
# apk-tools 3). The committed files were made by this script with apk-tools v3.0.6 and OpenSSL 3;
# run it again to remake them (they differ on every run: keys and ECDSA signatures are random):
#
#   (in a checkout of apk-tools' source, alpinelinux/apk-tools, at its tag v3.0.6; Debian's meson,
#   ninja-build, pkg-config, libssl-dev and zlib1g-dev build it)
#   meson setup build -Ddocs=disabled -Dlua=disabled -Dhelp=disabled -Dpython=disabled \
#     -Dtests=disabled -Dzstd=disabled && ninja -C build
#   APK=$PWD/build/src/apk shared/src/test/resources/apk/make.sh
set -euo pipefail
cd "$(dirname "$0")"
apk="${APK:?set APK to the apk binary of apk-tools 3}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Signing keys as OpenWrt makes them (ECDSA P-256), an RSA one as Alpine's, and one that never signs.
openssl ecparam -name prime256v1 -genkey -noout -out "$work/ec.pem"
openssl ec -in "$work/ec.pem" -pubout -out ec-publisher.pub.pem
openssl genrsa -out "$work/rsa.pem" 2048
openssl rsa -in "$work/rsa.pem" -pubout -out rsa-publisher.pub.pem
openssl ecparam -name prime256v1 -genkey -noout -out "$work/other.pem"
openssl ec -in "$work/other.pem" -pubout -out other.pub.pem

# One package of one file, and its index: signed by each key, and not signed.
mkdir -p "$work/root/usr/share/hello"
echo "hello 1.0" > "$work/root/usr/share/hello/version"
"$apk" mkpkg --info name:hello --info version:1.0-r0 --info arch:noarch --info "description:test package" \
  --files "$work/root" --output "$work/hello-1.0-r0.apk"
"$apk" --allow-untrusted mkndx --output packages-ec.adb --sign-key "$work/ec.pem" "$work/hello-1.0-r0.apk"
"$apk" --allow-untrusted mkndx --output packages-rsa.adb --sign-key "$work/rsa.pem" "$work/hello-1.0-r0.apk"
"$apk" --allow-untrusted mkndx --output packages-unsigned.adb "$work/hello-1.0-r0.apk"
ls -l
