"""Excel-free dataclasses for one report. Every record remembers where it came from (sheet, row, cells)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Nilai:
    """A typed quantity: the number we compute with, and the text as the user wrote it."""
    angka: Decimal | None
    teks: str = ""

    @property
    def ada(self) -> bool:
        return self.angka is not None


@dataclass
class Identitas:
    pemerintah: str = ""
    perangkat_daerah: str = ""
    unit: str = ""
    alamat: str = ""
    telepon: str = ""
    jabatan: str = ""
    eselon: str = ""
    nama: str = ""
    nip: str = ""
    pangkat: str = ""
    jabatan_atasan: str = ""
    nama_atasan: str = ""
    nip_atasan: str = ""
    tahun: int | None = None
    periode: str = ""
    tempat: str = ""
    tanggal: dt.date | None = None
    tanggal_pk: dt.date | None = None
    pk_perubahan: bool = False
    dasar_pelaporan: str = ""
    batas_hari_kerja: int = 10
    dasar_tugas: str = ""
    cells: dict[str, str] = field(default_factory=dict)  # key -> "Identitas!B9"

    @property
    def tw(self) -> int:
        from .layout import tw_index
        return tw_index(self.periode)


@dataclass
class Indikator:
    kode: str
    kode_sasaran: str
    sasaran: str
    indikator: str
    satuan: str = ""
    polaritas: str = "Positif"
    target: Nilai = field(default_factory=lambda: Nilai(None))
    target_tw: list[Nilai] = field(default_factory=lambda: [Nilai(None)] * 4)
    tingkat: str = ""
    jenis: str = ""
    formula: str = ""
    sumber_data: str = ""
    row: int = 0                                       # PK row
    cells: dict[str, str] = field(default_factory=dict)
    sasaran_diketik: str = ""                          # the sasaran text as typed on this row ('' = same as above)


@dataclass
class Realisasi:
    kode: str
    tw: list[Nilai]                                    # cumulative s.d. TW I..IV
    keterangan: str = ""
    row: int = 0                                       # Capaian row
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class BarisAnggaran:
    kode: str
    level: str
    uraian: str
    kode_sasaran: str = ""
    anggaran_pk: Decimal | None = None
    pagu: Decimal | None = None
    pagu_perubahan: Decimal | None = None
    keterangan_perubahan: str = ""
    tw: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def pagu_berlaku(self) -> Decimal | None:
        return self.pagu_perubahan if self.pagu_perubahan is not None else self.pagu


@dataclass
class Strategi:
    kode: str
    strategi: str
    bulan: str = ""
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class Rtl:
    uraian: str
    kode: str = ""
    waktu: str = ""
    penanggung_jawab: str = ""
    row: int = 0


@dataclass
class Foto:
    kegiatan: str
    tanggal: dt.date | None = None
    foto: str = ""
    row: int = 0


@dataclass
class Pengaturan:
    rumus_negatif: str = "(2T-R)/T"
    metode_efisiensi: str = "Selisih"
    desimal: int = 2
    kertas: str = "A4"
    templat: str = "lkj_triwulan"
    lampiran_pk: str = "Otomatis"   # Lampiran I: Ya / Tidak / Otomatis (when the PK date is filled)
    logo: str = ""                  # cover logo file, relative to the workbook's folder
    hari_libur: list[dt.date] = field(default_factory=list)   # the unit's own days off (deadline)
    skala: list[tuple[Decimal, str]] = field(default_factory=list)   # (lower bound, predikat), descending
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class Laporan:
    identitas: Identitas
    indikator: list[Indikator]
    realisasi: dict[str, Realisasi]                     # by kode indikator (first row wins)
    anggaran: list[BarisAnggaran]
    strategi: list[Strategi] = field(default_factory=list)
    rtl: list[Rtl] = field(default_factory=list)
    tugas: list[str] = field(default_factory=list)
    dokumentasi: list[Foto] = field(default_factory=list)
    pengaturan: Pengaturan = field(default_factory=Pengaturan)
    sumber: str = ""                                    # file name, for messages
    realisasi_baris: list[Realisasi] = field(default_factory=list)  # every Capaian row, duplicates included
    # Problems found while reading (unparseable cells etc.), merged into validation's list.
    masalah_baca: list = field(default_factory=list)
    # Header positions per sheet: sheet -> {column key: 1-based column index}; used by writers.
    kolom: dict[str, dict[str, int]] = field(default_factory=dict)
    baris_header: dict[str, int] = field(default_factory=dict)
