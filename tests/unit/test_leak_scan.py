"""The whole-site leak scan (tests/leak_scan.py) finds each kind of leak: a scan that cannot fail proves nothing."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.leak_scan import main, scan_site


def clean_site(root: Path) -> Path:
    output = root / "output"
    (output / "anh" / "ab").mkdir(parents=True)
    Image.new("RGB", (8, 8), "red").save(output / "anh" / "ab" / "hoi-nghi-abc123-640.jpg")
    (output / "index.html").write_text('<img src="anh/ab/hoi-nghi-abc123-640.jpg" alt="">', encoding="utf-8")
    return output


def test_a_clean_site_has_no_finding(tmp_path: Path) -> None:
    report = scan_site(clean_site(tmp_path), log="Done", secrets=["MẬT"], machine_paths=[tmp_path / "checkout"])
    assert report
    assert not any(report.values())


def test_each_kind_of_leak_is_found(tmp_path: Path) -> None:
    output = clean_site(tmp_path)
    exif = Image.Exif()
    exif[0x013B] = "Nguyễn Văn A"  # Artist
    Image.new("RGB", (8, 8)).save(output / "anh" / "ab" / "hoi-nghi-abc123-320.jpg", exif=exif)
    Image.new("RGB", (8, 8)).save(output / "anh" / "ab" / "ban-nhap-def456-640.webp")
    (output / "loi.html").write_text(f"<p>{tmp_path}/checkout/content/bai.md MẬT</p>", encoding="utf-8")
    report = scan_site(output, log="… MẬT …", secrets=["MẬT"], machine_paths=[tmp_path / "checkout"])
    assert report["secrets in output"]
    assert report["secrets in log"]
    assert report["photo metadata"] == ["anh/ab/hoi-nghi-abc123-320.jpg: EXIF"]
    assert "anh/ab/ban-nhap-def456-640.webp" in report["unreferenced photo variants"]
    assert report["machine paths"] == [f"loi.html: names {tmp_path}/checkout/"]


def test_the_command_exits_non_zero_on_a_finding(tmp_path: Path, capsys) -> None:
    output = clean_site(tmp_path)
    assert main([str(output)]) == 0
    (output / "x.txt").write_text(str(Path.home()) + "/.ssh/id_rsa", encoding="utf-8")
    assert main([str(output)]) == 1
    assert "machine paths: 1" in capsys.readouterr().out
