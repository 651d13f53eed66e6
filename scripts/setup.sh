#!/usr/bin/env bash
# What building Jixiao needs besides Swift: libxlsxwriter (Debian's libxlsxwriter-dev, for Excel export).
# Installed with apt-get when missing; run as root or with sudo rights.
set -euo pipefail
if ! pkg-config --exists xlsxwriter 2>/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -qq libxlsxwriter-dev pkg-config >/dev/null 2>&1 \
    || { $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq libxlsxwriter-dev pkg-config >/dev/null; }
fi
