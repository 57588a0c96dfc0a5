//! Gap reports: text, JSON, Markdown, HTML, CSV and SARIF. No GUI code.

pub mod csv;
mod html;
pub mod json;
pub mod markdown;
mod sarif;
mod text;
mod view;

pub use csv::defuse as csv_cell;

use crate::io::SourceMap;
use crate::model::Org;
use crate::rules::{Analysis, Report};

/// One checked file, as every report format sees it.
pub struct Checked<'o> {
    pub path: String,
    pub org: &'o Org,
    pub analysis: Analysis<'o>,
    pub report: Report,
    /// The file's text, for line numbers (SARIF).
    pub source: Option<&'o str>,
}

impl<'o> Checked<'o> {
    pub fn new(
        path: String,
        org: &'o Org,
        source: Option<&'o str>,
        today: crate::model::Date,
    ) -> Self {
        Checked::from_analysis(path, org, Analysis::new(org), source, today)
    }

    /// [`Checked::new`] with the references the reader resolved.
    pub fn with_index(
        path: String,
        org: &'o Org,
        index: &'o crate::index::OrgIndex,
        source: Option<&'o str>,
        today: crate::model::Date,
    ) -> Self {
        Checked::from_analysis(path, org, Analysis::with_index(org, index), source, today)
    }

    fn from_analysis(
        path: String,
        org: &'o Org,
        analysis: Analysis<'o>,
        source: Option<&'o str>,
        today: crate::model::Date,
    ) -> Self {
        let report = crate::rules::run(&analysis, today);
        Checked {
            path,
            org,
            analysis,
            report,
            source,
        }
    }

    pub(crate) fn source_map(&self) -> Option<SourceMap> {
        self.source.map(|s| SourceMap::scan(s, None))
    }
}

/// The report formats of `orgplan check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Html,
    Csv,
    Sarif,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Text,
        Format::Json,
        Format::Markdown,
        Format::Html,
        Format::Csv,
        Format::Sarif,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Sarif => "sarif",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "Text",
            Format::Json => "JSON",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Csv => "CSV",
            Format::Sarif => "SARIF",
        }
    }
}

/// Renders the report of one or more files.
pub fn render(format: Format, files: &[Checked]) -> String {
    match format {
        Format::Text => text::render(files),
        Format::Json => json::render(files),
        Format::Markdown => markdown::render(files),
        Format::Html => html::render(files),
        Format::Csv => csv::render(files),
        Format::Sarif => sarif::render(files),
    }
}

/// "1 error, 3 warnings, 2 info (1 waived)".
pub fn summary_line(s: &crate::rules::Summary) -> String {
    use crate::text::count;
    let mut line = format!(
        "{}, {}, {} info",
        count(s.error, "error", "errors"),
        count(s.warning, "warning", "warnings"),
        s.info
    );
    if s.waived > 0 {
        line.push_str(&format!(" ({} waived)", s.waived));
    }
    line
}
