#!/usr/bin/env bash
# `make demo`: the main job on the bundled examples (seed 000 and the seven reports of seed 001).
# Writes everything into keluaran/. Stops on any unexpected failure.
set -euo pipefail
cd "$(dirname "$0")/.."
LKJ=.venv/bin/lkj
OUT=keluaran
rm -rf "$OUT"
mkdir -p "$OUT"
CONTOH=contoh/000_bagian_organisasi_tw3_2023.xlsx

echo "== 1. Validasi: contoh seed 000 (Kepala Bagian Organisasi, TW III 2023) =="
$LKJ validasi "$CONTOH"

echo
echo "== 2. Hitung capaian ke salinan =="
$LKJ hitung "$CONTOH" -o "$OUT/000_bagian_organisasi_tw3_2023_hasil.xlsx"

echo
echo "== 3. Laporan Word =="
$LKJ buat "$CONTOH" -o "$OUT/000_bagian_organisasi_tw3_2023_LKj.docx"

echo
echo "== 4. Batch: semua contoh, rekap.xlsx dan pemeriksaan antar laporan =="
# The seed 001 examples keep the real reports' mistakes (a TW III report dated 3 July, one NIP under
# two names, budgets that do not roll up), so the batch reports them and exits 1: that is expected.
status=0
$LKJ batch contoh -o "$OUT/batch" --gabung || status=$?
if [ "$status" -gt 1 ]; then
    echo "batch gagal (kode $status)" >&2
    exit "$status"
fi
echo
echo "Selesai. Hasil ada di folder $OUT/:"
find "$OUT" -type f | sort
