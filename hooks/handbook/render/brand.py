"""The organization's colours as a stylesheet of Material's CSS variables.

Material's palettes are named colours; an organization's "#RRGGBB" colours are set through
the variables Material documents for custom colours. Text colours are derived so that the
header and links keep WCAG AA contrast whatever colours an organization picks.
"""

from __future__ import annotations

from ..model import Organization

WHITE = "#ffffff"
DARK_TEXT = "#000000de"  # Material's own dark text colour
AA_TEXT = 4.5  # WCAG 2.1 AA contrast for normal text
STYLESHEET_URI = "assets/stylesheets/brand.css"


def logo_uri(suffix: str) -> str:
    """Where the site serves the organization's logo (and favicon), by the image's file type."""
    return f"assets/images/logo{suffix}"


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0, min(255, c))):02x}" for c in rgb)


def luminance(color: str) -> float:
    """WCAG relative luminance of "#RRGGBB"."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a[:7]), luminance(b[:7])), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(color: str, other: str, amount: float) -> str:
    """`color` moved `amount` (0..1) of the way towards `other`."""
    return _hex(tuple(c + (o - c) * amount for c, o in zip(_rgb(color), _rgb(other))))


def readable_on_white(color: str) -> str:
    """The colour itself if text in it is readable on white, else the nearest darker shade that is."""
    steps = 0
    shade = color
    while contrast(shade, WHITE) < AA_TEXT:
        steps += 1
        shade = mix(color, "#000000", steps / 20)
    return shade


def text_on(background: str) -> tuple[str, str]:
    """Text colour, and its lighter variant, for text on `background` (the header)."""
    if contrast(WHITE, background) >= contrast("#000000", background):
        return WHITE, "#ffffffb3"
    return DARK_TEXT, "#0000008a"


def stylesheet(organization: Organization) -> str | None:
    """CSS for the organization's colours, or None when it keeps Material's default palette."""
    primary, accent = organization.primary_color, organization.accent_color
    if not primary and not accent:
        return None
    lines = []
    if primary:
        text, text_light = text_on(primary)
        lines += [
            f"--md-primary-fg-color: {primary};",
            f"--md-primary-fg-color--light: {mix(primary, WHITE, 0.2)};",
            f"--md-primary-fg-color--dark: {mix(primary, '#000000', 0.2)};",
            f"--md-primary-bg-color: {text};",
            f"--md-primary-bg-color--light: {text_light};",
            f"--md-typeset-a-color: {readable_on_white(primary)};",
        ]
    if accent:
        shade = readable_on_white(accent)
        text, text_light = text_on(shade)
        lines += [
            f"--md-accent-fg-color: {shade};",
            f"--md-accent-fg-color--transparent: {shade}1a;",
            f"--md-accent-bg-color: {text};",
            f"--md-accent-bg-color--light: {text_light};",
        ]
    body = "\n".join(f"  {line}" for line in lines)
    # ":root > *" is the selector Material documents for custom colours (it beats the palette's)
    return f"/* The organization's colours, from program.yml. Generated: do not edit. */\n:root > * {{\n{body}\n}}\n"
