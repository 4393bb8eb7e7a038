"""Where the add-in goes on each platform, and installing/removing it: pure file operations.

Everything takes the platform, the home folder and the environment as parameters, so tests run it
against a fake home directory. `lkj addin install` / `uninstall` (cli/addin_cmd.py) are thin wrappers.

What install does (and uninstall undoes, guided by the record it leaves in `~/.lkj/terpasang.json`):
- copies `lkj_xl.xlam` to Excel's startup folder, so Excel opens it (and shows the LKj tab) at start:
  Windows `%APPDATA%\\Microsoft\\Excel\\XLSTART`; macOS
  `~/Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel`;
- writes the interpreter that runs `lkj` (sys.executable) into the add-in's own xlwings config file,
  read by xlwings' VBA as the "user config" of PROJECT_NAME "lkj": Windows `%USERPROFILE%\\.lkj\\lkj.conf`
  (key INTERPRETER_WIN), macOS `~/Library/Containers/com.microsoft.Excel/Data/lkj.conf` (INTERPRETER_MAC).
  The global `~/.xlwings/xlwings.conf` belongs to xlwings' own add-in and is left alone;
- macOS only: copies xlwings' AppleScript (needed by RunPython in sandboxed Excel) to
  `~/Library/Application Scripts/com.microsoft.Excel/`, unless it is already there.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .build import PROJECT_NAME, XLAM_NAME
from ..core.problems import LkjError

RECORD = "terpasang.json"
MAC_STARTUP = ("Library", "Group Containers", "UBF8T346G9.Office", "User Content.localized", "Startup.localized",
               "Excel")
MAC_SANDBOX = ("Library", "Containers", "com.microsoft.Excel", "Data")
MAC_SCRIPTS = ("Library", "Application Scripts", "com.microsoft.Excel")


def sistem_dari(platform: str) -> str:
    """sys.platform -> 'windows' | 'macos' | 'lain'."""
    if platform.startswith("win"):
        return "windows"
    if platform == "darwin":
        return "macos"
    return "lain"


@dataclass(frozen=True)
class Lokasi:
    sistem: str               # "windows" | "macos"
    folder_addin: Path        # Excel's startup folder (XLSTART)
    conf: Path                # the add-in's xlwings config file (lkj.conf)
    kunci: str                # INTERPRETER_WIN | INTERPRETER_MAC
    catatan: Path             # install record
    folder_skrip: Path | None = None   # macOS: AppleScript folder for RunPython

    @property
    def addin(self) -> Path:
        return self.folder_addin / XLAM_NAME


def lokasi(sistem: str, home: Path, env: Mapping[str, str] | None = None) -> Lokasi:
    env = env or {}
    home = Path(home)
    if sistem == "windows":
        appdata = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
        profile = Path(env.get("USERPROFILE") or home)
        return Lokasi(sistem, appdata / "Microsoft" / "Excel" / "XLSTART",
                      profile / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf", "INTERPRETER_WIN",
                      profile / f".{PROJECT_NAME}" / RECORD)
    if sistem == "macos":
        return Lokasi(sistem, home.joinpath(*MAC_STARTUP), home.joinpath(*MAC_SANDBOX) / f"{PROJECT_NAME}.conf",
                      "INTERPRETER_MAC", home / f".{PROJECT_NAME}" / RECORD, home.joinpath(*MAC_SCRIPTS))
    raise LkjError("Add-in LKj hanya dapat dipasang pada Microsoft Excel untuk Windows atau macOS. "
                   "Komputer ini tidak memiliki Excel desktop; gunakan perintah lkj (validasi, hitung, laporan) "
                   "atau pasang add-in di komputer Windows yang memiliki Excel.")


def excel_terpasang(sistem: str, home: Path) -> bool:
    """Best-effort check that desktop Excel exists (Windows: registry; macOS: the app bundle)."""
    if sistem == "windows":
        try:
            import winreg
        except ImportError:
            return False
        try:
            winreg.CloseKey(winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Excel.Application"))
            return True
        except OSError:
            return False
    if sistem == "macos":
        return any(p.exists() for p in (Path("/Applications/Microsoft Excel.app"),
                                        Path(home) / "Applications" / "Microsoft Excel.app"))
    return False


# ------------------------------------------------------------------ xlwings config file (VBA Write # format)

def baca_conf(path: Path) -> list[tuple[str, str]]:
    """Entries of an xlwings .conf file: one `"KEY","value"` per line (VBA's Write # format)."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="cp1252", errors="replace").splitlines():
        line = line.strip()
        if not line:
            continue
        key, _, value = line.partition(",")
        out.append((key.strip().strip('"'), value.strip().strip('"')))
    return out


def tulis_conf(path: Path, entries: list[tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(f'"{k}","{v}"\r\n' for k, v in entries)
    path.write_bytes(text.encode("cp1252", errors="replace"))


def _set_key(entries: list[tuple[str, str]], key: str, value: str) -> list[tuple[str, str]]:
    rest = [(k, v) for k, v in entries if k.upper() != key.upper()]
    return rest + [(key, value)]


# ------------------------------------------------------------------ install / uninstall

def pasang(xlam: Path, *, sistem: str, home: Path, python: str, env: Mapping[str, str] | None = None,
           applescript: Path | None = None, cek_excel: bool = True) -> list[str]:
    """Install the add-in; returns what was done, one line each (Bahasa Indonesia)."""
    loc = lokasi(sistem, home, env)
    if cek_excel and not excel_terpasang(sistem, home):
        raise LkjError("Microsoft Excel tidak ditemukan di komputer ini. Pasang Microsoft Excel (desktop) dulu, "
                       "lalu jalankan lagi: lkj addin install")
    xlam = Path(xlam)
    if not xlam.is_file():
        raise LkjError(f"Berkas add-in '{xlam}' tidak ditemukan. Buat dulu dengan: lkj addin build")
    earlier = _baca_catatan(loc)          # a re-install keeps what the first install found
    record: dict = {"addin": str(loc.addin), "conf": str(loc.conf), "kunci": loc.kunci,
                    "skrip": earlier.get("skrip"), "conf_baru": earlier.get("conf_baru", not loc.conf.exists())}
    done = []
    loc.folder_addin.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(xlam, loc.addin)
    done.append(f"Add-in disalin ke {loc.addin}")
    tulis_conf(loc.conf, _set_key(baca_conf(loc.conf), loc.kunci, python))
    done.append(f"Python untuk add-in ({loc.kunci}): {python} (dicatat di {loc.conf})")
    if loc.folder_skrip is not None and applescript is not None:
        target = loc.folder_skrip / applescript.name
        if not target.exists():
            loc.folder_skrip.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(applescript, target)
            record["skrip"] = str(target)
            done.append(f"Skrip RunPython xlwings disalin ke {target}")
    loc.catatan.parent.mkdir(parents=True, exist_ok=True)
    loc.catatan.write_text(json.dumps(record, indent=2), encoding="utf-8")
    return done


def _baca_catatan(loc: Lokasi) -> dict:
    if not loc.catatan.exists():
        return {}
    try:
        return json.loads(loc.catatan.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def lepas(*, sistem: str, home: Path, env: Mapping[str, str] | None = None) -> list[str]:
    """Remove what `pasang` added; returns what was done (empty when nothing was installed)."""
    loc = lokasi(sistem, home, env)
    record = _baca_catatan(loc)
    done = []
    addin = Path(record.get("addin") or loc.addin)
    if addin.exists():
        try:
            addin.unlink()
        except PermissionError as exc:
            raise LkjError(f"Add-in {addin.name} sedang dipakai Excel. Tutup Excel, lalu jalankan lagi: "
                           "lkj addin uninstall") from exc
        done.append(f"Add-in dihapus dari {addin}")
    conf = Path(record.get("conf") or loc.conf)
    if conf.exists():
        key = record.get("kunci") or loc.kunci
        rest = [(k, v) for k, v in baca_conf(conf) if k.upper() != key.upper()]
        if rest or not record.get("conf_baru", True):
            tulis_conf(conf, rest)
            done.append(f"Pengaturan {key} dihapus dari {conf}")
        else:
            conf.unlink()
            done.append(f"Berkas pengaturan {conf} dihapus")
    if record.get("skrip") and Path(record["skrip"]).exists():
        Path(record["skrip"]).unlink()
        done.append(f"Skrip RunPython xlwings dihapus dari {record['skrip']}")
    if loc.catatan.exists():
        loc.catatan.unlink()
    for folder in {loc.catatan.parent, conf.parent}:
        if folder.name == f".{PROJECT_NAME}" and folder.exists() and not any(folder.iterdir()):
            folder.rmdir()
    return done
