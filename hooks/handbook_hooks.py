"""MkDocs glue: load the curriculum, add the generated pages and their nav, and the PDFs of the
printable pages. No logic of its own.

Nothing here outlives a build: `mkdocs serve` keeps this module loaded across rebuilds,
so each build's handbook travels on that build's config object.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

import handbook  # imported at the top: MkDocs puts hooks/ on sys.path only while loading this file
from handbook import browser_assets, locale, render, settings
from handbook.curriculum import rules
from handbook.publish import document, pdf

log = get_plugin_logger("handbook")
HANDBOOK = "handbook"  # the key under config.extra that holds this build's Handbook
PAGES = "handbook_pages"  # ... and its rendered pages
WORDS = "handbook_words"  # ... and its page words, for the theme's own pages (overrides/404.html)
BRAND_FILES = "handbook_brand_files"  # ... and the generated stylesheet and logo: site uri → content or source path
PRINTABLE = "handbook_printable"  # ... and the source uris of its printable pages, which get a PDF
PDFS = "handbook_pdfs"  # ... and the PDFs made of them: site uri → pdf.Made
PDF_STYLES = "handbook_pdf_styles"  # ... and the stylesheets a PDF is made with
MATERIAL_CSS = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")  # Material's own typography


# Load and validate the curriculum; a broken curriculum stops the build before anything is written.
# Runs before the plugins' on_config, so the search plugin sees the program's language.
@event_priority(100)
def on_config(config):
    project = Path(config.config_file_path).parent
    folder = settings.curriculum_folder(project)
    try:
        book, warnings = handbook.load_handbook(folder, settings.today())
    except handbook.CurriculumError as error:
        raise PluginError(error.report()) from None
    for warning in warnings:
        log.warning(warning)
    config.watch.append(str(folder))
    config.extra[HANDBOOK] = book
    config.extra["polyfills"] = [_local_shim()]
    config.mdx_configs["abbr"] = {"glossary": render.glossary(book.definitions)}  # a tooltip on every term, every page
    config.markdown_extensions.append(render.particles.ParticlesExtension())  # Korean terms get tooltips too
    _brand(config, book, folder)
    config.extra[PAGES] = render.render_pages(book)
    words = locale.words(book.program.language, book.labels)
    config.extra[WORDS] = words
    config.nav = render.navigation(config.extra[PAGES], words, _written_pages(config.docs_dir, words))
    return config


# Add every generated page as a virtual file (nothing is written into docs/)
def on_files(files, config):
    for page in config.extra[PAGES]:
        files.append(File.generated(config, page.uri, content=page.markdown))
    shim = browser_assets.IFRAME_WORKER
    files.append(File.generated(config, shim.site_uri, content=shim.cached.read_bytes()))
    for uri, source in config.extra[BRAND_FILES].items():
        if isinstance(source, Path):
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        else:
            files.append(File.generated(config, uri, content=source))
    config.extra[PRINTABLE] = {page.uri for page in config.extra[PAGES] if page.printable}
    config.extra[PDFS] = {}
    config.extra[PDF_STYLES] = _pdf_styles(config, files)
    return files


# A printable page gets its PDF, made from the page's article alone, and a link to it with its size
def on_page_content(html, page, config, files):
    if not settings.pdf_enabled() or page.file.src_uri not in config.extra[PRINTABLE]:
        return html
    uri = _pdf_uri(page.file.dest_uri)
    lean = document.lean_html(html, title=page.title, language=config.theme["language"],
                              stylesheets=config.extra[PDF_STYLES])
    base_url = (Path(config.site_dir) / page.file.dest_uri).parent.resolve().as_uri() + "/"
    try:
        made = pdf.make(lean, settings.pdf_cache(), base_url)
    except pdf.PdfError as error:
        raise PluginError(f"The PDF of {page.file.src_uri} could not be made: {error}") from None
    config.extra[PDFS][uri] = made
    return pdf.download_link(uri.rsplit("/", 1)[-1], made.size, config.extra[WORDS]) + html


# The PDFs go into the site only once every page is built: never a PDF next to a page that failed
def on_post_build(config):
    for uri, made in config.extra[PDFS].items():
        pdf.copy(made, Path(config.site_dir) / uri)


# -- helpers --------------------------------------------------------------------

# Material's offline plugin asks for iframe-worker from a CDN; serve our pinned copy instead
def _local_shim() -> str:
    shim = browser_assets.IFRAME_WORKER
    if not shim.cached.is_file():
        raise PluginError(f"{shim.package} is not installed yet: run `make setup` (it fetches pinned browser files)")
    return shim.site_uri


def _brand(config, book: handbook.model.Handbook, folder: Path) -> None:
    config.site_name = book.program.title
    config.copyright = book.organization.name
    config.theme["language"] = book.program.language
    _search_language(config, book.program.language)
    config.extra[BRAND_FILES] = {}
    _colours(config, book.organization)
    _logo(config, folder, book.organization.logo)


# Material's Korean translation names no search language, so Korean would be indexed as English
def _search_language(config, language: str) -> None:
    search = config.plugins.get("material/search")
    if search is not None and not search.config.lang:
        search.config.lang = [language]


# The organization's colours: Material's custom palette, set by a generated stylesheet
def _colours(config, organization) -> None:
    css = render.brand.stylesheet(organization)
    if css is None:
        return
    palette = config.theme["palette"]
    palette.update({key: "custom" for key, colour in (("primary", organization.primary_color),
                                                      ("accent", organization.accent_color)) if colour})
    config.extra[BRAND_FILES][render.brand.STYLESHEET_URI] = css
    config.extra_css.append(render.brand.STYLESHEET_URI)


# The logo (and favicon): a file in the curriculum folder is copied into the site; one under docs/ is there already
def _logo(config, folder: Path, logo: str | None) -> None:
    if logo is None:
        return
    source = rules.find_logo(folder, logo)
    docs = Path(config.docs_dir).resolve()
    if source.is_relative_to(docs):
        uri = source.relative_to(docs).as_posix()
    else:
        uri = f"assets/images/logo{source.suffix.lower()}"
        config.extra[BRAND_FILES][uri] = source
    config.theme["logo"] = config.theme["favicon"] = uri


# A page's PDF sits next to it, named after it (after its folder, for an index page)
def _pdf_uri(dest_uri: str) -> str:
    path = Path(dest_uri)
    name = path.parent.name if path.stem == "index" and path.parent.name else path.stem
    return (path.parent / f"{name}.pdf").as_posix()


# The stylesheets of a PDF: Material's typography, then the handbook's own, print rules included
def _pdf_styles(config, files) -> list[str]:
    if not settings.pdf_enabled():
        return []
    material = [f.src_uri for f in files if MATERIAL_CSS.fullmatch(f.src_uri)]
    if len(material) != 1:
        raise PluginError(f"PDFs: expected one stylesheet of Material for MkDocs like {MATERIAL_CSS.pattern}, "
                          f"found {material}; has the theme changed?")
    uris = material + list(config.extra_css)
    return [files.get_file_from_path(uri).content_string for uri in uris]


# Hand-written pages in docs/ (like about/customizing.md) are listed under the section named by their folder
def _written_pages(docs_dir: str, words: dict[str, str]) -> list[str]:
    docs = Path(docs_dir)
    uris = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    for uri in uris:
        if "/" not in uri or uri.split("/")[0] not in words:
            raise PluginError(f"docs/{uri}: hand-written pages go in a folder named after their section, "
                              f"like docs/about/")
    return uris
