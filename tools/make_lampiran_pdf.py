"""Write the sample announcements' PDF attachments (content/lampiran/*.pdf).

A small, valid PDF 1.4 of plain text pages, written by hand so that no PDF
library is needed: one Helvetica font, WinAnsi encoding, fixed dates in the
Info dictionary (the same bytes on every run). Run from the repository root:

    .venv/bin/python tools/make_lampiran_pdf.py
"""

from __future__ import annotations

import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "lampiran"

DOCUMENTS = {
    "hasil-seleksi-administrasi-pppk-2026.pdf": (
        "Lampiran Pengumuman Nomor 800.1.2.3/412/BKPSDM/2026",
        [
            "HASIL SELEKSI ADMINISTRASI PPPK TENAGA TEKNIS TAHUN 2026",
            "Pemerintah Kabupaten Lombok Tengah",
            "",
            "No  Nomor Peserta      Nama                      Jabatan                    Keterangan",
            *[f"{n:<3} 2026520{n:07d}  Peserta {n:<17} Pranata Komputer Ahli Pertama  Memenuhi Syarat"
              for n in range(1, 41)],
            "",
            "Peserta yang memenuhi syarat mengikuti seleksi kompetensi sesuai jadwal",
            "yang diumumkan kemudian. Masa sanggah 3 hari kerja sejak pengumuman.",
        ],
    ),
    "jadwal-layanan-mpp-desember-2026.pdf": (
        "Jadwal Penyesuaian Layanan MPP Desember 2026",
        [
            "JADWAL PENYESUAIAN LAYANAN MAL PELAYANAN PUBLIK",
            "Desember 2026",
            "",
            "Sabtu, 5 Desember 2026    08.00-12.00 WITA   enam gerai dibuka",
            "Sabtu, 12 Desember 2026   08.00-12.00 WITA   enam gerai dibuka",
            "Kamis, 24 Desember 2026   tutup (cuti bersama)",
            "Jumat, 25 Desember 2026   tutup (Hari Raya Natal)",
            "Kamis, 31 Desember 2026   08.00-12.00 WITA   layanan terbatas",
        ],
    ),
    "daftar-informasi-publik-2026.pdf": (
        "Daftar Informasi Publik Kabupaten Lombok Tengah 2026",
        [
            "DAFTAR INFORMASI PUBLIK (DIP) TAHUN 2026",
            "PPID Kabupaten Lombok Tengah",
            "",
            *[f"{n:>2}. Informasi berkala nomor {n}: laporan kinerja perangkat daerah {n}" for n in range(1, 61)],
        ],
    ),
}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    wrapped = [part for line in lines for part in (textwrap.wrap(line, 95) or [""])]
    pages = [wrapped[i:i + 50] for i in range(0, len(wrapped), 50)] or [[]]
    objects: list[bytes] = []
    font_id = 3
    page_ids = []
    contents = []
    for number, page in enumerate(pages):
        stream = ["BT", "/F1 9 Tf", "12 TL", "50 800 Td"]
        for line in page:
            stream.append(f"({_escape(line)}) Tj T*")
        stream.append("ET")
        data = "\n".join(stream).encode("cp1252", "replace")
        contents.append(data)
        page_ids.append(4 + number * 2)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for number, data in enumerate(contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 "
                       f"{font_id} 0 R >> >> /Contents {5 + number * 2} 0 R >>".encode())
        objects.append(f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")
    info_id = len(objects) + 1
    objects.append(f"<< /Title ({_escape(title)}) /Producer (tools/make_lampiran_pdf.py) "
                   "/CreationDate (D:20261101000000+08'00') >>".encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info_id} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (title, lines) in DOCUMENTS.items():
        (OUT / name).write_bytes(pdf_bytes(title, lines))
        print(f"{OUT / name} ({(OUT / name).stat().st_size} byte)")


if __name__ == "__main__":
    main()
