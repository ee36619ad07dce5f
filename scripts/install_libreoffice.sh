#!/usr/bin/env bash
# Install what scripts/render_docx_png.py needs to look at a report as a reader would:
# LibreOffice Writer (docx -> PDF, headless), poppler-utils (pdftoppm: PDF pages -> PNG)
# and a CJK font (Noto Sans CJK) so Chinese reports render with real glyphs.
# Debian/Ubuntu, as root (or with sudo). Never run by bw-alu itself.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
    libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-liberation
soffice --version
pdftoppm -v 2>&1 | head -1
