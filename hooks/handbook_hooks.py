"""MkDocs glue: load the curriculum, add the generated pages and their nav. No logic of its own.

Nothing here outlives a build: `mkdocs serve` keeps this module loaded across rebuilds,
so each build's handbook travels on that build's config object.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

import handbook  # imported at the top: MkDocs puts hooks/ on sys.path only while loading this file
from handbook import browser_assets, locale, render, settings

log = get_plugin_logger("handbook")
HANDBOOK = "handbook"  # the key under config.extra that holds this build's Handbook
PAGES = "handbook_pages"  # ... and its rendered pages


# Load and validate the curriculum; a broken curriculum stops the build before anything is written
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
    _brand(config, book)
    config.extra[PAGES] = render.render_pages(book)
    config.nav = render.navigation(config.extra[PAGES], locale.words(book.program.language, book.labels))
    return config


# Add every generated page as a virtual file (nothing is written into docs/)
def on_files(files, config):
    for page in config.extra[PAGES]:
        files.append(File.generated(config, page.uri, content=page.markdown))
    shim = browser_assets.IFRAME_WORKER
    files.append(File.generated(config, shim.site_uri, content=shim.cached.read_bytes()))
    return files


# Every definition's term gets a tooltip on every page
def on_page_markdown(markdown, page, config, files):
    return markdown + render.abbreviations(config.extra[HANDBOOK].definitions)


# -- helpers --------------------------------------------------------------------

# Material's offline plugin asks for iframe-worker from a CDN; serve our pinned copy instead
def _local_shim() -> str:
    shim = browser_assets.IFRAME_WORKER
    if not shim.cached.is_file():
        raise PluginError(f"{shim.package} is not installed yet: run `make setup` (it fetches pinned browser files)")
    return shim.site_uri


def _brand(config, book: handbook.model.Handbook) -> None:
    config.site_name = book.program.title
    config.copyright = book.organization.name
    config.theme["language"] = book.program.language
