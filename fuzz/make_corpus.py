#!/usr/bin/python3
"""Writes the seed corpora under fuzz/corpus/<target>/ (see fuzz/README.md).

Deterministic: crops of samples/dossiers pages encoded in every layout intake handles, a small
hand-written PDF, sample records, and damaged variants of each (truncated, bytes flipped).
Signed PDFs (signed-*.pdf in fuzz_verify_pdf/) are committed files made once with SignPdf and
the TEST PKI; this script derives the damaged signed variants from them when they are present.
Files named crash-* are inputs that once crashed a target; the script never touches them.

Run with Debian's python3 (needs python3-pil):  /usr/bin/python3 fuzz/make_corpus.py
"""
import io
import json
import pathlib
import random
import time

from PIL import Image

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
CORPUS = FUZZ / "corpus"
SAMPLE_PAGE = ROOT / "samples/dossiers/01-giay-khai-sinh-clean/page-001.jpg"
RNG = random.Random(20261122)


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    (folder / name).write_bytes(data)


def encode(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def flip_bytes(data, count, start=0):
    """Overwrites `count` random bytes after `start` (headers stay readable, content breaks)."""
    data = bytearray(data)
    for _ in range(count):
        at = RNG.randrange(start, len(data))
        data[at] = RNG.randrange(256)
    return bytes(data)


def minimal_pdf(text="Giay khai sinh TEST", media_box="0 0 595 842", at="72 720"):
    """A one-page text PDF with a correct classic xref table, as in tests/signing."""
    content = f"BT /F1 24 Tf {at} Td ({text}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [{media_box}] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Title (sohoa TEST) /Producer (sohoa fuzz/make_corpus.py) >>",
    ]
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f\r\n".encode()
    for offset in offsets:
        pdf += f"{offset:010d} 00000 n\r\n".encode()
    pdf += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return pdf


def image_seeds():
    target = "fuzz_image_intake"
    page = Image.open(SAMPLE_PAGE)
    page.load()
    # A 64 x 64 piece with text on it (the header of the form), the smallest page intake reads.
    crop = page.convert("RGB").crop((300, 300, 364, 364))
    grey = crop.convert("L")
    bilevel = grey.point(lambda v: 255 if v > 160 else 0).convert("1")
    dpi = {"dpi": (300, 300)}
    # Fixed dates, so that the PDFs come out byte for byte the same on every run.
    when = time.gmtime(1795314600)  # 2026-11-22 02:30 UTC
    pdf_dates = {"creationDate": when, "modDate": when}

    seeds = {
        "grey.png": encode(grey, "PNG", **dpi),
        "rgb.png": encode(crop, "PNG", **dpi),
        "palette.png": encode(crop.quantize(16), "PNG"),
        "bilevel.png": encode(bilevel, "PNG", **dpi),
        "rgba.png": encode(crop.convert("RGBA"), "PNG"),
        "grey16.png": encode(grey.convert("I;16"), "PNG"),
        "grey.jpg": encode(grey, "JPEG", quality=60, **dpi),
        "rgb.jpg": encode(crop, "JPEG", quality=60, **dpi),
        "progressive.jpg": encode(crop, "JPEG", quality=60, progressive=True),
        "grey-lzw.tif": encode(grey, "TIFF", compression="tiff_lzw", **dpi),
        "rgb-packbits.tif": encode(crop, "TIFF", compression="packbits", **dpi),
        "bilevel-g4.tif": encode(bilevel, "TIFF", compression="group4", **dpi),
        "rgb-jpeg.tif": encode(crop, "TIFF", compression="jpeg", **dpi),
        "two-pages.tif": encode(grey, "TIFF", save_all=True, append_images=[crop],
                                compression="tiff_lzw"),
        "image-only.pdf": encode(crop, "PDF", resolution=150.0, **pdf_dates),
        "two-pages.pdf": encode(grey, "PDF", resolution=150.0, save_all=True,
                                append_images=[bilevel], **pdf_dates),
        # A small page: intake rasterizes a PDF without images at 300 dpi, and an A4 page takes
        # long enough to slow the fuzzer down.
        "text-only.pdf": minimal_pdf(media_box="0 0 144 72", at="8 30"),
    }
    for name, data in seeds.items():
        write(target, name, data)
    # Damaged variants: what a failing scanner, a cut-off copy or a bad disk produce.
    for name in ["rgb.png", "rgb.jpg", "grey-lzw.tif", "two-pages.tif", "image-only.pdf"]:
        data = seeds[name]
        stem, ext = name.rsplit(".", 1)
        write(target, f"{stem}-truncated.{ext}", data[: len(data) // 2])
        write(target, f"{stem}-flipped.{ext}", flip_bytes(data, 8, start=16))
    write(target, "header-only.png", seeds["rgb.png"][:33])
    write(target, "header-only.jpg", seeds["rgb.jpg"][:20])
    write(target, "not-an-image.txt", "Giấy khai sinh — not an image\n")
    write(target, "gif.gif", encode(grey, "GIF"))


def record_json(**overrides):
    record = {
        "schema": "sohoa.record/1",
        "document_id": "01-giay-khai-sinh-clean-001",
        "dossier": "01-giay-khai-sinh-clean",
        "source": ["page-001.jpg"],
        "sha256": "",
        "doc_type": "giay_khai_sinh",
        "fields": {"ho_ten": "Nguyễn Văn An", "ngay_sinh": "2009-02-06",
                   "so_dinh_danh": "026209123456", "so": "2818/QĐ-UBND"},
        "field_confidence": {"ho_ten": 0.97, "ngay_sinh": 0.9},
        "needs_review": ["noi_sinh"],
        "pages": [{"number": 1, "source": "page-001.jpg", "source_page": 1,
                   "width_px": 2480, "height_px": 3508, "dpi": 300.0, "rotation": 0,
                   "skew_deg": -1.2, "mean_confidence": 0.93, "warnings": [],
                   "text": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nGIẤY KHAI SINH\n"
                           "Họ, chữ đệm, tên: Nguyễn Văn An"}],
        "digitized_by": "UBND xã TEST Hòa Bình",
        "digitized_at": "2026-11-22T09:30:00+07:00",
        "signed_by": "CN=UBND xã TEST Hòa Bình",
    }
    record.update(overrides)
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def record_seeds():
    target = "fuzz_record_json"
    write(target, "full.json", record_json())
    write(target, "minimal.json", '{"schema":"sohoa.record/1"}')
    write(target, "two-pages.json", record_json(pages=[
        {"number": 1, "source": "scan.tif", "source_page": 1, "text": "trang 1",
         "warnings": ["page is blank"]},
        {"number": 2, "source": "scan.tif", "source_page": 2, "rotation": 90,
         "text": "trang 2"}]))
    write(target, "wrong-schema.json", record_json(schema="sohoa.record/2"))
    write(target, "wrong-type-fields.json", record_json(fields=["ho_ten"]))
    write(target, "wrong-type-page.json", record_json(pages=[{"number": "1"}]))
    write(target, "ascii-escapes.json",
          json.dumps(json.loads(record_json()), ensure_ascii=True))
    write(target, "big-numbers.json", record_json(pages=[
        {"number": 2147483647, "width_px": -1, "dpi": 1e300, "skew_deg": -0.0,
         "mean_confidence": 1.0000001}]))
    write(target, "truncated.json", record_json()[:200])
    write(target, "not-json.txt", "schema: sohoa.record/1\n")
    write(target, "array.json", "[1, 2, 3]")


def store_seeds(signed_pdf):
    target = "fuzz_store_put"
    unsigned = minimal_pdf()
    write(target, "unsigned-with-record.bin", unsigned + b"\0" + record_json().encode())
    write(target, "no-document-id.bin", unsigned + b"\0" + b'{"schema":"sohoa.record/1"}')
    write(target, "sha-mismatch.bin",
          unsigned + b"\0" + record_json(document_id="x", sha256="00" * 32).encode())
    write(target, "record-not-json.bin", unsigned + b"\0" + b"{not json")
    write(target, "not-a-pdf.bin", b"GIF89a\0" + record_json().encode())
    write(target, "query-only.txt", "nguyen van an 026209123456")
    write(target, "query-syntax.txt", '"Nguyễn" AND (an* OR -khai) NEAR/2 sinh')
    if signed_pdf is not None:
        write(target, "signed-with-record.bin",
              signed_pdf + b"\0" + record_json(document_id="signed-001").encode())


def verify_seeds():
    target = "fuzz_verify_pdf"
    folder = CORPUS / target
    write(target, "unsigned.pdf", minimal_pdf())
    write(target, "not-a-pdf.txt", "%PDF-1.7 and nothing else")
    signed = folder / "signed-rsa.pdf"
    if not signed.exists():
        return None
    data = signed.read_bytes()
    # A content byte changed after signing: the digest no longer matches.
    tampered = data.replace(b"Giay khai sinh TEST", b"Giay khai sinh FAKE", 1)
    write(target, "tampered-content.pdf", tampered)
    # An incremental update after the signature (a new /Info): valid, not the last revision.
    xref_at = data.rindex(b"startxref")
    previous = data[xref_at:].split()[1].decode()
    info = len(data)
    update = b"99 0 obj\n<< /Title (changed after signing) >>\nendobj\n"
    xref = info + len(update)
    update += (f"xref\n99 1\n{info:010d} 00000 n\r\n"
               f"trailer\n<< /Size 100 /Root 1 0 R /Info 99 0 R /Prev {previous} >>\n"
               f"startxref\n{xref}\n%%EOF\n").encode()
    write(target, "signed-then-appended.pdf", data + update)
    write(target, "signed-truncated.pdf", data[: len(data) * 3 // 4])
    # Damage inside the CMS blob (the /Contents hex string).
    contents = data.index(b"/Contents <") + len(b"/Contents <")
    cms = bytearray(data)
    for offset in (40, 400, 1200):
        cms[contents + offset] = ord("0") if cms[contents + offset] != ord("0") else ord("f")
    write(target, "signed-cms-damaged.pdf", bytes(cms))
    return data


def identifier_seeds():
    target = "fuzz_identifiers"
    write(target, "date-numeric.txt", "Sinh ngày: 14/05/2018")
    write(target, "date-line-digits.txt", "Nghệ An, ngày 09 tháng 6 năm 2020")
    write(target, "card-front-back.txt",
          "CĂN CƯỚC CÔNG DÂN\nSố / No.: 048071876739\nHọ và tên / Full name:\nNGUYỄN HỮU VINH\n"
          "Ngày sinh / Date of birth: 11/06/1971\nGiới tính / Sex: Nam\n"
          "Nơi thường trú / Place of residence: Thôn Trung, phường\nThạch Thang, quận Hải Châu,"
          " thành phố Đà Nẵng\nCó giá trị đến / Date of expiry: 11/06/2031\n"
          "Ngày, tháng, năm cấp / Date of issue: 11/12/2021\n"
          "IDVNM0718767392048071876739<<<\n7106118M3106110VNM<<<<<<<<<<<8\n"
          "NGUYEN<<HUU<VINH<<<<<<<<<<<<<<\n")
    write(target, "dossier-pages.txt",
          "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nGIẤY KHAI SINH\n\f"
          "CONG HOA XA HOI CHU NGHIA VIET NAM\nCĂN CƯỚC\n\fĐiều 1. Nội dung\n")
    write(target, "date-line-words.txt",
          "Ngày mười bốn tháng năm năm hai nghìn không trăm mười tám")
    write(target, "number-words.txt", "một nghìn chín trăm chín mươi chín")
    write(target, "id-ocr-confusions.txt", "O343l8399G79")
    write(target, "id-spaced.txt", "034 318 399 679")
    write(target, "td1-icao-specimen.txt", "I<UTOD231458907<<<<<<<<<<<<<<<\n"
          "7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<")
    write(target, "td1-short-lines.txt", "IDVNM\n740812\nNGUYEN")
    write(target, "not-text.bin", bytes(range(256)))
    write(target, "birth-certificate.txt",
          "GIẤY KHAI SINH\nSố: 53 Quyển số: 02/2018\nHọ, chữ đệm, tên: TRẦN THANH LAN\n"
          "Ngày, tháng, năm sinh: 14/05/2018\nGiới tính: Nữ Dân tộc: Kinh Quốc tịch: Việt Nam\n"
          "Số định danh cá nhân: 034318399679\nNơi đăng ký khai sinh: Ủy ban nhân dân xã "
          "Bình Nguyên, huyện Kiến Xương, tỉnh\nThái Bình\nNgày, tháng, năm đăng ký: 21/05/2018\n")
    write(target, "marriage-extract.txt",
          "TRÍCH LỤC KẾT HÔN\nThông tin về bên chồng\nHọ, chữ đệm, tên: NGUYỄN HỮU QUÂN\n"
          "Giấy tờ tùy thân: Căn cước công dân số 014083316266\nThông tin về bên vợ\n"
          "Họ, chữ đệm, tên: LÊ NGỌC ANH\n")


def main():
    image_seeds()
    identifier_seeds()
    record_seeds()
    store_seeds(verify_seeds())


if __name__ == "__main__":
    main()
