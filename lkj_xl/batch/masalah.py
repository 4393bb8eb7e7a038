"""The problems of a batch: those across reports (`MasalahLintas`) and the batch-level ones
(unreadable file, failed render, time limit, full disk …), in one catalogue so the rekap's Masalah
sheet speaks with one voice. Bahasa Indonesia, like core/problems.CATALOG.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..core.problems import ERROR, WARNING, Problem, split_ref


@dataclass(frozen=True)
class MasalahLintas(Problem):
    """A problem that involves more than one workbook. `lain`: ((file, 'Sheet!A1'), …) of the other side."""
    lain: tuple[tuple[str, str], ...] = ()

    @property
    def lokasi_lain(self) -> str:
        return "; ".join(f"{f} {ref}".strip() for f, ref in self.lain)


# code -> (severity, message template, hint template); Bahasa Indonesia, like problems.CATALOG.
CATALOG: dict[str, tuple[str, str, str]] = {
    "nip-nama-berbeda": (
        ERROR, "NIP {nip} tertulis dengan nama '{nama}' di sini, tetapi '{nama_lain}' di {file_lain} ({sel_lain}).",
        "Satu NIP adalah satu orang: samakan penulisan namanya di kedua workbook."),
    "nip-gelar-berbeda": (
        WARNING, "Nama untuk NIP {nip} ditulis '{nama}' di sini, tetapi '{nama_lain}' di {file_lain} ({sel_lain}); gelarnya berbeda.",
        "Samakan penulisan gelar di kedua workbook."),
    "nama-nip-berbeda": (
        WARNING, "'{nama}' tertulis dengan NIP {nip} di sini, tetapi dengan NIP {nip_lain} di {file_lain} ({sel_lain}).",
        "Bila orangnya sama, perbaiki NIP yang salah; bila memang dua orang berbeda, abaikan peringatan ini."),
    "atasan-tidak-sesuai": (
        ERROR, "NIP atasan langsung ({jabatan}) di sini {nip}, tetapi laporan {jabatan} sendiri ({file_lain}, {sel_lain}) memakai NIP {nip_lain}.",
        "Samakan NIP atasan dengan NIP di laporan atasan itu sendiri."),
    "rincian-lintas-tidak-sama": (
        ERROR, "{kolom} {kode} ({induk}) tidak sama dengan jumlah rinciannya di laporan lain ({jumlah}): {rincian}.",
        "Samakan {kolom_kecil} {kode} dengan jumlah rinciannya, atau perbaiki rincian yang salah. "
        "Bila ada laporan bawahan yang belum masuk folder ini, tambahkan dulu lalu jalankan lagi."),
    "kode-anggaran-berbeda": (
        ERROR, "{kolom} {kode} di sini ({nilai}) berbeda dari kode yang sama di {file_lain} ({sel_lain}: {nilai_lain}).",
        "Satu kode anggaran harus bernilai sama di semua laporan; perbaiki yang salah."),
    "tahun-berbeda": (
        ERROR, "Tahun anggaran {tahun} berbeda dari laporan lain di folder ini ({tahun_lain}, misalnya {file_lain} {sel_lain}).",
        "Satu folder berisi laporan satu tahun dan satu periode; periksa Tahun Anggaran atau pindahkan workbook ini."),
    "periode-berbeda": (
        ERROR, "Periode {periode} berbeda dari laporan lain di folder ini ({periode_lain}, misalnya {file_lain} {sel_lain}).",
        "Satu folder berisi laporan satu tahun dan satu periode; periksa Periode Laporan atau pindahkan workbook ini."),
    "laporan-ganda": (
        WARNING, "Workbook ini memuat laporan pejabat dan periode yang sama dengan {file_lain} (NIP {nip}, {periode} {tahun}).",
        "Simpan hanya satu workbook per pejabat per periode (mungkin ada salinan atau file hasil di folder)."),
    # batch-level codes (not across reports, but listed in the same Masalah sheet)
    "file-tidak-terbaca": (ERROR, "{alasan}", ""),
    "proses-gagal": (
        ERROR, "Pemrosesan file ini gagal: {alasan}.",
        "Buka file di Excel dan simpan ulang; bila masih gagal, jalankan lagi dengan --jobs 1 dan LKJ_DEBUG=1 lalu laporkan ke admin."),
    "laporan-gagal-dibuat": (ERROR, "Laporan Word tidak dapat dibuat: {alasan}", ""),
    "bukan-file-biasa": (
        ERROR, "File ini bukan file biasa ({jenis}), sehingga tidak dibuka.",
        "Ganti dengan salinan workbook yang sebenarnya (file .xlsx biasa), lalu jalankan lagi."),
    "waktu-habis": (
        ERROR, "Pemrosesan file ini dihentikan karena melebihi batas waktu {batas} detik.",
        "Periksa apakah workbook ini sangat besar atau rusak. Bila memang besar, jalankan lagi dengan "
        "--batas-waktu yang lebih besar, misalnya --batas-waktu 600."),
    "disk-penuh": (
        ERROR, "Disk penuh: laporan tidak dapat ditulis ke folder keluaran {folder}.",
        "Ini bukan kesalahan workbook. Kosongkan ruang di disk itu atau pilih folder keluaran di disk lain, "
        "lalu jalankan lagi."),
    "keluaran-tidak-bisa-ditulis": (
        ERROR, "Folder keluaran {folder} tidak dapat ditulis ({alasan}).",
        "Ini bukan kesalahan workbook. Periksa izin folder itu atau pilih folder keluaran lain, lalu jalankan lagi."),
    "memori-habis": (
        ERROR, "Memori komputer tidak cukup untuk mengolah file ini.",
        "Tutup program lain, atau jalankan lagi dengan --jobs 1; bila masih gagal, workbook ini terlalu besar."),
    "pdf-gagal-dibuat": (ERROR, "PDF tidak dapat dibuat: {alasan}", "Laporan Word tetap tersedia."),
    "gabung-gagal": (ERROR, "Dokumen gabungan tidak dapat dibuat: {alasan}", "Laporan per pejabat tetap tersedia."),
}


# Codes whose other locations only illustrate the majority the flagged report differs from: they
# name one report at fault. Every other Kesalahan names all its locations (which side is right,
# which spelling or which amount, only the people can tell).
LAIN_CONTOH = frozenset({"tahun-berbeda", "periode-berbeda"})


def laporan_yang_disebut(p: MasalahLintas) -> set[str]:
    """The workbooks a cross-report problem makes a problem of."""
    return {p.file} if p.code in LAIN_CONTOH else {p.file, *(f for f, _ in p.lain)}


def buat(code: str, file: str, ref: str, lain: Iterable[tuple[str, str]] = (), **kw) -> MasalahLintas:
    severity, message, hint = CATALOG[code]
    sheet, cell = split_ref(ref)
    return MasalahLintas(code, severity, sheet, cell, message.format(**kw), hint.format(**kw), file,
                         tuple(lain))
