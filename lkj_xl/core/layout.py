"""The workbook contract: the one place that knows sheet names, header labels and column kinds.

`template.py` generates `workbooks/template_lkj.xlsx` from these definitions, `reading.py` finds
columns by these labels, and the writers (CLI and add-in) use them to know which columns the tool
owns. Change the workbook here and nowhere else.

Longer than ~400 lines on purpose: it is a declarative table (one entry per sheet and column, with the
note users see), and splitting it would scatter the one contract over several files.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Column kinds: how the reader parses a cell and how the template formats it.
TEXT, NUMBER, MONEY, DATE, CHOICE, CODE = "text", "number", "money", "date", "choice", "code"

POLARITAS = ("Positif", "Negatif")
SATUAN = ("%", "dokumen", "orang", "nilai", "indeks", "kegiatan", "laporan", "paket", "desa", "unit", "predikat")
PERIODE = ("TW I", "TW II", "TW III", "TW IV", "Tahunan")
LEVEL_ANGGARAN = ("Program", "Kegiatan", "Sub Kegiatan")
TINGKAT_SASARAN = ("Strategis", "Program", "Kegiatan", "Sub Kegiatan")
JENIS_INDIKATOR = ("IKU", "Pendukung")
YA_TIDAK = ("Ya", "Tidak")
ESELON = ("II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b")
RUMUS_NEGATIF = ("(2T-R)/T", "T/R")
METODE_EFISIENSI = ("Selisih", "Rasio")
UKURAN_KERTAS = ("A4", "F4")
LAMPIRAN_PK = ("Otomatis", "Ya", "Tidak")
# Annual report (LKjIP) vocabularies.
ATURAN_SUB = ("Rata-rata", "Jumlah Berbobot", "Jumlah")
VERSI_RENSTRA = ("Awal", "Perubahan")
LEVEL_PEMBANDING = ("Nasional", "Provinsi", "Kabupaten", "Lainnya")
JENIS_CATATAN = ("Kendala", "Rekomendasi", "Penghargaan")
PENDIDIKAN = ("SD", "SMP", "SMA", "D3", "S1", "S2", "S3")
RENSTRA_TAHUN = 6            # target columns in the Renstra sheet: "Target Tahun ke-1" .. "ke-6"
TAHUNAN_NOTE = ("Sheet ini untuk laporan tahunan (LKjIP). Untuk laporan triwulan boleh dibiarkan kosong. "
                "Jangan mengubah judul kolom; kolom tambahan milik Anda boleh disisipkan di kanan.")


@dataclass(frozen=True)
class Column:
    key: str                 # attribute name in the model
    label: str               # header text in the sheet (the reader matches on it)
    kind: str = TEXT
    required: bool = False
    computed: bool = False   # written by the tool; never typed by the user
    choices: tuple[str, ...] = ()
    width: int = 14
    note: str = ""           # shown as a cell comment on the header
    aliases: tuple[str, ...] = ()  # other header texts the reader accepts


@dataclass(frozen=True)
class TableSheet:
    name: str
    table: str               # Excel Table (ListObject) name
    title: str
    columns: tuple[Column, ...]
    header_row: int = 3      # row 1: title, row 2: short instruction, row 3: headers
    example_rows: int = 0
    tahunan: bool = False    # an optional sheet for the annual report only (LKjIP)

    @property
    def key(self) -> str:
        """The keyword `new_workbook` takes for this sheet: 'Sub Indikator' -> 'sub_indikator'."""
        return self.name.lower().replace(" ", "_")

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    note: str = ""
    default: object = None


@dataclass(frozen=True)
class FormSheet:
    """A two-column sheet of label | value rows (Identitas, Pengaturan)."""
    name: str
    title: str
    fields: tuple[Field, ...]
    first_row: int = 3       # row 1 title, row 2 headers "Isian | Nilai"
    extra: tuple = field(default=())

    def row_of(self, key: str) -> int:
        for i, f in enumerate(self.fields):
            if f.key == key:
                return self.first_row + i
        raise KeyError(key)


TW = ("I", "II", "III", "IV")

IDENTITAS = FormSheet(
    name="Identitas",
    title="IDENTITAS PELAPOR DAN PERIODE LAPORAN",
    fields=(
        Field("pemerintah", "Pemerintah Daerah", required=True, note="Contoh: Kabupaten Lumajang"),
        Field("perangkat_daerah", "Perangkat Daerah", required=True, note="Contoh: Sekretariat Daerah"),
        Field("unit", "Unit Kerja", required=True, note="Contoh: Bagian Organisasi Setda"),
        Field("alamat", "Alamat Kantor"),
        Field("telepon", "Telepon"),
        Field("jabatan", "Jabatan Pelapor", required=True, note="Contoh: Kepala Bagian Organisasi"),
        Field("eselon", "Eselon", choices=ESELON),
        Field("nama", "Nama Pelapor", required=True, note="Lengkap dengan gelar"),
        Field("nip", "NIP Pelapor", kind=CODE, required=True, note="18 digit, ketik sebagai teks"),
        Field("pangkat", "Pangkat/Golongan"),
        # Optional: a Camat or Kepala OPD reports without an atasan block; all three or none (validation).
        Field("jabatan_atasan", "Jabatan Atasan Langsung",
              note="Kosongkan ketiga isian atasan bila laporan tidak ditandatangani atasan (misalnya Camat)"),
        Field("nama_atasan", "Nama Atasan Langsung"),
        Field("nip_atasan", "NIP Atasan Langsung", kind=CODE),
        Field("tahun", "Tahun Anggaran", kind=NUMBER, required=True),
        Field("periode", "Periode Laporan", kind=CHOICE, required=True, choices=PERIODE),
        Field("tempat", "Tempat Penandatanganan", required=True, note="Contoh: Lumajang"),
        Field("tanggal", "Tanggal Laporan", kind=DATE, required=True),
        Field("tanggal_pk", "Tanggal Perjanjian Kinerja", kind=DATE),
        Field("pk_perubahan", "Perjanjian Kinerja Perubahan?", kind=CHOICE, choices=YA_TIDAK, default="Tidak"),
        Field("dasar_pelaporan", "Dasar Hukum Pelaporan",
              default="Pasal 4 ayat (5) Peraturan Bupati Nomor 6 Tahun 2018"),
        Field("batas_hari_kerja", "Batas Pelaporan (hari kerja)", kind=NUMBER, default=10),
        Field("dasar_tugas", "Dasar Hukum Tugas dan Fungsi",
              note="Peraturan tentang kedudukan dan tugas unit, contoh: Peraturan Bupati Nomor 89 Tahun 2021 ..."),
        # For the annual report: the Renstra period (sheet Renstra, "Target Tahun ke-1" = Tahun Awal).
        Field("renstra_awal", "Tahun Awal Renstra", kind=NUMBER,
              note="Untuk laporan tahunan. Contoh: 2021 untuk Renstra 2021-2026"),
        Field("renstra_akhir", "Tahun Akhir Renstra", kind=NUMBER, note="Untuk laporan tahunan. Contoh: 2026"),
        Field("dasar_renstra", "Dasar Hukum Renstra",
              note="Untuk laporan tahunan. Contoh: Peraturan Bupati Nomor 41 Tahun 2023 tentang Perubahan Renstra ..."),
    ),
)

PENGATURAN = FormSheet(
    name="Pengaturan",
    title="PENGATURAN PERHITUNGAN DAN LAPORAN",
    fields=(
        Field("rumus_negatif", "Rumus Indikator Negatif", kind=CHOICE, choices=RUMUS_NEGATIF,
              default="(2T-R)/T", note="(2T-R)/T = (Target - (Realisasi - Target)) / Target x 100; T/R = Target / Realisasi x 100"),
        Field("metode_efisiensi", "Metode Efisiensi", kind=CHOICE, choices=METODE_EFISIENSI, default="Selisih",
              note="Selisih = % capaian kinerja - % serapan anggaran; Rasio = % capaian kinerja / % serapan anggaran"),
        Field("desimal", "Jumlah Desimal", kind=NUMBER, default=2),
        Field("kertas", "Ukuran Kertas", kind=CHOICE, choices=UKURAN_KERTAS, default="A4"),
        Field("templat", "Templat Laporan", default="lkj_triwulan"),
        Field("lampiran_pk", "Lampiran Perjanjian Kinerja", kind=CHOICE, choices=LAMPIRAN_PK, default="Otomatis",
              note="Otomatis: dilampirkan bila Tanggal Perjanjian Kinerja (sheet Identitas) diisi"),
        Field("logo", "File Logo", note="Gambar logo untuk sampul (.png/.jpg), relatif terhadap folder workbook"),
        Field("hari_libur", "Hari Libur Tambahan",
              note="Hari libur unit di luar libur nasional dan cuti bersama, untuk batas pelaporan; "
                   "pisahkan dengan titik koma, contoh: 15/04/2024; 16/04/2024"),
    ),
)

# The predikat scale lives below the settings on the Pengaturan sheet (Permendagri 86/2017).
PREDIKAT = TableSheet(
    name="Pengaturan",
    table="tblPredikat",
    title="SKALA PREDIKAT",
    header_row=14,
    columns=(
        Column("batas_bawah", "Batas Bawah (%)", NUMBER, required=True, width=18,
               note="Capaian >= batas bawah mendapat predikat ini"),
        Column("predikat", "Predikat", TEXT, required=True, width=22),
    ),
)
PREDIKAT_DEFAULT = ((91, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah"), (0, "Sangat Rendah"))

TUGAS = TableSheet(
    name="Tugas", table="tblTugas", title="TUGAS DAN FUNGSI",
    columns=(
        Column("no", "No", NUMBER, width=6),
        Column("uraian", "Uraian Tugas dan Fungsi", TEXT, required=True, width=100),
    ),
)

PK = TableSheet(
    name="PK", table="tblPK", title="PERJANJIAN KINERJA: SASARAN, INDIKATOR DAN TARGET",
    columns=(
        Column("kode_sasaran", "Kode Sasaran", CODE, required=True, width=10, note="Contoh: S1. Sama untuk semua indikator satu sasaran"),
        Column("tingkat", "Tingkat Sasaran", CHOICE, choices=TINGKAT_SASARAN, width=14),
        Column("sasaran", "Sasaran", TEXT, required=True, width=40, note="Boleh dikosongkan pada baris berikutnya dari sasaran yang sama"),
        Column("kode", "Kode Indikator", CODE, required=True, width=10, note="Contoh: IK1. Harus unik"),
        Column("indikator", "Indikator Kinerja", TEXT, required=True, width=50),
        Column("satuan", "Satuan", CHOICE, required=True, choices=SATUAN, width=10),
        Column("polaritas", "Polaritas", CHOICE, required=True, choices=POLARITAS, width=10,
               note="Positif: makin tinggi makin baik. Negatif: makin rendah makin baik"),
        Column("target", "Target Tahunan", NUMBER, required=True, width=12),
        Column("target_tw1", "Target TW I", NUMBER, width=10, note="Opsional: target triwulan"),
        Column("target_tw2", "Target TW II", NUMBER, width=10),
        Column("target_tw3", "Target TW III", NUMBER, width=10),
        Column("target_tw4", "Target TW IV", NUMBER, width=10),
        Column("jenis", "Jenis", CHOICE, choices=JENIS_INDIKATOR, width=11),
        Column("formula", "Definisi/Formula", TEXT, width=30),
        Column("sumber_data", "Sumber Data", TEXT, width=20),
        # Optional per-indicator rules and IKU fields (mostly for the annual report).
        Column("penanggung_jawab", "Penanggung Jawab", TEXT, width=20, note="Untuk tabel IKU laporan tahunan"),
        Column("rumus_negatif", "Rumus Negatif", CHOICE, choices=RUMUS_NEGATIF, width=12,
               note="Khusus indikator negatif dan hanya bila berbeda dari sheet Pengaturan. Kosong = ikut Pengaturan"),
        Column("target_atas", "Target Batas Atas", NUMBER, width=11,
               note="Untuk target rentang, misalnya 80-90%: Target Tahunan 80, Target Batas Atas 90. "
                    "Realisasi di atas rentang dibandingkan dengan batas atas, di bawah rentang dengan batas bawah"),
        Column("aturan_sub", "Aturan Sub Indikator", CHOICE, choices=ATURAN_SUB, width=16,
               note="Untuk indikator yang diukur dari sub indikator (sheet Sub Indikator): Rata-rata, "
                    "Jumlah Berbobot (pakai Bobot) atau Jumlah"),
    ),
)

CAPAIAN = TableSheet(
    name="Capaian", table="tblCapaian", title="REALISASI INDIKATOR KINERJA (KUMULATIF S.D. TRIWULAN)",
    columns=(
        Column("kode", "Kode Indikator", CODE, required=True, width=10),
        Column("indikator", "Indikator Kinerja", TEXT, width=45, note="Untuk dibaca saja; yang dipakai Kode Indikator"),
        Column("real_tw1", "Realisasi s.d. TW I", NUMBER, width=12),
        Column("real_tw2", "Realisasi s.d. TW II", NUMBER, width=12),
        Column("real_tw3", "Realisasi s.d. TW III", NUMBER, width=12),
        Column("real_tw4", "Realisasi s.d. TW IV", NUMBER, width=12),
        Column("keterangan", "Keterangan", TEXT, width=25),
        Column("target_periode", "Target Periode", NUMBER, computed=True, width=12),
        Column("realisasi_periode", "Realisasi Periode", NUMBER, computed=True, width=12),
        Column("capaian", "Capaian (%)", NUMBER, computed=True, width=12),
        Column("predikat", "Predikat", TEXT, computed=True, width=14),
        Column("tercapai", "Tercapai", TEXT, computed=True, width=10),
    ),
)

ANGGARAN = TableSheet(
    name="Anggaran", table="tblAnggaran", title="ANGGARAN: PAGU DAN REALISASI (KUMULATIF S.D. TRIWULAN)",
    columns=(
        Column("kode", "Kode Rekening", CODE, required=True, width=20,
               note="Kode Permendagri 90/2019 (4.01.01.2.01) atau 1 / 1.1 / 1.1.1. Anak diawali kode induknya"),
        Column("level", "Level", CHOICE, required=True, choices=LEVEL_ANGGARAN, width=13),
        Column("uraian", "Uraian Program/Kegiatan", TEXT, required=True, width=45),
        Column("kode_sasaran", "Kode Sasaran", CODE, width=10, note="Sasaran yang didukung anggaran ini"),
        Column("anggaran_pk", "Anggaran di PK", MONEY, width=16, note="Anggaran yang tertulis di Perjanjian Kinerja"),
        Column("pagu", "Pagu", MONEY, required=True, width=16),
        Column("pagu_perubahan", "Pagu Perubahan", MONEY, width=16, note="Diisi bila ada perubahan anggaran (P-APBD)"),
        Column("keterangan_perubahan", "Keterangan Perubahan", TEXT, width=22,
               note="Nomor/tanggal revisi bila anggaran PK berbeda dari pagu"),
        Column("real_tw1", "Realisasi s.d. TW I", MONEY, width=16),
        Column("real_tw2", "Realisasi s.d. TW II", MONEY, width=16),
        Column("real_tw3", "Realisasi s.d. TW III", MONEY, width=16),
        Column("real_tw4", "Realisasi s.d. TW IV", MONEY, width=16),
        Column("pagu_berlaku", "Pagu Berlaku", MONEY, computed=True, width=16),
        Column("realisasi_periode", "Realisasi Periode", MONEY, computed=True, width=16),
        Column("serapan", "Serapan (%)", NUMBER, computed=True, width=12),
        Column("sisa", "Sisa Anggaran", MONEY, computed=True, width=16),
        Column("kode_indikator", "Kode Indikator", CODE, width=10,
               note="Opsional: indikator yang didukung anggaran ini (boleh selain atau sebagai ganti Kode Sasaran)"),
        Column("keterkaitan", "Terhubung ke", TEXT, computed=True, width=16,
               note="Sasaran/indikator yang didukung baris ini, atau 'tidak terhubung'"),
    ),
)

STRATEGI = TableSheet(
    name="Strategi", table="tblStrategi", title="STRATEGI PENCAPAIAN TARGET",
    columns=(
        Column("kode", "Kode Indikator", CODE, required=True, width=10),
        Column("strategi", "Strategi Yang Digunakan", TEXT, required=True, width=70),
        Column("bulan", "Pada Bulan", TEXT, width=28),
    ),
)

RTL = TableSheet(
    name="RTL", table="tblRTL", title="RENCANA TINDAK LANJUT",
    columns=(
        Column("uraian", "Rencana Tindak Lanjut", TEXT, required=True, width=70),
        Column("kode", "Kode Indikator", CODE, width=10, note="Opsional"),
        Column("waktu", "Waktu", TEXT, width=20),
        Column("penanggung_jawab", "Penanggung Jawab", TEXT, width=22),
    ),
)

DOKUMENTASI = TableSheet(
    name="Dokumentasi", table="tblDokumentasi", title="DOKUMENTASI KEGIATAN (LAMPIRAN II)",
    columns=(
        Column("kegiatan", "Kegiatan", TEXT, required=True, width=60),
        Column("tanggal", "Tanggal", DATE, width=16),
        Column("foto", "File Foto", TEXT, width=40, note="Nama file foto (.jpg/.png), relatif terhadap folder workbook"),
    ),
)

# ---------------------------------------------------------------- annual report (LKjIP), all optional

RENSTRA = TableSheet(
    name="Renstra", table="tblRenstra", title="RENCANA STRATEGIS: TARGET PER TAHUN (UNTUK LAPORAN TAHUNAN)",
    tahunan=True,
    columns=(
        Column("kode", "Kode Indikator", CODE, required=True, width=10,
               note="Kode dari sheet PK. Indikator Renstra lama yang tidak ada di PK: beri kode baru dan isi teksnya"),
        Column("indikator", "Indikator Kinerja", TEXT, width=40, note="Wajib bila kodenya tidak ada di sheet PK"),
        Column("sasaran", "Sasaran", TEXT, width=30, note="Boleh kosong: diambil dari sheet PK"),
        Column("versi", "Versi", CHOICE, choices=VERSI_RENSTRA, width=11,
               note="Awal = sebelum perubahan Renstra; Perubahan = sesudah perubahan. Kosong = Awal. "
                    "Bila keduanya ada, laporan memakai versi Perubahan"),
        Column("kondisi_awal", "Kondisi Awal", NUMBER, width=11, note="Realisasi sebelum periode Renstra"),
        *(Column(f"target_{i}", f"Target Tahun ke-{i}", NUMBER, width=11,
                 note=("Tahun ke-1 = Tahun Awal Renstra di sheet Identitas, tahun ke-2 = tahun berikutnya, dst."
                       if i == 1 else ""))
          for i in range(1, RENSTRA_TAHUN + 1)),
        Column("target_akhir", "Target Akhir Renstra", NUMBER, width=12,
               note="Kosong = target tahun terakhir periode Renstra"),
    ),
)

RIWAYAT = TableSheet(
    name="Riwayat", table="tblRiwayat", title="REALISASI TAHUN-TAHUN SEBELUMNYA (UNTUK LAPORAN TAHUNAN)",
    tahunan=True,
    columns=(
        Column("kode", "Kode Indikator", CODE, required=True, width=10),
        Column("tahun", "Tahun", NUMBER, required=True, width=8, note="Satu baris per indikator per tahun"),
        Column("realisasi", "Realisasi", NUMBER, required=True, width=12, note="Realisasi akhir tahun (s.d. TW IV)"),
        Column("keterangan", "Keterangan", TEXT, width=30),
    ),
)

PEMBANDING = TableSheet(
    name="Pembanding", table="tblPembanding", title="DATA PEMBANDING (BENCHMARK) (UNTUK LAPORAN TAHUNAN)",
    tahunan=True,
    columns=(
        Column("kode", "Kode Indikator", CODE, required=True, width=10),
        Column("nilai", "Nilai Pembanding", NUMBER, width=12,
               note="Kosongkan bila tidak ada pembanding; laporan menulis 'tidak ada data pembanding'"),
        Column("level", "Tingkat", CHOICE, choices=LEVEL_PEMBANDING, width=12),
        Column("wilayah", "Wilayah/Instansi", TEXT, width=24, note="Contoh: Provinsi Jawa Timur, rata-rata nasional"),
        Column("tahun", "Tahun", NUMBER, width=8),
        Column("sumber", "Sumber Data", TEXT, width=30),
    ),
)

SUB_INDIKATOR = TableSheet(
    name="Sub Indikator", table="tblSubIndikator", title="SUB INDIKATOR (UNTUK LAPORAN TAHUNAN)",
    tahunan=True,
    columns=(
        Column("kode_induk", "Kode Indikator", CODE, required=True, width=10,
               note="Indikator induk di sheet PK; aturannya di kolom Aturan Sub Indikator sheet PK"),
        Column("kode", "Kode Sub Indikator", CODE, required=True, width=10, note="Contoh: IK1.a. Harus unik"),
        Column("uraian", "Sub Indikator", TEXT, required=True, width=45),
        Column("satuan", "Satuan", CHOICE, choices=SATUAN, width=10),
        Column("polaritas", "Polaritas", CHOICE, choices=POLARITAS, width=10, note="Kosong = Positif"),
        Column("bobot", "Bobot (%)", NUMBER, width=9, note="Untuk aturan Jumlah Berbobot; jumlah bobot satu induk = 100"),
        Column("target", "Target", NUMBER, width=11),
        Column("realisasi", "Realisasi", NUMBER, width=11, note="Realisasi akhir tahun (s.d. TW IV)"),
        Column("basis", "Basis (Penyebut)", NUMBER, width=12,
               note="Opsional: penyebut rumus, misalnya Jumlah ASN. Sub indikator satu induk memakai basis yang sama"),
        Column("keterangan", "Keterangan", TEXT, width=30),
    ),
)

ANALISIS = TableSheet(
    name="Analisis", table="tblAnalisis", title="ANALISIS PER INDIKATOR (UNTUK LAPORAN TAHUNAN)",
    tahunan=True,
    columns=(
        Column("kode", "Kode Indikator", CODE, required=True, width=10),
        Column("pendukung", "Faktor Pendukung", TEXT, width=40, note="Penyebab keberhasilan"),
        Column("penghambat", "Faktor Penghambat", TEXT, width=40, note="Penyebab kegagalan / kendala"),
        Column("upaya", "Upaya/Solusi", TEXT, width=40),
        Column("rencana", "Rencana ke Depan", TEXT, width=40),
    ),
)

CATATAN = TableSheet(
    name="Catatan", table="tblCatatan", title="KENDALA, REKOMENDASI DAN PENGHARGAAN (UNTUK LAPORAN TAHUNAN)",
    tahunan=True,
    columns=(
        Column("jenis", "Jenis", CHOICE, required=True, choices=JENIS_CATATAN, width=14,
               note="Kendala dan Rekomendasi untuk Ikhtisar dan BAB IV; Penghargaan untuk prestasi"),
        Column("uraian", "Uraian", TEXT, required=True, width=80, note="Satu butir per baris; rekomendasi dinomori urut"),
        Column("keterangan", "Keterangan", TEXT, width=30, note="Contoh untuk penghargaan: pemberi, tingkat, tanggal"),
    ),
)

SDM = TableSheet(
    name="SDM", table="tblSDM", title="KOMPOSISI PEGAWAI (UNTUK LAPORAN TAHUNAN, OPSIONAL)",
    tahunan=True,
    columns=(
        Column("jabatan", "Jabatan", TEXT, required=True, width=30,
               note="Baris tanpa angka dicetak sebagai judul kelompok, misalnya Jabatan Administrasi"),
        *(Column(f"kebutuhan_{p.lower()}", f"Kebutuhan {p}", NUMBER, width=8) for p in PENDIDIKAN),
        *(Column(f"bezetting_{p.lower()}", f"Bezetting {p}", NUMBER, width=8) for p in PENDIDIKAN),
        Column("laki", "L", NUMBER, width=6, note="Jumlah pegawai laki-laki yang ada"),
        Column("perempuan", "P", NUMBER, width=6, note="Jumlah pegawai perempuan yang ada"),
    ),
)

SARANA = TableSheet(
    name="Sarana", table="tblSarana", title="SARANA DAN PRASARANA (UNTUK LAPORAN TAHUNAN, OPSIONAL)",
    tahunan=True,
    columns=(
        Column("uraian", "Sarana Prasarana", TEXT, required=True, width=36),
        Column("jumlah", "Jumlah", NUMBER, width=9),
        Column("satuan", "Satuan", TEXT, width=10),
        Column("kondisi", "Kondisi", TEXT, width=24),
        Column("keterangan", "Keterangan", TEXT, width=30),
    ),
)

TAHUNAN_SHEETS = (RENSTRA, RIWAYAT, PEMBANDING, SUB_INDIKATOR, ANALISIS, CATATAN, SDM, SARANA)


HASIL = "Hasil"
MASALAH = TableSheet(
    name="Masalah", table="tblMasalah", title="MASALAH YANG DITEMUKAN",
    columns=(
        Column("kode", "Kode", TEXT, computed=True, width=26),
        Column("tingkat", "Tingkat", TEXT, computed=True, width=10),
        Column("sel", "Sel", TEXT, computed=True, width=16),
        Column("pesan", "Pesan", TEXT, computed=True, width=70),
        Column("saran", "Yang Perlu Dilakukan", TEXT, computed=True, width=60),
    ),
)

DATA_SHEETS = (TUGAS, PK, CAPAIAN, ANGGARAN, STRATEGI, RTL, DOKUMENTASI) + TAHUNAN_SHEETS
REQUIRED_SHEETS = ("Identitas", "PK", "Capaian", "Anggaran")
OUTPUT_SHEETS = (HASIL, MASALAH.name)
SHEET_ORDER = ("Petunjuk", "Identitas", "Tugas", "PK", "Capaian", "Anggaran", "Strategi", "RTL",
               "Dokumentasi", *(s.name for s in TAHUNAN_SHEETS), "Pengaturan", HASIL, MASALAH.name)


def computed_columns(sheet: TableSheet) -> tuple[Column, ...]:
    return tuple(c for c in sheet.columns if c.computed)


def tw_index(periode: str | None) -> int:
    """'TW III' -> 3; 'Tahunan' -> 4 (the annual report uses the year-end realisasi)."""
    if not periode:
        return 0
    p = str(periode).strip().upper().replace("TRIWULAN", "TW")
    if p.startswith("TAHUN"):
        return 4
    roman = p.replace("TW", "").strip()
    return {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}.get(roman, 0)
