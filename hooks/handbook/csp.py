"""The Content-Security-Policy every page carries in a <meta>: the second wall behind the curriculum check.

Pages load scripts, styles, images and fonts from the site itself only, and run only the inline
scripts the theme writes, allowed by their SHA-256 hashes. The hashes are computed from the theme's
own script partials rendered for the page's folder depth (`base_url`), never from a page's output,
so nothing curriculum text produced can be allowed to run. The project writes no inline script:
its scripts are files (`<script src>`), and its JSON blocks (`type="application/json"`) never run.
Styles come from the site's stylesheets, and from one <style> element a printable page carries (its @page rule,
which the renderer writes): allowed by its hash, made from what the renderer wrote, never from the page. No style
attribute is written (tables align their columns with classes, render/sanitize.py), so none is allowed. Material
needs no 'unsafe-inline' either: with `theme.font` off it writes no <style>, and its scripts style elements through
the CSSOM (element.style), which a policy does not govern; `unallowed_styles` keeps this true for every built page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any, Iterable

from . import search_worker

# The theme's partials that write inline scripts (Material for MkDocs 9.x: partials/javascripts/)
THEME_SCRIPTS = ("partials/javascripts/base.html", "partials/javascripts/content.html",
                 "partials/javascripts/palette.html")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_STYLE = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
# a style attribute in markup (not text that mentions one: inside a tag, after a space)
_STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^<>]*?\sstyle\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")  # any other type never runs
# Material's search worker, as its base.html names it for the page's config
_SEARCH_WORKER = re.compile(r'"search":\s*"(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"\s*\|\s*url')
# iframe-worker (search from file://) writes an inline script into its frame, which inherits the page's policy:
# its text is the shim's template with two of the shim's functions and the worker's URL filled in
_SHIM_TEMPLATE = re.compile(r"document\.write\(`<html><body><script>(.*?)<\\/script>")


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(env: Any, context: dict[str, Any], shim: str) -> list[str]:
    """The bodies of the inline scripts the theme writes for a page (`env`: the theme's Jinja environment),
    and the one the iframe-worker `shim` (its source) writes for the page's search worker (search_worker.py)."""
    features = context["config"].theme.get("features") or []
    bodies = []
    for name in THEME_SCRIPTS:
        rendered = env.get_template(name).render({**context, "features": features})
        bodies += _INLINE_SCRIPT.findall(rendered)
    worker = _SEARCH_WORKER.search(env.loader.get_source(env, "base.html")[0])
    if worker:
        url = env.from_string("{{ worker | url }}").render({**context, "worker": worker.group(1)})
        bodies.append(iframe_worker_script(shim, search_worker.on_demand(url)))
    return bodies


def iframe_worker_script(shim: str, worker_url: str) -> str:
    """The script iframe-worker writes into the frame that runs `worker_url`."""
    template = _SHIM_TEMPLATE.search(shim)
    if template is None:
        raise ValueError("iframe-worker's shim no longer writes its frame's script as this module expects")
    return re.sub(r"\$\{(\w+)\}", lambda m: worker_url if m.group(1) == _url_name(shim) else _function(shim, m.group(1)),
                  template.group(1))


def _url_name(shim: str) -> str:
    """The shim's name for the worker's URL: the placeholder inside `filename:"${...}"`."""
    return re.search(r'filename:"\$\{(\w+)\}"', shim).group(1)


def _function(source: str, name: str) -> str:
    """The source text of `function name(...) {...}`, as the browser's Function.prototype.toString gives it."""
    start = source.index(f"function {name}(")
    depth = 0
    for end in range(source.index("{", start), len(source)):
        depth += {"{": 1, "}": -1}.get(source[end], 0)
        if depth == 0:
            return source[start:end + 1]
    raise ValueError(f"function {name} has no end")


def policy(scripts: Iterable[str], preview: bool = False, styles: Iterable[str] = ()) -> str:
    """The policy for a page whose theme writes these inline scripts and whose renderer these <style> elements.
    A `preview` (mkdocs serve, on the author's own machine) allows every inline script: live reload writes one
    that no hash can name in advance."""
    hashes = " ".join(sorted({script_hash(s) for s in scripts}))
    style_hashes = " ".join(sorted({script_hash(s) for s in styles}))
    directives = {
        "default-src": "'self'",
        "script-src": "'self' 'unsafe-inline'" if preview else f"'self' {hashes}".strip(),
        "style-src": f"'self' {style_hashes}".strip(),
        "img-src": "'self' data: blob:",
        "font-src": "'self'",
        "media-src": "'self'",  # a session's video and its captions, published with the site
        "connect-src": "'self'",
        "worker-src": "'self' blob:",
        "frame-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def unallowed(html: str) -> list[str]:
    """The start of each inline script in a built page that its own policy does not allow to run.

    Nothing should be listed: an entry is either a theme script missing from THEME_SCRIPTS (the page would
    break) or markup that got into the page around the sanitizer (it will not run, but the build says so)."""
    allowed = _allowed(html, "script-src")
    if allowed is None:
        return ["(the page has no Content-Security-Policy)"]
    if "'unsafe-inline'" in allowed:
        return []
    return [body.strip()[:60] for attributes, body in _SCRIPT.findall(html)
            if _runs_inline(attributes or "") and script_hash(body) not in allowed]


def unallowed_styles(html: str) -> list[str]:
    """The start of each <style> element and style attribute in a built page that its own policy does not allow
    (a page without a policy is listed by unallowed()). Nothing should be listed: an entry is a style the theme or a
    template writes that the page cannot apply, or markup that got into the page around the sanitizer."""
    allowed = _allowed(html, "style-src")
    if allowed is None or "'unsafe-inline'" in allowed:
        return []
    elements = [f"<style>{body.strip()[:60]}" for body in _STYLE.findall(html) if script_hash(body) not in allowed]
    return elements + [f"style={value[:60]}" for value in _STYLE_ATTRIBUTE.findall(html)]


def _allowed(html: str, directive: str) -> str | None:
    """What a built page's own policy allows for one directive ("" if it does not name it; None: no policy)."""
    found = _POLICY.search(html)
    if found is None:
        return None
    directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in found.group(1).split(";"))
    return directives.get(directive, "")


def _runs_inline(attributes: str) -> bool:
    kind = _TYPE.search(attributes)
    return not re.search(r"\bsrc\s*=", attributes, re.IGNORECASE) and \
        (kind is None or kind.group(1).lower() in _SCRIPT_TYPES)
