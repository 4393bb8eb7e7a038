"""Problems are data, not exceptions: a stable code, a severity, the cell, and a message with a hint.

The catalogue below is the single source of every user-facing validation text (Bahasa Indonesia);
`docs/panduan.md` lists it. `LkjError` is for the few fatal cases (unusable file, missing sheet).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR, WARNING = "error", "warning"
TINGKAT = {ERROR: "Kesalahan", WARNING: "Peringatan"}


@dataclass(frozen=True)
class Problem:
    code: str
    severity: str
    sheet: str
    cell: str          # "F12", or "" when the problem concerns a whole sheet
    message: str
    hint: str = ""
    file: str = ""

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def to_dict(self) -> dict:
        d = asdict(self)
        d["where"] = self.where
        return d

    def line(self) -> str:
        return f"{TINGKAT[self.severity]} [{self.code}] {self.where}: {self.message} {self.hint}".strip()


class LkjError(Exception):
    """A fatal, user-facing error: the message is complete Bahasa Indonesia text."""


# code -> (severity, message template, hint template)
CATALOG: dict[str, tuple[str, str, str]] = {
    "nilai-wajib-kosong": (ERROR, "{label} belum diisi.", "Isi sel ini."),
    "bukan-angka": (ERROR, "{label} berisi '{teks}', bukan angka.", "Ketik angkanya saja, misalnya 91,67."),
    "bukan-tanggal": (ERROR, "{label} berisi '{teks}', bukan tanggal.", "Ketik tanggal seperti 2 Oktober 2023."),
    "pilihan-tidak-dikenal": (ERROR, "{label} berisi '{teks}', bukan salah satu pilihan.", "Pilih dari daftar: {pilihan}."),
    # -- reading: a cell is a number only when it holds one unambiguous number (issue 9 §3, §4)
    "angka-ambigu": (ERROR, "{label} berisi '{teks}': tidak jelas angka berapa yang dimaksud.", "Ketik satu angka: koma untuk desimal, titik untuk ribuan (misalnya 1.234,5 atau 91,67), tanpa notasi e."),
    "dua-angka": (ERROR, "{label} berisi '{teks}', yang memuat lebih dari satu angka.", "Ketik satu angka saja (misalnya 9); tulis keterangan seperti '12 orang' di kolom Keterangan."),
    "tanggal-di-kolom-angka": (ERROR, "{label} berisi tanggal ({teks}), bukan angka.", "Ketik angkanya; bila Excel mengubahnya menjadi tanggal, format sel sebagai Number lalu ketik ulang."),
    "galat-rumus": (ERROR, "{label} berisi galat rumus {teks}.", "Perbaiki rumus di sel ini (misalnya pembagian dengan nol atau rujukan yang hilang), atau ketik angkanya langsung."),
    "rumus-tanpa-nilai": (ERROR, "{label} berisi rumus ({teks}) yang nilainya tidak tersimpan di file.", "Buka file di Excel, tekan Ctrl+Alt+F9 lalu simpan; atau ketik angkanya langsung."),
    "nilai-tak-hingga": (ERROR, "{label} berisi '{teks}', bukan angka yang dapat dihitung.", "Ketik angka biasa di sel ini."),
    "angka-di-luar-batas": (ERROR, "{label} bernilai {teks}, di luar batas yang wajar ({batas}).", "Periksa angkanya; mungkin ada digit berlebih atau salah ketik."),
    "kode-ganda": (ERROR, "Kode '{kode}' dipakai lebih dari sekali (juga di {sel_lain}).", "Beri setiap baris kode yang berbeda."),
    "indikator-tidak-dikenal": (ERROR, "Kode indikator '{kode}' tidak ada di sheet PK.", "Perbaiki kodenya atau tambahkan indikator itu di sheet PK."),
    "sasaran-tidak-dikenal": (ERROR, "Kode sasaran '{kode}' tidak ada di sheet PK.", "Pakai kode sasaran yang tertulis di kolom Kode Sasaran sheet PK."),
    "sasaran-berbeda": (ERROR, "Sasaran '{kode}' ditulis berbeda dengan baris sebelumnya ('{lain}').", "Samakan teks sasaran untuk kode yang sama, atau kosongkan sel ini."),
    "realisasi-kosong": (ERROR, "Indikator {kode} belum punya realisasi s.d. TW {tw}.", "Isi realisasi kumulatif s.d. TW {tw} di sheet Capaian."),
    "indikator-tanpa-realisasi": (ERROR, "Indikator {kode} tidak punya baris di sheet Capaian.", "Tambahkan baris dengan Kode Indikator {kode} di sheet Capaian."),
    "target-nol": (ERROR, "Target indikator {kode} bernilai 0, capaian tidak dapat dihitung.", "Periksa target di Perjanjian Kinerja."),
    "target-bukan-angka": (ERROR, "Target indikator {kode} ('{teks}') tidak berisi angka, capaian tidak dapat dihitung.", "Tulis angka target, misalnya 100 atau 'Nilai 10,1'."),
    "realisasi-melebihi-pagu": (ERROR, "Realisasi anggaran {kode} ({realisasi}) melebihi pagu ({pagu}).", "Periksa angka realisasi; mungkin ada digit berlebih."),
    "angka-negatif": (ERROR, "{label} bernilai negatif ({teks}).", "Anggaran dan realisasi tidak boleh negatif."),
    "realisasi-menurun": (WARNING, "Realisasi kumulatif {kode} turun dari TW {tw_a} ({a}) ke TW {tw_b} ({b}).", "Realisasi s.d. triwulan bersifat kumulatif; periksa kedua angka."),
    "induk-tidak-sama": (ERROR, "{kolom} {kode} ({induk}) tidak sama dengan jumlah rinciannya ({jumlah}).", "Samakan {kolom} induk dengan jumlah {anak} baris di bawahnya."),
    "anggaran-pk-berbeda": (WARNING, "Anggaran di PK untuk {kode} ({pk}) berbeda dari pagu berlaku ({pagu}) tanpa keterangan perubahan.", "Isi Keterangan Perubahan (nomor/tanggal revisi) atau samakan angkanya."),
    "tanpa-strategi": (WARNING, "Indikator {kode} belum tercapai ({capaian}) tetapi belum ada strateginya.", "Tambahkan strategi untuk sisa tahun anggaran di sheet Strategi."),
    "nip-tidak-valid": (ERROR, "{label} '{teks}' tidak valid: {alasan}.", "NIP terdiri dari 18 digit: tanggal lahir (8), TMT (6), jenis kelamin 1/2 (1), nomor urut (3)."),
    "nip-angka": (ERROR, "{label} tersimpan sebagai angka sehingga digit terakhirnya bisa hilang.", "Format sel sebagai Teks lalu ketik ulang NIP-nya."),
    "tanggal-sebelum-periode": (ERROR, "Tanggal laporan {tanggal} sebelum akhir periode {periode} ({akhir}).", "Laporan dibuat setelah periode berakhir; periksa tanggal atau periodenya."),
    "tanggal-lewat-batas": (WARNING, "Tanggal laporan {tanggal} melewati batas {hari} hari kerja setelah periode ({batas}).", "Periksa tanggal laporan; bila memang terlambat, beri penjelasan kepada atasan."),
    "tahun-tanggal-berbeda": (ERROR, "Tanggal laporan {tanggal} tidak sesuai dengan tahun anggaran {tahun}.", "Periksa tahun anggaran dan tanggal laporan."),
    "skala-persen-salah": (WARNING, "{label} bernilai {teks}, padahal nilai lain indikator ini sekitar {lain}: tampaknya diketik sebagai pecahan.", "Untuk satuan %, ketik 90 untuk 90% (bukan 0,9)."),
    "periode-tidak-dikenal": (ERROR, "Periode '{teks}' tidak dikenal.", "Pilih TW I, TW II, TW III, TW IV atau Tahunan."),
    "tanpa-indikator": (ERROR, "Sheet PK belum berisi indikator.", "Isi minimal satu indikator kinerja di sheet PK."),
    "tanggal-pk-kosong": (ERROR, "Tanggal Perjanjian Kinerja belum diisi, padahal Lampiran Perjanjian Kinerja diminta (sheet Pengaturan).", "Isi tanggal penandatanganan PK, atau pilih 'Tidak' pada Lampiran Perjanjian Kinerja di sheet Pengaturan."),
    "foto-kosong": (WARNING, "{jumlah} kegiatan di sheet Dokumentasi (baris {baris}) belum punya file foto, sehingga tidak dimuat di Lampiran II.", "Isi kolom File Foto dengan nama file .jpg/.png di folder workbook."),
    "skala-predikat-salah": (ERROR, "Skala predikat di sheet Pengaturan tidak dapat dipakai: {alasan}.", "Isi batas bawah (angka) dan predikat; batas terendah harus 0."),
    # -- annual report (LKjIP): Renstra, history, benchmarks, sub-indicators, analysis (core/validation_tahunan.py)
    "renstra-periode-salah": (ERROR, "Periode Renstra {awal}–{akhir} tidak dapat dipakai: {alasan}.", "Isi Tahun Awal dan Tahun Akhir Renstra di sheet Identitas, misalnya 2021 dan 2026 (paling lama 6 tahun)."),
    "renstra-tahun-kosong": (ERROR, "Target Renstra indikator {kode} untuk tahun {tahun} belum diisi.", "Isi target tahun {tahun} dari dokumen Renstra; tahun di antara target yang sudah diisi tidak boleh terlewat."),
    "tahun-di-luar-renstra": (ERROR, "Tahun laporan {tahun} di luar periode Renstra {awal}–{akhir}.", "Periksa Tahun Anggaran dan periode Renstra di sheet Identitas."),
    "target-renstra-berbeda": (WARNING, "Target {tahun} indikator {kode} di PK ({pk}) berbeda dari target Renstra ({renstra}, {sel_lain}).", "Samakan angkanya, atau isi Renstra versi Perubahan bila targetnya memang diubah."),
    "riwayat-tahun-kosong": (WARNING, "Realisasi indikator {kode} untuk tahun {tahun} tidak ada di sheet Riwayat.", "Isi realisasi setiap tahun tanpa terlewat, agar tren dapat dihitung."),
    "riwayat-tahun-salah": (ERROR, "Tahun {tahun} di sheet Riwayat untuk indikator {kode} {alasan}.", "Riwayat berisi realisasi tahun-tahun sebelum tahun laporan, satu baris per tahun."),
    "pembanding-tanpa-sumber": (WARNING, "Nilai pembanding indikator {kode} belum punya sumber data.", "Tulis sumbernya, misalnya nama dokumen atau situs dan tanggalnya."),
    "pembanding-tanpa-tahun": (WARNING, "Nilai pembanding indikator {kode} belum punya tahun.", "Tulis tahun data pembanding itu."),
    "bobot-tidak-100": (ERROR, "Jumlah bobot sub indikator {kode} adalah {jumlah}%, bukan 100%.", "Perbaiki kolom Bobot (%) di sheet Sub Indikator agar jumlahnya 100."),
    "aturan-sub-kosong": (ERROR, "Indikator {kode} punya sub indikator tetapi Aturan Sub Indikator belum dipilih.", "Pilih Rata-rata, Jumlah Berbobot atau Jumlah di kolom Aturan Sub Indikator sheet PK."),
    "komposit-berbeda": (ERROR, "Realisasi indikator {kode} diketik {diketik}, padahal menurut sub indikatornya ({aturan}) {dihitung}.", "Periksa angka sub indikator di sheet Sub Indikator, atau kosongkan sel ini: lkj_xl menghitungnya."),
    "basis-berbeda": (ERROR, "Basis sub indikator {kode} ({basis}) berbeda dari sub indikator lain dari induk yang sama ({lain}).", "Sub indikator satu induk memakai penyebut yang sama (misalnya Jumlah ASN yang sama); periksa angkanya."),
    "indikator-dua-sasaran": (ERROR, "Indikator {kode} '{indikator}' tercatat di bawah dua sasaran: '{sasaran}' dan '{lain}'.", "Satu indikator hanya mendukung satu sasaran: samakan sasarannya di semua sheet."),
    "tanpa-analisis": (WARNING, "Indikator {kode} belum tercapai ({capaian}) tetapi belum ada analisisnya.", "Isi faktor penghambat dan upaya/solusi di sheet Analisis."),
    "rtl-ganda": (WARNING, "Rencana tindak lanjut ini sama dengan baris {baris}; laporan mencetaknya sekali.", "Hapus baris yang berulang atau ubah isinya."),
    "strategi-ganda": (WARNING, "Strategi '{teks}' untuk indikator {kode} sudah ditulis di {sel_lain}.", "Hapus baris yang berulang atau ubah isinya."),
    # -- lkj tahunan: four quarterly workbooks -> one annual workbook (workbook/gabung_tahunan.py)
    "gabung-periode": (ERROR, "Periode Laporan file ini '{periode}': {alasan}.", "Setiap file harus satu triwulan yang berbeda (TW I, TW II, TW III, TW IV); file TW IV wajib ada."),
    "gabung-berbeda": (ERROR, "{label} di file ini ('{nilai}') berbeda dari file {acuan} ('{lain}').", "Semua workbook triwulan harus berisi identitas, PK dan target yang sama; samakan lalu ulangi."),
    "gabung-baris-hilang": (ERROR, "{apa} '{kode}' ada di file {acuan} tetapi tidak ada di file ini.", "Semua workbook triwulan harus memuat indikator dan baris anggaran yang sama."),
    "gabung-anggaran-menurun": (ERROR, "Realisasi anggaran kumulatif {kode} s.d. TW {tw} ({b}) lebih kecil dari s.d. TW {tw_a} di file {acuan} ({a}).", "Realisasi anggaran s.d. triwulan tidak pernah turun; periksa kedua angka."),
    "gabung-realisasi-menurun": (WARNING, "Realisasi kumulatif indikator {kode} s.d. TW {tw} ({b}) lebih kecil dari s.d. TW {tw_a} di file {acuan} ({a}).", "Realisasi s.d. triwulan bersifat kumulatif; periksa kedua angka."),
    "gabung-nilai-berbeda": (WARNING, "{label} {kode} di file ini ({nilai}) berbeda dari file {acuan} ({lain}); yang dipakai angka file {acuan}.", "Angka setiap triwulan diambil dari workbook triwulan itu sendiri."),
}


def make(code: str, sheet: str, cell: str, file: str = "", **kw) -> Problem:
    severity, message, hint = CATALOG[code]
    return Problem(code, severity, sheet, cell, message.format(**kw), hint.format(**kw), file)


def split_ref(ref: str) -> tuple[str, str]:
    """'Capaian!F12' -> ('Capaian', 'F12')."""
    sheet, _, cell = ref.partition("!")
    return sheet, cell


def at(code: str, ref: str, file: str = "", **kw) -> Problem:
    return make(code, *split_ref(ref), file=file, **kw)


def has_errors(problems) -> bool:
    return any(p.severity == ERROR for p in problems)
