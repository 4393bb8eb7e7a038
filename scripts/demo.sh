#!/usr/bin/env bash
# `make demo`: validate, compute and report the bundled examples (seed 000 and seed 001) into keluaran/.
set -uo pipefail
cd "$(dirname "$0")/.."
LKJ=.venv/bin/lkj
OUT=keluaran
mkdir -p "$OUT"

echo "== 1. Validasi contoh seed 000 (Bagian Organisasi, TW III 2023) =="
$LKJ validasi contoh/000_bagian_organisasi_tw3_2023.xlsx

echo
echo "== 2. Hitung capaian ke salinan =="
$LKJ hitung contoh/000_bagian_organisasi_tw3_2023.xlsx -o "$OUT/000_bagian_organisasi_tw3_2023_hasil.xlsx"

if $LKJ buat --help >/dev/null 2>&1; then
    echo
    echo "== 3. Laporan Word =="
    $LKJ buat contoh/000_bagian_organisasi_tw3_2023.xlsx -o "$OUT/000_bagian_organisasi_tw3_2023_LKj.docx"
fi

if $LKJ batch --help >/dev/null 2>&1; then
    echo
    echo "== 4. Batch: semua contoh sekaligus, dengan rekap =="
    $LKJ batch contoh -o "$OUT/batch" --paksa
fi
echo
echo "Selesai. Lihat folder $OUT/."
exit 0
