#!/usr/bin/env bash
# What Jixiao needs besides Swift, from Debian: libxlsxwriter (libxlsxwriter-dev, to write Excel files)
# and pdftotext (poppler-utils, to read PDF). With --office also LibreOffice (Writer and Calc without
# their GUI, about 400 MB), to read old .doc/.xls/.wps/.et files. Installed with apt-get when missing;
# run as root or with sudo rights.
set -euo pipefail
missing=()
pkg-config --exists xlsxwriter 2>/dev/null || missing+=(libxlsxwriter-dev pkg-config)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ "${1:-}" = "--office" ]; then
  command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
  ls /usr/lib/libreoffice/program/libsclo.so >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
    || { $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi
