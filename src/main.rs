//! `hugo-preview`: render one Hugo content file from the command line.
//!
//! Thin glue over [`hugo_preview::Renderer`]: read the file and the options, render, print.
//! Everything that knows about Hugo lives in the library.

#![forbid(unsafe_code)]

use hugo_preview::{i18n, image_size, layouts};
use hugo_preview::{
    BinaryFile, Diagnostic, FrontMatterFormat, Location, RenderOptions, Renderer, Severity,
};
use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
Usage: hugo-preview render <FILE|-> [--format content|page|json] [SITE OPTIONS]
       hugo-preview parse <FILE|-> [SITE OPTIONS]
       hugo-preview sanitize <FILE|-> [--options FILE] [--embeds]
       hugo-preview manifest <DIR>
       hugo-preview --help | --version

Renders a Hugo content file (front matter, Markdown, shortcodes) to sanitized HTML, or
prints its outline (front matter, shortcode tree, diagnostics) as JSON.

  <FILE|->           the content file; `-` reads standard input
  --format content   print the content HTML (Hugo's .Content); the default
  --format page      print the whole article preview (pageHtml)
  --format json      print everything rendered, as pretty JSON

Site options (for both commands):
  --site DIR         a Hugo project: its config (merged with its themes'), the
                     project's layouts over the themes' (shortcodes, partials, render
                     hooks), translations, data and pages, read as Hugo reads them
                     (contentDir and module.mounts too); the options below, when
                     given too, are used over it
  --config FILE      the site config (hugo.toml, hugo.yaml or hugo.json)
  --layouts DIR      a Hugo layouts/ folder (or the site root): the templates in
                     shortcodes/ and _shortcodes/, and the partials they call
  --i18n DIR         a Hugo i18n/ folder (or the site root): the translations for
                     `T`/`i18n` from LANG.toml, .yaml, .yml or .json, LANG being the
                     config's languageCode or defaultContentLanguage (else en)
  --options FILE     RenderOptions as JSON (camelCase, any field optional); without
                     its `path`, the page's path is FILE's below its content folder
                     (with --site: the one it is mounted from, content.en/ …)
  --embeds           allow YouTube and Vimeo iframes (otherwise static cards)
  --clock TIME       the time `now` gives, RFC 3339 (2021-11-06T22:30:00+09:00),
                     as Hugo's --clock; otherwise the system's clock

`sanitize FILE` prints the HTML in FILE as the preview's sanitizer leaves it (the
policy every render's output passes through last; `embeds` and `allowDataAttributes`
from the options apply).

`manifest DIR` prints, as JSON, the files of the Hugo project in DIR that --site reads:
{ \"files\": [paths], \"binaryFiles\": { path: { url, width, height } } }, the list that
hugo-preview/cms fetches when the project's files are served at a URL.

Diagnostics go to standard error as FILE:LINE:COL: severity: message.
Exit status: 0 rendered, 1 an error diagnostic or an unreadable input, 2 usage error.";

/// What went wrong before rendering could start, and the exit status it deserves.
#[derive(Debug)]
enum Failure {
    /// The command line is wrong: exit 2 with the usage text.
    Usage(String),
    /// An input (content or options file) could not be read or decoded: exit 1.
    Input(String),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Format {
    Content,
    Page,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Action {
    Render,
    Parse,
    Sanitize,
}

#[derive(Debug)]
struct Command {
    action: Action,
    input: String,
    format: Format,
    options_path: Option<String>,
    config_path: Option<String>,
    layouts_dir: Option<String>,
    i18n_dir: Option<String>,
    site_dir: Option<String>,
    embeds: bool,
    clock: Option<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            eprintln!("hugo-preview: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    match args.first().map(String::as_str) {
        Some("--help" | "-h" | "help") => {
            print_stdout(&format!("{USAGE}\n"));
            return Ok(ExitCode::SUCCESS);
        }
        Some("--version" | "-V") => {
            print_stdout(&format!("hugo-preview {}\n", env!("CARGO_PKG_VERSION")));
            return Ok(ExitCode::SUCCESS);
        }
        Some("render" | "parse" | "sanitize") => {}
        Some("manifest") => return manifest(&args[1..]),
        Some(other) => return Err(Failure::Usage(format!("unknown command `{other}`"))),
        None => return Err(Failure::Usage("missing command".into())),
    }
    let action = match args[0].as_str() {
        "parse" => Action::Parse,
        "sanitize" => Action::Sanitize,
        _ => Action::Render,
    };
    let command = parse_args(action, &args[1..])?;
    let display_name = if command.input == "-" {
        "<stdin>"
    } else {
        &command.input
    };

    let options = load_options(&command)?;
    let bytes = read_input(&command.input)?;
    let source = decode_utf8(display_name, bytes)?;
    let (output, diagnostics) = match command.action {
        Action::Parse => {
            let parsed = Renderer::new(options).parse(&source);
            (to_json(&parsed)?, parsed.diagnostics)
        }
        Action::Render => {
            let rendered = Renderer::new(options).render(&source);
            let output = match command.format {
                Format::Content => rendered.content_html.clone(),
                Format::Page => rendered.page_html.clone(),
                Format::Json => to_json(&rendered)?,
            };
            (output, rendered.diagnostics)
        }
        Action::Sanitize => (hugo_preview::sanitize(&source, &options), Vec::new()),
    };
    print_stdout(&with_final_newline(output));

    let config_name = command.config_path.as_deref().unwrap_or("<config>");
    let mut stderr = io::stderr().lock();
    for diagnostic in &diagnostics {
        // Templates are named as in a site (`shortcodes/x.html`), the config by its path.
        let file = match &diagnostic.location {
            Location::Content => display_name.to_owned(),
            Location::Config(_) => config_name.to_owned(),
            Location::File(path) => match &command.site_dir {
                Some(dir) => format!("{}/{path}", dir.trim_end_matches('/')),
                None => path.clone(),
            },
            template => {
                let name = template.file_name().unwrap_or_default();
                match &command.layouts_dir {
                    Some(dir) => format!("{}/{name}", dir.trim_end_matches('/')),
                    None => name,
                }
            }
        };
        let _ = writeln!(stderr, "{}", format_diagnostic(&file, diagnostic));
    }
    let has_error = diagnostics.iter().any(|d| d.severity == Severity::Error);
    Ok(if has_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `manifest DIR`: the paths of the files `--site DIR` reads, and its images' sizes, for a
/// browser that fetches them from where the project is served (`hugo-preview/cms`).
fn manifest(args: &[String]) -> Result<ExitCode, Failure> {
    let [dir] = args else {
        return Err(Failure::Usage(
            "`manifest` takes one argument: the Hugo project's folder".into(),
        ));
    };
    let (texts, binary_files) = read_site(Path::new(dir), "manifest")?;
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Manifest {
        files: Vec<String>,
        binary_files: BTreeMap<String, BinaryFile>,
    }
    let files = texts.into_keys().collect();
    print_stdout(&with_final_newline(to_json(&Manifest {
        files,
        binary_files,
    })?));
    Ok(ExitCode::SUCCESS)
}

/// Serializing plain data with string keys cannot fail; the error only keeps the CLI free of
/// panics should that ever change.
fn to_json(value: &impl serde::Serialize) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Input(format!("hugo-preview: cannot serialize output: {e}")))
}

/// The options file, then the site config and layouts given on the command line.
fn load_options(command: &Command) -> Result<RenderOptions, Failure> {
    let mut options = match &command.options_path {
        Some(path) => read_options(path)?,
        None => RenderOptions::default(),
    };
    if let Some(dir) = &command.site_dir {
        let (texts, binaries) = read_site(Path::new(dir), "--site")?;
        options.files.extend(texts);
        options.binary_files.extend(binaries);
    }
    if let Some(path) = &command.config_path {
        let text = decode_utf8(path, read_input(path)?)?;
        options.site_config_format = layouts::file_format(path);
        options.site_config = Some(text);
    }
    if let Some(dir) = &command.i18n_dir {
        let translations = read_translations(Path::new(dir), &options)?;
        options.i18n.extend(translations);
    }
    if let Some(dir) = &command.layouts_dir {
        let (shortcodes, partials) = read_layouts(Path::new(dir))?;
        options.shortcodes.extend(shortcodes);
        options.partials.extend(partials);
    }
    options.embeds |= command.embeds;
    if let Some(clock) = &command.clock {
        options.clock = Some(clock.clone());
    }
    if options.path.is_none() {
        options.path = command
            .site_dir
            .as_deref()
            .and_then(|dir| path_in_site(dir, &command.input, &options.files))
            .or_else(|| content_path(&command.input));
    }
    Ok(options)
}

/// With `--site DIR`: the input's path below the content folder it is mounted at
/// (`DIR/content/`, `DIR/content.en/` with `languages.en.contentDir`), `/`-separated.
fn path_in_site(dir: &str, input: &str, files: &BTreeMap<String, String>) -> Option<String> {
    if input == "-" {
        return None;
    }
    let root = std::fs::canonicalize(dir).ok()?;
    let file = std::fs::canonicalize(input).ok()?;
    let relative = file.strip_prefix(&root).ok()?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let exists = |path: &str| root.join(path).exists();
    hugo_preview::mounts::of_site(files, &exists).content_path(&parts.join("/"))
}

/// The page's path when the options give none: the input file's path below its `content/`
/// folder, as Hugo names pages (`site/content/posts/a.md` is `posts/a.md`), else its file
/// name; none for standard input. It feeds `.Page.File`, `.Position` and `ref`.
fn content_path(input: &str) -> Option<String> {
    if input == "-" {
        return None;
    }
    let path = input.replace('\\', "/");
    let below_content = path
        .rsplit_once("/content/")
        .map(|(_, rest)| rest)
        .or_else(|| path.strip_prefix("content/"));
    let name = below_content.unwrap_or_else(|| path.rsplit('/').next().unwrap_or(&path));
    (!name.is_empty()).then(|| name.to_owned())
}

/// The files of the Hugo project in `dir` the preview reads ([`layouts::is_site_file`]), by
/// their path in the project; files that are not UTF-8 are passed over. Folders are walked
/// with a queue (no recursion), symbolic links not followed. Then the folders the site mounts
/// (`module.mounts`, `languages.*.contentDir`: [`hugo_preview::mounts`]) are read as the
/// component folder they are mounted at.
/// `what` names the argument in errors.
fn read_site(dir: &Path, what: &str) -> Result<SiteRead, Failure> {
    if !dir.is_dir() {
        return Err(Failure::Input(format!(
            "hugo-preview: {what} {}: not a folder",
            dir.display()
        )));
    }
    let mut read = (BTreeMap::new(), BTreeMap::new());
    walk(dir, dir, "", "", &mut read)?;
    let exists = |path: &str| dir.join(path).exists();
    for mount in hugo_preview::mounts::of_site(&read.0, &exists).mounts {
        let source = dir.join(&mount.source);
        if !read.0.contains_key(&mount.source) && source.is_file() {
            read_file(&source, &mount.source, &mount.target, &mut read);
        } else if source.is_dir() && !mount.source.is_empty() {
            walk(dir, &source, &mount.source, &mount.target, &mut read)?;
        }
    }
    // `static/` folders may be large (fonts, scripts, icons): a share of the site's limits,
    // so that they do not crowd out the files that render the page.
    let (mut count, mut bytes) = (0usize, 0usize);
    read.0.retain(|path, text| {
        if !layouts::is_static_file(path) {
            return true;
        }
        count += 1;
        bytes += text.len();
        count <= MAX_STATIC_FILES && bytes <= MAX_STATIC_BYTES
    });
    Ok(read)
}

/// How many text files of `static/` folders `--site` reads, and how many bytes of them.
const MAX_STATIC_FILES: usize = 2_000;
const MAX_STATIC_BYTES: usize = 8 * 1024 * 1024;

/// Reads the files below `folder` (in the project `dir`) the preview reads, those below
/// `source` (a path in the project) as if they were below `target`.
fn walk(
    dir: &Path,
    folder: &Path,
    source: &str,
    target: &str,
    read: &mut SiteRead,
) -> Result<(), Failure> {
    let mut pending = vec![folder.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for path in read_folder(&folder)? {
            let Ok(relative) = path.strip_prefix(dir) else {
                continue;
            };
            let relative = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let Ok(kind) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if kind.is_dir() {
                let skip = matches!(
                    relative.as_str(),
                    "public" | "resources" | "node_modules" | ".git"
                ) || relative.starts_with('.');
                if !skip {
                    pending.push(path);
                }
            } else if kind.is_file() && !read.0.contains_key(&relative) {
                let mounted = format!("{target}{}", relative.get(source.len()..).unwrap_or(""));
                read_file(&path, &relative, &mounted, read);
            }
        }
    }
    Ok(())
}

/// Reads the file at `path` (`relative` in the project) when the preview reads a file at
/// `mounted` (its path as mounted): a template, config, content or asset as text, an image's
/// size, another small UTF-8 file of a folder templates read.
fn read_file(path: &Path, relative: &str, mounted: &str, (files, binaries): &mut SiteRead) {
    if layouts::is_site_file(mounted) {
        if let Ok(text) = String::from_utf8(std::fs::read(path).unwrap_or_default()) {
            files.insert(relative.to_owned(), text);
        }
    } else if layouts::is_site_image(mounted) {
        let size = read_head(path).as_deref().and_then(image_size::image_size);
        binaries.insert(
            relative.to_owned(),
            BinaryFile {
                url: None,
                width: size.map(|(w, _)| w),
                height: size.map(|(_, h)| h),
            },
        );
    } else if layouts::is_site_media(mounted) {
        binaries.insert(
            relative.to_owned(),
            BinaryFile {
                url: None,
                width: None,
                height: None,
            },
        );
    } else if layouts::is_resource_folder(mounted) {
        // Another text file a page or template may read (`.Resources.Get "nb.ipynb"`,
        // a code sample, a `.cast`, `readFile "static/x.txt"`): any small UTF-8 file
        // without NUL bytes.
        let len = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
        if let Some(text) = read_small_text(path, len) {
            files.insert(relative.to_owned(), text);
        }
    }
}

/// A site's text files and its images' sizes, by path in the project.
type SiteRead = (BTreeMap<String, String>, BTreeMap<String, BinaryFile>);

/// The text of a file of at most 1 MB that reads as UTF-8 without NUL bytes (its first 8 KB
/// are looked at before the rest is read).
fn read_small_text(path: &Path, len: u64) -> Option<String> {
    if len > 1024 * 1024 {
        return None;
    }
    let mut head = Vec::new();
    let mut file = std::fs::File::open(path).ok()?;
    (&mut file).take(8 * 1024).read_to_end(&mut head).ok()?;
    if head.contains(&0) {
        return None;
    }
    file.read_to_end(&mut head).ok()?;
    String::from_utf8(head).ok()
}

/// The first 64 KB of a file: enough for an image's size.
fn read_head(path: &Path) -> Option<Vec<u8>> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(64 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

/// The translations for the site's language from the `i18n/` folder `dir` (or `dir/i18n`);
/// which file that is, the library decides ([`i18n::translation_file`]).
fn read_translations(
    dir: &Path,
    options: &RenderOptions,
) -> Result<BTreeMap<String, serde_json::Value>, Failure> {
    if !dir.is_dir() {
        return Err(Failure::Input(format!(
            "hugo-preview: --i18n {}: not a folder",
            dir.display()
        )));
    }
    let folder = if dir.join("i18n").is_dir() {
        dir.join("i18n")
    } else {
        dir.to_path_buf()
    };
    let names: Vec<String> = read_folder(&folder)?
        .into_iter()
        .filter(|path| path.is_file())
        .filter_map(|path| Some(path.file_name()?.to_str()?.to_owned()))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let languages =
        i18n::site_languages(options.site_config.as_deref(), options.site_config_format);
    let Some(name) = i18n::translation_file(&names, &languages) else {
        return Err(Failure::Input(format!(
            "hugo-preview: --i18n {}: no translation file for {} (LANG.toml, .yaml, .yml or .json)",
            folder.display(),
            languages.join(", ")
        )));
    };
    let path = folder.join(name);
    let text = read_text(&path)?;
    let format = layouts::file_format(name).unwrap_or(FrontMatterFormat::Toml);
    i18n::parse(&text, format).map_err(|error| {
        let place = match error.position {
            Some((line, column)) => format!("{}:{line}:{column}", path.display()),
            None => path.display().to_string(),
        };
        Failure::Input(format!("{place}: error: {}", error.message))
    })
}

/// Template name → source.
type Templates = BTreeMap<String, String>;

/// The shortcodes and partials of the `layouts/` folder `dir` (or `dir/layouts`, or a
/// shortcodes folder itself): every file below it, looked up by the library
/// ([`layouts::templates`]).
fn read_layouts(dir: &Path) -> Result<(Templates, Templates), Failure> {
    if !dir.is_dir() {
        return Err(Failure::Input(format!(
            "hugo-preview: --layouts {}: not a folder",
            dir.display()
        )));
    }
    let layouts_dir = if dir.join("layouts").is_dir() {
        dir.join("layouts")
    } else {
        dir.to_path_buf()
    };
    // A shortcodes folder given itself stands for `layouts/shortcodes`.
    let prefix = layouts_dir
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|name| layouts::SHORTCODE_FOLDERS.contains(name))
        .filter(|_| {
            !layouts::SHORTCODE_FOLDERS
                .iter()
                .any(|folder| layouts_dir.join(folder).is_dir())
        })
        .map(|_| "shortcodes/");
    let mut files = Vec::new();
    let mut pending = vec![layouts_dir.clone()];
    while let Some(folder) = pending.pop() {
        for path in read_folder(&folder)? {
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let Some(relative) = path
                .strip_prefix(&layouts_dir)
                .ok()
                .and_then(|r| r.to_str())
            else {
                continue;
            };
            let relative = format!("{}{}", prefix.unwrap_or(""), relative.replace('\\', "/"));
            if !layouts::is_template(&relative) {
                continue;
            }
            files.push((relative, read_text(&path)?));
        }
    }
    let files = || {
        files
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str()))
    };
    Ok((
        layouts::templates(files(), &layouts::SHORTCODE_FOLDERS),
        layouts::templates(files(), &layouts::PARTIAL_FOLDERS),
    ))
}

/// The entries of `folder`.
fn read_folder(folder: &Path) -> Result<Vec<PathBuf>, Failure> {
    let entries = std::fs::read_dir(folder).map_err(|e| {
        Failure::Input(format!(
            "hugo-preview: cannot read {}: {e}",
            folder.display()
        ))
    })?;
    Ok(entries.flatten().map(|entry| entry.path()).collect())
}

/// A file's text (UTF-8, checked).
fn read_text(path: &Path) -> Result<String, Failure> {
    decode_utf8(
        &path.display().to_string(),
        std::fs::read(path).map_err(|e| {
            Failure::Input(format!("hugo-preview: cannot read {}: {e}", path.display()))
        })?,
    )
}

fn parse_args(action: Action, args: &[String]) -> Result<Command, Failure> {
    let mut input = None;
    let mut format = Format::Content;
    let mut options_path = None;
    let mut config_path = None;
    let mut layouts_dir = None;
    let mut i18n_dir = None;
    let mut site_dir = None;
    let mut embeds = false;
    let mut clock = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        // Accept both `--flag value` and `--flag=value`.
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if arg.starts_with("--") => (flag, Some(value.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value_of = |flag: &str| {
            inline_value
                .clone()
                .or_else(|| rest.next().cloned())
                .ok_or_else(|| Failure::Usage(format!("`{flag}` needs a value")))
        };
        match flag {
            "--format" | "-f" => {
                format = match value_of(flag)?.as_str() {
                    "content" => Format::Content,
                    "page" => Format::Page,
                    "json" => Format::Json,
                    other => {
                        return Err(Failure::Usage(format!(
                            "unknown format `{other}` (expected content, page or json)"
                        )))
                    }
                }
            }
            "--options" | "-o" => options_path = Some(value_of(flag)?),
            "--config" | "-c" => config_path = Some(value_of(flag)?),
            "--layouts" | "-l" => layouts_dir = Some(value_of(flag)?),
            "--i18n" => i18n_dir = Some(value_of(flag)?),
            "--site" | "-s" => site_dir = Some(value_of(flag)?),
            "--embeds" => embeds = true,
            "--clock" => clock = Some(value_of(flag)?),
            // `-` is the file name for standard input, not a flag.
            _ if flag.starts_with('-') && flag != "-" => {
                return Err(Failure::Usage(format!("unknown option `{arg}`")))
            }
            _ if input.is_some() => {
                return Err(Failure::Usage(format!(
                    "unexpected argument `{arg}` (one content file at a time)"
                )))
            }
            _ => input = Some(arg.clone()),
        }
    }
    let input = input.ok_or_else(|| Failure::Usage("missing <FILE|->".into()))?;
    if action == Action::Parse && format != Format::Content {
        return Err(Failure::Usage(
            "`parse` always prints JSON; drop --format".into(),
        ));
    }
    if action == Action::Sanitize && format != Format::Content {
        return Err(Failure::Usage(
            "`sanitize` prints the cleaned HTML; drop --format".into(),
        ));
    }
    Ok(Command {
        action,
        input,
        format,
        options_path,
        config_path,
        layouts_dir,
        i18n_dir,
        site_dir,
        embeds,
        clock,
    })
}

fn read_input(path: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        io::stdin().lock().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    let name = if path == "-" { "<stdin>" } else { path };
    result.map_err(|e| Failure::Input(format!("hugo-preview: cannot read {name}: {e}")))?;
    Ok(bytes)
}

fn read_options(path: &str) -> Result<RenderOptions, Failure> {
    let bytes = read_input(path)?;
    let text = decode_utf8(path, bytes)?;
    serde_json::from_str(&text).map_err(|e| {
        // serde_json appends " at line L column C"; the position is already in front.
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        Failure::Input(format!(
            "{path}:{}:{}: error: invalid options: {message}",
            e.line(),
            e.column()
        ))
    })
}

/// The renderer takes text, and guessing an encoding would only hide the problem: report the
/// first bad byte in the same `FILE:LINE:COL` form as diagnostics so editors can jump to it.
fn decode_utf8(name: &str, bytes: Vec<u8>) -> Result<String, Failure> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // The prefix is valid UTF-8 by definition of `valid_up_to`.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let line = prefix.matches('\n').count() + 1;
        let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
        let column = prefix[line_start..].chars().count() + 1;
        Failure::Input(format!(
            "{name}:{line}:{column}: error: invalid UTF-8 (byte 0x{:02X} at offset {valid}); save the file as UTF-8",
            bytes[valid]
        ))
    })
}

fn format_diagnostic(name: &str, diagnostic: &Diagnostic) -> String {
    format!(
        "{name}:{}:{}: {}: {}",
        diagnostic.line,
        diagnostic.column,
        diagnostic.severity.as_str(),
        diagnostic.message
    )
}

fn with_final_newline(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Writes to stdout, ignoring a closed pipe (`hugo-preview render x | head`) instead of
/// panicking as `print!` would.
fn print_stdout(text: &str) {
    let mut stdout = io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush());
}

#[cfg(test)]
mod tests {
    use super::*;
    use hugo_preview::diagnostic::LineIndex;
    use hugo_preview::Span;

    #[test]
    fn diagnostics_print_as_file_line_column_severity_message() {
        let source = "+++\ntitle = \n+++\n";
        let mut diagnostic = Diagnostic::error("expected a value", Span::new(12, 13));
        diagnostic.locate(&LineIndex::new(source));
        assert_eq!(
            format_diagnostic("post.md", &diagnostic),
            "post.md:2:9: error: expected a value"
        );
    }

    #[test]
    fn bad_utf8_is_reported_at_its_line_and_column() {
        let Err(Failure::Input(message)) = decode_utf8("x.md", b"ab\n\xc3\xa9\xff".to_vec()) else {
            panic!("invalid UTF-8 should be an input failure");
        };
        assert!(
            message.starts_with("x.md:2:2: error: invalid UTF-8 (byte 0xFF at offset 5)"),
            "{message}"
        );
    }

    #[test]
    fn flags_accept_separate_and_inline_values() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let command = parse_args(
            Action::Render,
            &args(&[
                "-",
                "--format=json",
                "--options",
                "o.json",
                "--layouts",
                "l",
            ]),
        )
        .expect("valid arguments should parse");
        assert_eq!(command.input, "-");
        assert_eq!(command.format, Format::Json);
        assert_eq!(command.options_path.as_deref(), Some("o.json"));
        assert_eq!(command.layouts_dir.as_deref(), Some("l"));
    }
}
