#!/usr/bin/env bash
# `make demo`: the main job on the bundled examples (seed 000 and the seven reports of seed 001), then the
# annual examples (seed 004, Bagian Organisasi Jember 2024, and seed 002, BKD Lumajang 2023).
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

# An expected finding exits 1; anything else (2 = unusable file or crash) stops the demo.
expect_findings() {
    local status=0
    "$@" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "gagal (kode $status): $*" >&2
        exit "$status"
    fi
}

TAHUNAN=contoh/004_bagian_organisasi_jember_2024.xlsx
echo
echo "== 4. Laporan tahunan: validasi contoh seed 004 (Bagian Organisasi Jember, LKjIP 2024) =="
# The transcription keeps the seed's input slips (a sub kegiatan realisasi 46.192.970 for 467.192.970,
# one PK indicator under two sasaran), so validasi reports them and exits 1: that is expected.
expect_findings $LKJ validasi "$TAHUNAN"

echo
echo "== 5. Laporan tahunan: hitung capaian, capaian thd target akhir Renstra, tren dan efisiensi ke salinan =="
expect_findings $LKJ hitung "$TAHUNAN" -o "$OUT/004_bagian_organisasi_jember_2024_hasil.xlsx"

echo
echo "== 6. Laporan tahunan (LKjIP) seed 004: DRAF, karena kesalahan data di atas belum diperbaiki =="
expect_findings $LKJ buat "$TAHUNAN" --paksa -o "$OUT/004_bagian_organisasi_jember_2024_LKjIP_DRAF.docx"

echo
echo "== 7. Laporan tahunan: hitung contoh seed 002 (BKD Lumajang, LKjIP 2023; indeks komposit) =="
expect_findings $LKJ hitung contoh/002_bkd_lumajang_2023.xlsx -o "$OUT/002_bkd_lumajang_2023_hasil.xlsx"

echo
echo "== 8. Batch: semua contoh, rekap.xlsx dan pemeriksaan antar laporan =="
# The seed 001 examples keep the real reports' mistakes (a TW III report dated 3 July, one NIP under
# two names, budgets that do not roll up), and the annual examples are of another year and period than
# the quarterly ones in the same folder, so the batch reports them and exits 1: that is expected.
expect_findings $LKJ batch contoh -o "$OUT/batch" --gabung
echo
echo "Selesai. Hasil ada di folder $OUT/:"
find "$OUT" -type f | sort
