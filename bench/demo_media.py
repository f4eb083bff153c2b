"""Make the demo content's binary files: the documents' PDFs and the photo story's photos.

The real documents and photos are not in the repository; these stand-ins are
generated so the demo shows every part of the "Văn bản" section and the
lightbox. The PDFs deliberately carry an Author/Producer/Creator, as a Word or
scanner export would, so the documents plugin has personal metadata to strip.

    .venv/bin/python bench/demo_media.py        # (re)writes the files under content/
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from standin_photos import make_photo

CONTENT = Path(__file__).resolve().parents[1] / "content"
FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
# (folder under content/van-ban, file name, lines printed on the page)
DOCUMENTS = [
    (
        "2024/nghi-quyet-15-nq-duk-cong-tac-xay-dung-dang-nam-2024",
        "15-NQ-DUK.pdf",
        [
            "ĐẢNG BỘ TỈNH LẠNG SƠN",
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            "Số 15-NQ/ĐUK",
            "NGHỊ QUYẾT",
            "về nhiệm vụ công tác xây dựng Đảng năm 2024",
            "(văn bản mẫu minh họa)",
        ],
    ),
    (
        "2024/chi-thi-05-ct-duk-tang-cuong-cong-tac-dan-van",
        "05-CT-DUK.pdf",
        [
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            "Số 05-CT/ĐUK",
            "CHỈ THỊ",
            "về tăng cường công tác dân vận trong các cơ quan tỉnh",
            "(văn bản mẫu minh họa)",
        ],
    ),
    (
        "2024/ke-hoach-32-kh-duk-hoc-tap-quan-triet-nghi-quyet",
        "32-KH-DUK.pdf",
        [
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            "Số 32-KH/ĐUK",
            "KẾ HOẠCH",
            "học tập, quán triệt nghị quyết Hội nghị Trung ương",
            "(văn bản mẫu minh họa)",
        ],
    ),
    (
        "2023/thong-bao-112-tb-duk-lich-sinh-hoat-chi-bo",
        "112-TB-DUK.pdf",
        [
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            "Số 112-TB/ĐUK",
            "THÔNG BÁO",
            "về nội dung sinh hoạt chi bộ định kỳ",
            "(văn bản mẫu minh họa)",
        ],
    ),
    (
        "2023/huong-dan-08-hd-duk-danh-gia-xep-loai-chat-luong",
        "08-HD-DUK.pdf",
        [
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            "Số 08-HD/ĐUK",
            "HƯỚNG DẪN",
            "kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên",
            "(văn bản mẫu minh họa)",
        ],
    ),
    (
        "2021/bao-cao-45-bc-duk-tong-ket-du-luan-xa-hoi-nam-2020",
        "45-BC-DUK.pdf",
        [
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            "Số 45-BC/ĐUK",
            "BÁO CÁO",
            "tổng kết công tác dư luận xã hội năm 2020",
            "(văn bản mẫu minh họa)",
        ],
    ),
]
STORY = "articles/2024/phong-su-anh-sac-mau-hoi-xuan-xu-lang"
STORY_PHOTOS = ["chua-tam-thanh", "cho-dong-kinh", "thanh-nien-tinh-nguyen", "le-hoi-long-tong", "mai-vang"]


def write_pdf(path: Path, lines: list[str]) -> None:
    """An A4 page (96 dpi, greyscale) with the document's heading, saved as a scanner would."""
    page = Image.new("L", (794, 1123), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 26)
    for number, line in enumerate(lines):
        width = draw.textlength(line, font=font)
        draw.text(((794 - width) / 2, 90 + number * 52), line, fill=0, font=font)
    page.save(path, "PDF", resolution=96, author="Văn thư Đảng ủy Khối", producer="Scanner X", creator="Scan")


def main() -> None:
    for folder, name, lines in DOCUMENTS:
        target = CONTENT / "van-ban" / folder
        target.mkdir(parents=True, exist_ok=True)
        write_pdf(target / name, lines)
    story = CONTENT / STORY
    story.mkdir(parents=True, exist_ok=True)
    for seed, name in enumerate(STORY_PHOTOS, start=11):
        make_photo(
            story / f"{name}.jpg", (1600, 1067), name.replace("-", " ").upper(), seed=seed, when="2024:02:18 09:00:00"
        )


if __name__ == "__main__":
    main()
