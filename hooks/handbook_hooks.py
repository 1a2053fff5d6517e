"""MkDocs glue: load the curriculum, add the generated pages and their nav, and the PDFs of the
printable pages. No logic of its own.

Nothing here outlives a build but the name of the command (serve or build): `mkdocs serve` keeps
this module loaded across rebuilds, so each build's state is one typed object (handbook/build.py) that
travels on that build's config object.
"""

from __future__ import annotations

import json
from pathlib import Path

import markupsafe
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

import handbook  # imported at the top: MkDocs puts hooks/ on sys.path only while loading this file
from handbook import browser_assets, csp, locale, render, search_worker, settings
from handbook.build import BUILD, Build
from handbook.curriculum import files as curriculum_files
from handbook.publish import document, pdf

log = get_plugin_logger("handbook")
CSP = "handbook_csp"  # the template variable overrides/main.html writes into its Content-Security-Policy <meta>
POLL_SECONDS = 0.1  # how often `mkdocs serve` looks at the curriculum folder for a changed file

# Which command runs (serve or build), as MkDocs says once per process, before the first build (under `mkdocs
# serve`, rebuilds reuse this module and call on_startup no more): the one thing this module keeps, and each
# build's Settings read it. `mkdocs serve` shows problems in the browser, and adds live reload to each page as an
# inline script that changes with every request, so no hash can allow it: a page served for preview allows
# inline scripts; a built page does not.
_startup = {"command": "build"}


def on_startup(command, dirty):
    _startup["command"] = command


def _build(config) -> Build:
    return config.extra[BUILD]


# Load and validate the curriculum; a broken curriculum stops the build before anything is written,
# except under `mkdocs serve`, which shows the problems in the browser instead (a failed rebuild there
# would leave every request waiting). Runs before the plugins' on_config, so search sees the language.
@event_priority(100)
def on_config(config):
    try:
        chosen = settings.Settings.read(_startup["command"], Path(config.config_file_path).parent)
    except settings.SettingError as error:
        raise PluginError(str(error)) from None
    if chosen.curriculum.is_dir():
        config.watch.append(str(chosen.curriculum))
    try:
        book, notes = handbook.load_handbook(chosen.curriculum, chosen.today)
    except handbook.CurriculumError as error:
        if chosen.command != "serve":
            raise PluginError(error.report()) from None
        log.error(error.report())
        return _problems_site(config, chosen, error.problems)
    for note in notes:  # a notice never fails a build, strict or not: it is not a warning
        (log.warning if note.severity == "warning" else log.info)(f"{note.severity}: {note}")
    config.extra["polyfills"] = [_local_shim()]
    words = render.page_words(book)
    # the staff edition leaves out the trainers' pages; curriculum text is Markdown with the site's extensions, and
    # what the theme shows of it is its plain-text form
    markdown = (config.markdown_extensions, config.mdx_configs)
    plain = render.Text(*markdown).plain
    pages = render.render_pages(book, words, chosen.today, edition=chosen.edition, markdown=markdown)
    config.extra[BUILD] = Build(chosen, words, pages, book, tooltips=render.tooltips_of(book), plain=plain,
                                media=_media(chosen.curriculum, book))
    _brand(config, book, chosen.curriculum, plain)
    config.nav = render.navigation(pages, words, plain)
    return config


# Add every generated page as a virtual file (nothing is written into docs/)
def on_files(files, config):
    build = _build(config)
    if build.problems:  # the problems page stands alone: no hand-written page around it
        for file in list(files.documentation_pages()):
            files.remove(file)
    for page in build.pages:  # its front matter: its article is written as HTML already
        files.append(File.generated(config, page.uri, content=page.source))
    for asset in browser_assets.FILES:
        files.append(File.generated(config, asset.site_uri, abs_src_path=str(asset.path)))
    for uri, content in build.brand_files.items():
        files.append(File.generated(config, uri, content=content))
    if build.handbook is not None:  # not while serving the page of problems
        _calendars(files, config, build)
    for uri, source in build.media.items():
        files.append(File.generated(config, uri, abs_src_path=str(source)) if isinstance(source, Path)
                     else File.generated(config, uri, content=source))
    build.pdf_styles = _pdf_styles(config, files, build)
    return files


# A generated page's article is its rendered HTML (its curriculum text sanitized as it was converted), with its
# links placed where the page is served; a page written in docs/ passes the sanitizer and gets tooltips.
# A printable page then gets its PDF, made from the page's article alone, and a link to it with its size.
def on_page_content(html, page, config, files):
    build = _build(config)
    generated = build.generated.get(page.file.src_uri)
    _plain_title(page, generated)
    if generated is None:
        html = render.sanitize.text(html)
        html = build.tooltips.mark(html) if build.tooltips else html
    else:
        html = render.links.localize(generated.html, generated.uri, config.use_directory_urls)
        page.toc = get_toc(generated.toc)
        page.present_anchor_ids = render.anchors.ids(html)
    if not build.settings.pdf or generated is None or not generated.printable:
        return html
    uri = pdf.pdf_uri(page.file.dest_uri)
    lean = document.lean_html(html, title=generated.title, language=config.theme["language"],
                              stylesheets=build.pdf_styles)
    base_url = (Path(config.site_dir) / page.file.dest_uri).parent.resolve().as_uri() + "/"
    try:
        made = pdf.make(lean, build.settings.pdf_cache, base_url)
    except pdf.PdfError as error:
        raise PluginError(f"The PDF of {page.file.src_uri} could not be made: {error}") from None
    build.pdfs[uri] = made
    return pdf.download_link(uri.rsplit("/", 1)[-1], made.size, build.words) + html


# Material writes a page's title into <title>, the nav and the header without escaping it: it gets the title's
# plain text, escaped once (as Markup, which the theme's own `| e` leaves as it is). Every page is read before any is
# written, so the nav of each page shows the others' titles this way too.
def _plain_title(page, generated) -> None:
    if generated is not None and "title" in page.meta:  # the home page has none: its tab names the program
        page.meta["title"] = markupsafe.escape(generated.title)
    elif generated is None and page.title:  # a page written by hand in docs/: its front matter or its heading
        page.meta["title"] = markupsafe.escape(markupsafe.Markup(page.title).striptags())


# The PDFs go into the site only once every page is built: never a PDF next to a page that failed. Search's index is
# written by then (and read by the offline plugin after this): its titles become plain text
def on_post_build(config):
    for uri, made in _build(config).pdfs.items():
        pdf.copy(made, Path(config.site_dir) / uri)
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        plain = render.text.plain_search_titles(json.loads(index.read_text(encoding="utf-8")))
        index.write_text(json.dumps(plain, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_env(env, config, files):
    build = _build(config)
    build.theme = env
    env.bytecode_cache = render.theme_code.COMPILED  # each build makes a new theme environment: compile it once
    env.filters["handbook_print_nav"] = render.nav.print_nav  # overrides/main.html
    env.filters["handbook_search_on_demand"] = search_worker.on_demand  # overrides/main.html
    env.filters["handbook_plain"] = lambda text: markupsafe.escape(build.plain(str(text)))  # a page word, in overrides/
    build.shim = browser_assets.IFRAME_WORKER.path.read_text(encoding="utf-8")
    return env


# The Content-Security-Policy of each page (and of the theme's own pages, like 404.html)
def on_page_context(context, page, config, nav):
    return _with_policy(context, config)


def on_template_context(context, template_name, config):
    return _with_policy(context, config)


# The theme's inline scripts differ only by the page's folder depth (and its URLs are written differently on a
# page than on a theme template like 404.html), a printable page's <style> by its kind and session: one policy for each
def _with_policy(context, config):
    build = _build(config)
    policies = build.policies
    page = context.get("page")
    generated = build.generated.get(page.file.src_uri) if page is not None else None
    style = generated.style if generated is not None else ""
    key = (context["base_url"], page is None, style)
    if key not in policies:
        scripts = csp.inline_scripts(build.theme, context, build.shim)
        policies[key] = csp.policy(scripts, preview=build.preview, styles=[style] if style else [])
    context[CSP] = policies[key]
    return context


# A built page runs no inline script and applies no style its policy leaves out: one that is there is a theme script
# or style this project does not know yet, or markup that got around the sanitizer. Either way the strict build stops
# and says which, at the curriculum file and line that holds it when one does.
def on_post_page(output, page, config):
    chosen = _build(config).settings
    found = [("an inline script", start) for start in csp.unallowed(output)] + \
        [("a style", start) for start in csp.unallowed_styles(output)]
    for what, start in found:
        where = ", ".join(handbook.curriculum.origins(chosen.curriculum, start, chosen.today)) or \
            "no curriculum file holds it (the theme or a template wrote it)"
        log.warning(f"{where}: {what} the Content-Security-Policy does not allow, on {page.file.src_uri}: {start}")
    return output


# `mkdocs serve` looks for changed files every half second; the curriculum folder, watched from here on, is looked
# at every POLL_SECONDS, so that an edit shows in the browser within half a second. (watchdog reads the interval
# as each folder is watched, and has no other way to set it.)
def on_serve(server, config, builder):
    if hasattr(server.observer, "_timeout"):
        server.observer._timeout = POLL_SECONDS
    return server


# -- helpers --------------------------------------------------------------------

# The groups' .ics files (schedule.yml); each event links its session page, by full address when site_url is set
def _calendars(files, config, build: Build) -> None:
    def page_url(session) -> str:
        return (config.site_url or "") + files.get_file_from_path(render.page.session_uri(session)).url

    made = render.calendar.files(build.handbook, build.words, page_url, build.settings.today, plain=build.plain)
    for uri, content in made.items():
        files.append(File.generated(config, uri, content=content))


# Under `mkdocs serve`, a site of one page that lists the problems (overrides/partials/handbook-problems.html)
def _problems_site(config, chosen: settings.Settings, problems: list[handbook.Problem]):
    words = locale.words("en")  # as are the problems themselves: the program's language may be what is broken
    page = render.problems_page(words)
    config.site_name = page.title
    config.extra[BUILD] = Build(chosen, words, [page], problems=problems)
    config.extra["polyfills"] = [_local_shim()]
    config.nav = [{page.title: page.uri}]
    return config


# Material's offline plugin asks for iframe-worker from a CDN; serve our pinned copy instead
def _local_shim() -> str:
    missing = browser_assets.missing()
    if missing:
        raise PluginError(f"node_modules/{missing[0].source} is not installed yet: run `make setup` "
                          f"(it installs the pinned browser libraries with npm)")
    return browser_assets.IFRAME_WORKER.site_uri


def _brand(config, book: handbook.model.Handbook, folder: Path, plain) -> None:
    # Material writes these into HTML, the name into an attribute, without escaping them: they go in as plain text
    # escaped once (as Markup, which the theme's own `| e` leaves as it is)
    config.site_name = markupsafe.escape(plain(book.program.title))
    config.copyright = markupsafe.escape(plain(book.organization.name))
    config.theme["language"] = book.program.language
    _search_language(config, book.program.language)
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
    _build(config).brand_files[render.brand.STYLESHEET_URI] = css
    config.extra_css.append(render.brand.STYLESHEET_URI)


# The logo (and favicon): the checked bytes of the image file in the curriculum folder
def _logo(config, folder: Path, logo: str | None) -> None:
    if logo is None:
        return
    try:
        image = curriculum_files.image(folder, logo)
    except curriculum_files.Refused as refused:  # changed since the curriculum was checked
        raise PluginError(f"organization.logo: {refused}") from None
    uri = render.brand.logo_uri(image.suffix)
    _build(config).brand_files[uri] = image.data
    config.theme["logo"] = config.theme["favicon"] = uri


# The sessions' videos (copied from the curriculum folder as they are) and their captions (the checked bytes)
def _media(folder: Path, book: handbook.model.Handbook) -> dict[str, Path | bytes]:
    media: dict[str, Path | bytes] = {}
    for session, index, block in render.media.videos(book):
        try:  # changed since the curriculum was checked
            media[render.media.video_uri(session, index)] = curriculum_files.video(folder, block.video.file).path
            media[render.media.captions_uri(session, index)] = curriculum_files.captions(folder, block.video.captions)
        except curriculum_files.Refused as refused:
            raise PluginError(f"{session.id}: {block.title}: {refused}") from None
    return media


# The stylesheets of a PDF, as the built site has them
def _pdf_styles(config, files, build: Build) -> list[str]:
    if not build.settings.pdf:
        return []
    try:
        uris = document.stylesheet_uris((f.src_uri for f in files), config.extra_css)
    except document.StylesheetError as error:
        raise PluginError(f"PDFs: {error}") from None
    return [files.get_file_from_path(uri).content_string for uri in uris]
