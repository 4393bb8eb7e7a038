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
    renstra_awal: int | None = None                      # Renstra period (annual report)
    renstra_akhir: int | None = None
    dasar_renstra: str = ""
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
    penanggung_jawab: str = ""                         # IKU table (annual report)
    rumus_negatif: str = ""                            # '' = Pengaturan's formula
    target_atas: Nilai = field(default_factory=lambda: Nilai(None))   # upper bound of a range target
    aturan_sub: str = ""                               # how sub-indicators combine: layout.ATURAN_SUB or ''


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
    kode_indikator: str = ""                           # optional link to an indicator (annual report)
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


# ---------------------------------------------------------------- annual report (LKjIP), all optional

@dataclass
class TargetRenstra:
    """One row of the Renstra sheet: targets per Renstra year (target[0] = the period's first year)."""
    kode: str
    indikator: str = ""
    sasaran: str = ""
    versi: str = "Awal"                                # layout.VERSI_RENSTRA
    kondisi_awal: Nilai = field(default_factory=lambda: Nilai(None))
    target: list[Nilai] = field(default_factory=list)
    target_akhir: Nilai = field(default_factory=lambda: Nilai(None))
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)

    def target_tahun(self, tahun: int | None, awal: int | None) -> Nilai:
        if tahun is None or awal is None or not 0 <= tahun - awal < len(self.target):
            return Nilai(None)
        return self.target[tahun - awal]


@dataclass
class RealisasiLalu:
    """Realisasi of an earlier year (Riwayat sheet)."""
    kode: str
    tahun: int | None
    realisasi: Nilai
    keterangan: str = ""
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class Pembanding:
    kode: str
    nilai: Nilai
    level: str = ""                                    # layout.LEVEL_PEMBANDING
    wilayah: str = ""
    tahun: int | None = None
    sumber: str = ""
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class SubIndikator:
    kode_induk: str
    kode: str
    uraian: str
    satuan: str = ""
    polaritas: str = "Positif"
    bobot: Decimal | None = None                       # percent, for 'Jumlah Berbobot'
    target: Nilai = field(default_factory=lambda: Nilai(None))
    realisasi: Nilai = field(default_factory=lambda: Nilai(None))
    basis: Decimal | None = None                       # the formula's denominator (e.g. Jumlah ASN)
    keterangan: str = ""
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class Analisis:
    kode: str
    pendukung: str = ""
    penghambat: str = ""
    upaya: str = ""
    rencana: str = ""
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def ada(self) -> bool:
        return any((self.pendukung, self.penghambat, self.upaya, self.rencana))


@dataclass
class Catatan:
    jenis: str                                         # layout.JENIS_CATATAN
    uraian: str
    keterangan: str = ""
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class BarisSdm:
    jabatan: str
    kebutuhan: dict[str, int | None] = field(default_factory=dict)   # pendidikan -> count
    bezetting: dict[str, int | None] = field(default_factory=dict)
    laki: int | None = None
    perempuan: int | None = None
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def judul(self) -> bool:
        """A group heading (no numbers at all), e.g. 'Jabatan Administrasi'."""
        return all(v is None for v in (*self.kebutuhan.values(), *self.bezetting.values(), self.laki, self.perempuan))

    @property
    def jumlah_kebutuhan(self) -> int:
        return sum(v or 0 for v in self.kebutuhan.values())

    @property
    def jumlah_bezetting(self) -> int:
        return sum(v or 0 for v in self.bezetting.values())


@dataclass
class Sarana:
    uraian: str
    jumlah: Decimal | None = None
    satuan: str = ""
    kondisi: str = ""
    keterangan: str = ""
    row: int = 0


@dataclass
class Tahunan:
    """The annual report's extra data; every list is empty for a quarterly workbook."""
    renstra: list[TargetRenstra] = field(default_factory=list)
    riwayat: list[RealisasiLalu] = field(default_factory=list)
    pembanding: list[Pembanding] = field(default_factory=list)
    sub_indikator: list[SubIndikator] = field(default_factory=list)
    analisis: list[Analisis] = field(default_factory=list)
    catatan: list[Catatan] = field(default_factory=list)
    sdm: list[BarisSdm] = field(default_factory=list)
    sarana: list[Sarana] = field(default_factory=list)

    def catatan_jenis(self, jenis: str) -> list[Catatan]:
        return [c for c in self.catatan if c.jenis == jenis]


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
    tahunan: Tahunan = field(default_factory=Tahunan)   # annual-report sheets (empty when absent)
