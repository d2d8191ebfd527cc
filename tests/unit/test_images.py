"""Unit tests for visiondesk.core.images: every image is generated with Pillow in tmp_path."""

from __future__ import annotations

import base64
import io
import struct
import subprocess
import sys
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from visiondesk.core import images
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.images import prepare_image
from visiondesk.core.inputs import PreparedImage, estimate_image_tokens

# ------------------------------------------------------------------------------------------
# Helpers


def photo(width: int, height: int) -> Image.Image:
    """A photo-like RGB image: colour gradients under sensor-like noise."""
    size = (width, height)
    grain = Image.effect_noise(size, 50)
    horizontal = Image.linear_gradient("L").rotate(90).resize(size)
    vertical = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", (
        Image.blend(horizontal, grain, 0.4),
        Image.blend(vertical, grain.transpose(Image.Transpose.ROTATE_180), 0.4),
        Image.blend(Image.blend(horizontal, vertical, 0.5), grain, 0.3),
    ))


def screenshot(width: int, height: int) -> Image.Image:
    """A screenshot-like image: flat background, a title bar, lines of anti-aliased text."""
    img = Image.new("RGB", (width, height), (250, 250, 250))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, width, 30), fill=(40, 90, 200))
    for y in range(40, height - 12, 16):
        draw.text((10, y), "Total 12.34 EUR  Invoice 2024-0042  VAT 19 %  " * 4, fill=(20, 20, 20))
    return img


def save(img: Image.Image, path: Path, fmt: str, **params: object) -> Path:
    img.save(path, fmt, **params)
    return path


MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}


def check(prepared: PreparedImage) -> Image.Image:
    """Assert the invariants every prepared image has; return it decoded."""
    assert prepared.data.startswith(MAGIC[prepared.mime])
    assert prepared.data_url.startswith(f"data:{prepared.mime};base64,")
    assert base64.b64decode(prepared.data_url.split(",", 1)[1]) == prepared.data
    decoded = Image.open(io.BytesIO(prepared.data))
    assert decoded.format == {"image/png": "PNG", "image/jpeg": "JPEG"}[prepared.mime]
    assert decoded.size == (prepared.width, prepared.height)
    decoded.load()
    return decoded


def near(actual: object, expected: tuple[int, ...], tolerance: int = 12) -> bool:
    assert isinstance(actual, tuple)
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def refused(source: str | Path | bytes, **kwargs: object) -> str:
    with pytest.raises(AnalysisError) as info:
        prepare_image(source, **kwargs)  # type: ignore[arg-type]
    assert info.value.kind is ErrorKind.IMAGE
    return info.value.message


# ------------------------------------------------------------------------------------------
# Formats


@pytest.mark.parametrize("fmt, suffix", [
    ("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp"), ("GIF", "gif"), ("BMP", "bmp"),
    ("TIFF", "tiff"),
])
def test_each_format_is_prepared(tmp_path: Path, fmt: str, suffix: str) -> None:
    path = save(screenshot(320, 200), tmp_path / f"shot.{suffix}", fmt)
    prepared = prepare_image(path)
    check(prepared)
    assert (prepared.width, prepared.height) == (320, 200)
    assert prepared.source == str(path)
    # Formats some servers refuse never go out as they came in.
    assert prepared.mime in ("image/png", "image/jpeg")


def test_heic_is_converted(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif", reason="pillow-heif is not installed")
    path = tmp_path / "phone.heic"
    try:
        pillow_heif.from_pillow(photo(400, 300)).save(path, quality=80)
    except Exception as exc:  # libheif built without an HEVC encoder
        pytest.skip(f"pillow-heif cannot encode HEIC here: {exc}")
    prepared = prepare_image(path)
    check(prepared)
    assert (prepared.width, prepared.height) == (400, 300)
    assert prepared.mime == "image/jpeg"
    assert images._heif_registered


def test_import_loads_neither_heif_nor_httpx() -> None:
    # Both are only needed for HEIC files and inline URLs; importing them costs start-up time.
    code = ("import sys, visiondesk.core.images; "
            "print('pillow_heif' in sys.modules, 'httpx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["False", "False"]


# ------------------------------------------------------------------------------------------
# Orientation and modes


@pytest.mark.parametrize("orientation, size, marker_at", [
    # Orientation 6: displayed = stored turned 90 degrees clockwise, so the stored top-left
    # corner ends up top-right and width/height swap.
    (6, (200, 300), (190, 10)),
    # 8: turned 90 degrees anticlockwise; stored top-left ends up bottom-left.
    (8, (200, 300), (10, 290)),
    # 3: upside down; top-left ends up bottom-right, no swap.
    (3, (300, 200), (290, 190)),
])
def test_exif_orientation_is_applied(tmp_path: Path, orientation: int, size: tuple[int, int],
                                     marker_at: tuple[int, int]) -> None:
    img = Image.new("RGB", (300, 200), "white")
    img.paste((255, 0, 0), (0, 0, 40, 40))
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = save(img, tmp_path / "turned.jpg", "JPEG", exif=exif, quality=95)
    prepared = prepare_image(path)
    decoded = check(prepared).convert("RGB")
    assert (prepared.width, prepared.height) == size
    assert (prepared.original_width, prepared.original_height) == size
    assert not prepared.passthrough
    assert near(decoded.getpixel(marker_at), (255, 0, 0), 40)
    # The output carries no orientation tag any more, so nobody turns it twice.
    assert decoded.getexif().get(0x0112, 1) == 1


@pytest.mark.parametrize("fmt", ["JPEG", "TIFF"])
def test_cmyk_becomes_rgb(tmp_path: Path, fmt: str) -> None:
    img = Image.new("CMYK", (64, 64), (0, 255, 255, 0))  # pure red in CMYK
    path = save(img, tmp_path / f"print.{fmt.lower()}", fmt)
    prepared = prepare_image(path)
    decoded = check(prepared)
    assert decoded.mode == "RGB"
    assert near(decoded.getpixel((32, 32)), (255, 0, 0), 16)


def test_16_bit_is_scaled_not_clipped(tmp_path: Path) -> None:
    # 40000 of 65535 is 61 % grey; clipping at 255 would make it white.
    path = save(Image.new("I;16", (64, 64), 40000), tmp_path / "scan16.png", "PNG")
    prepared = prepare_image(path)
    decoded = check(prepared)
    assert decoded.mode == "L"
    assert 150 <= decoded.getpixel((10, 10)) <= 160  # type: ignore[operator]


def palette_with_transparency() -> Image.Image:
    img = Image.new("P", (64, 64), 0)
    img.putpalette([255, 255, 255, 255, 0, 0] + [0] * (254 * 3))
    ImageDraw.Draw(img).rectangle((16, 16, 47, 47), fill=1)
    img.info["transparency"] = 0
    return img


def test_palette_gif_with_transparency_stays_transparent_png(tmp_path: Path) -> None:
    path = save(palette_with_transparency(), tmp_path / "logo.gif", "GIF", transparency=0)
    prepared = prepare_image(path)
    decoded = check(prepared)
    assert prepared.mime == "image/png"
    assert decoded.mode == "RGBA"
    assert decoded.getpixel((0, 0))[3] == 0  # type: ignore[index]
    assert decoded.getpixel((32, 32)) == (255, 0, 0, 255)


def test_palette_png_with_transparency_survives_downscaling(tmp_path: Path) -> None:
    path = save(palette_with_transparency(), tmp_path / "logo.png", "PNG", transparency=0)
    prepared = prepare_image(path, max_side=32)
    decoded = check(prepared)
    assert (prepared.width, prepared.height) == (32, 32)
    assert decoded.mode == "RGBA"
    assert decoded.getpixel((0, 0))[3] == 0  # type: ignore[index]
    assert near(decoded.getpixel((16, 16)), (255, 0, 0, 255), 8)


def test_transparent_photo_is_flattened_onto_white(tmp_path: Path) -> None:
    img = photo(400, 300).convert("RGBA")
    alpha = Image.new("L", img.size, 255)
    alpha.paste(0, (0, 0, 200, 300))
    img.putalpha(alpha)
    prepared = prepare_image(save(img, tmp_path / "cutout.png", "PNG"), max_side=200)
    decoded = check(prepared)
    assert prepared.mime == "image/jpeg"
    assert near(decoded.getpixel((25, 75)), (255, 255, 255), 6)


def test_animated_gif_sends_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (48, 48), colour) for colour in ("red", "lime", "blue")]
    path = tmp_path / "anim.gif"
    frames[0].save(path, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    decoded = check(prepare_image(path)).convert("RGB")
    assert near(decoded.getpixel((24, 24)), (255, 0, 0), 4)


# ------------------------------------------------------------------------------------------
# Size and format choice


def test_huge_dimensions_fit_max_side(tmp_path: Path) -> None:
    path = save(screenshot(4100, 500), tmp_path / "wide.png", "PNG")
    prepared = prepare_image(path, max_side=2048)
    check(prepared)
    assert (prepared.width, prepared.height) == (2048, 250)
    assert (prepared.original_width, prepared.original_height) == (4100, 500)


def test_large_jpeg_is_drafted_to_fit(tmp_path: Path) -> None:
    # 2400 -> 500 lets libjpeg decode at 1/4 scale (600 px) before the final resize.
    path = save(photo(2400, 1600), tmp_path / "camera.jpg", "JPEG", quality=90)
    prepared = prepare_image(path, max_side=500)
    check(prepared)
    assert (prepared.width, prepared.height) == (500, 333)
    assert prepared.mime == "image/jpeg"


@pytest.mark.parametrize("fmt, suffix", [("PNG", "png"), ("BMP", "bmp")])
def test_small_images_are_never_upscaled(tmp_path: Path, fmt: str, suffix: str) -> None:
    prepared = prepare_image(save(screenshot(120, 80), tmp_path / f"tiny.{suffix}", fmt))
    check(prepared)
    assert (prepared.width, prepared.height) == (120, 80)


def test_byte_budget_is_respected(tmp_path: Path) -> None:
    path = save(photo(1200, 900), tmp_path / "big.png", "PNG")
    prepared = prepare_image(path, max_bytes=80_000)
    check(prepared)
    assert len(prepared.data) <= 80_000
    assert prepared.mime == "image/jpeg"
    assert prepared.width < 1200
    assert prepared.width / prepared.height == pytest.approx(4 / 3, rel=0.01)


def test_text_png_over_budget_falls_back_to_jpeg(tmp_path: Path) -> None:
    # Mostly flat page (text-like) with a noisy figure that makes the PNG heavy.
    img = screenshot(900, 700)
    img.paste(photo(400, 300), (450, 350))
    path = save(img, tmp_path / "report.bmp", "BMP")
    as_png = prepare_image(path)
    assert as_png.mime == "image/png"
    budget = len(as_png.data) - 1
    prepared = prepare_image(path, max_bytes=budget)
    check(prepared)
    assert prepared.mime == "image/jpeg"
    assert len(prepared.data) <= budget


def test_impossible_budget_is_refused(tmp_path: Path) -> None:
    path = save(photo(400, 300), tmp_path / "photo.png", "PNG")
    message = refused(path, max_bytes=100)
    assert "photo.png" in message


@pytest.mark.parametrize("fmt, suffix", [("PNG", "png"), ("BMP", "bmp")])
def test_screenshot_stays_png(tmp_path: Path, fmt: str, suffix: str) -> None:
    # Wider than max_side so nothing is passed through.
    path = save(screenshot(1400, 600), tmp_path / f"screen.{suffix}", fmt)
    prepared = prepare_image(path, max_side=1200)
    check(prepared)
    assert prepared.mime == "image/png"
    assert not prepared.passthrough


def test_lossy_screenshot_never_becomes_png(tmp_path: Path) -> None:
    # Issue 13: a lossy source never becomes a lossless upload, however flat it looks.
    path = save(screenshot(1400, 600), tmp_path / "screen.jpg", "JPEG")
    prepared = prepare_image(path, max_side=1200)
    check(prepared)
    assert prepared.mime == "image/jpeg"


@pytest.mark.parametrize("fmt, suffix", [("PNG", "png"), ("BMP", "bmp"), ("WEBP", "webp")])
def test_photo_becomes_jpeg(tmp_path: Path, fmt: str, suffix: str) -> None:
    # max_side below the size so a PNG cannot take the pass-through path.
    path = save(photo(800, 600), tmp_path / f"photo.{suffix}", fmt)
    prepared = prepare_image(path, max_side=640)
    check(prepared)
    assert prepared.mime == "image/jpeg"


def test_grey_photo_becomes_jpeg(tmp_path: Path) -> None:
    # At most 256 grey levels must not be mistaken for "few colours, so a drawing".
    grey = photo(800, 600).convert("L")
    prepared = prepare_image(save(grey, tmp_path / "bw.png", "PNG"), max_side=640)
    check(prepared)
    assert prepared.mime == "image/jpeg"


def test_jpeg_within_limits_passes_through(tmp_path: Path) -> None:
    path = save(photo(640, 480), tmp_path / "ok.jpg", "JPEG", quality=85)
    prepared = prepare_image(path)
    assert prepared.passthrough
    assert prepared.data == path.read_bytes()
    check(prepared)


def test_gps_location_is_not_passed_through(tmp_path: Path) -> None:
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 31.0, 0.0)
    path = save(photo(640, 480), tmp_path / "holiday.jpg", "JPEG", exif=exif)
    prepared = prepare_image(path)
    assert not prepared.passthrough
    assert not check(prepared).getexif().get_ifd(0x8825)


# ------------------------------------------------------------------------------------------
# Broken input


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height; nothing is decoded before the check."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    assert refused(path) == "empty.png is empty (0 bytes)"


@pytest.mark.parametrize("fmt, name, keep", [
    ("JPEG", "scan.jpg", 0.5), ("PNG", "scan.png", 0.5), ("JPEG", "head.jpg", 0.002),
])
def test_truncated_file(tmp_path: Path, fmt: str, name: str, keep: float) -> None:
    buf = io.BytesIO()
    photo(600, 400).save(buf, fmt)
    data = buf.getvalue()
    path = tmp_path / name
    path.write_bytes(data[: max(12, int(len(data) * keep))])
    assert refused(path) == f"{name} is truncated or damaged"


def test_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "receipt.png"
    path.write_text("Total: 12.34 EUR\n")
    assert refused(path) == "receipt.png is not an image file VisionDesk can read"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "photos.jpg"
    folder.mkdir()
    assert refused(folder) == "photos.jpg is a folder, not an image file"


def test_missing_file(tmp_path: Path) -> None:
    message = refused(tmp_path / "missing.png")
    assert message.startswith("missing.png does not exist")


def test_decompression_bomb_at_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    path.write_bytes(png_claiming(20_000, 20_000))
    assert refused(path) == "huge.png is 400 megapixels, more than the 200 MP limit"


@pytest.mark.parametrize("size", [
    (150, 100),  # 1.5x the limit: Pillow only warns here; the warning must become an error
    (300, 300),  # 9x the limit: Pillow raises DecompressionBombError itself
])
def test_decompression_bomb_with_lowered_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               size: tuple[int, int]) -> None:
    monkeypatch.setattr(images, "MAX_PIXELS", 10_000)
    path = save(Image.new("RGB", size, "white"), tmp_path / "bomb.png", "PNG")
    filters_before = list(warnings.filters)
    pillow_limit_before = Image.MAX_IMAGE_PIXELS
    message = refused(path)
    pixels = size[0] * size[1] / 1e6
    assert message == f"bomb.png is {pixels:.3g} megapixels, more than the 0.01 MP limit"
    # Nothing process-wide was left changed.
    assert warnings.filters == filters_before
    assert pillow_limit_before == Image.MAX_IMAGE_PIXELS


def test_images_between_pillow_and_our_limit_are_accepted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # With Pillow's own limit lowered below the image, our guard still lets it through.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)
    buf = io.BytesIO()
    Image.new("RGB", (100, 100), "white").save(buf, "BMP")
    prepared = prepare_image(buf.getvalue(), name="medium.bmp")
    assert (prepared.width, prepared.height) == (100, 100)


def test_concurrent_preparation_leaves_warning_filters_alone(tmp_path: Path) -> None:
    # Worker threads prepare images in parallel; the guard must not leak filter changes.
    from concurrent.futures import ThreadPoolExecutor

    paths = [save(screenshot(200, 150), tmp_path / f"s{i}.bmp", "BMP") for i in range(16)]
    filters_before = list(warnings.filters)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(prepare_image, paths))
    assert all((r.width, r.height) == (200, 150) for r in results)
    assert warnings.filters == filters_before


# ------------------------------------------------------------------------------------------
# Bytes input


def test_bytes_input_uses_name() -> None:
    buf = io.BytesIO()
    screenshot(300, 200).save(buf, "BMP")
    prepared = prepare_image(buf.getvalue(), name="clipboard.bmp")
    check(prepared)
    assert prepared.source == "clipboard.bmp"
    assert prepared.mime == "image/png"


def test_broken_bytes_name_the_source() -> None:
    assert refused(b"not an image", name="paste.png") == \
        "paste.png is not an image file VisionDesk can read"
    assert refused(b"") == "pasted image is empty (0 bytes)"


# ------------------------------------------------------------------------------------------
# Token estimates


def test_token_estimates() -> None:
    # 1024x1024 fits 2048; shortest side 1024 -> 768: 768x768 = 2x2 tiles -> 85 + 4*170.
    assert estimate_image_tokens(1024, 1024, "high") == 765
    assert estimate_image_tokens(1024, 1024, "auto") == 765
    assert estimate_image_tokens(1024, 1024, "low") == 85
    assert estimate_image_tokens(6000, 4000, "low") == 85
    # 2048x4096 -> fit 2048x2048: 1024x2048 -> shortest side 768: 768x1536
    # -> ceil(768/512)=2 by ceil(1536/512)=3 = 6 tiles -> 85 + 6*170 = 1105.
    assert estimate_image_tokens(2048, 4096, "high") == 1105
    # Small images are never scaled up: 512x512 is one tile.
    assert estimate_image_tokens(512, 512) == 255
    with pytest.raises(ValueError):
        estimate_image_tokens(100, 100, "medium")


def test_prepared_image_estimates_its_tokens(tmp_path: Path) -> None:
    prepared = prepare_image(save(screenshot(1024, 1024), tmp_path / "square.bmp", "BMP"))
    assert prepared.estimated_tokens("high") == 765
    assert prepared.estimated_tokens("low") == 85
    assert prepared.estimated_tokens() == 765
