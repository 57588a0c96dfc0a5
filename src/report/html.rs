use super::Checked;
use super::view::{FileView, file_view};
use askama::Template;

#[derive(Template)]
#[template(path = "report.html")]
struct Page {
    title: String,
    version: &'static str,
    today: String,
    files: Vec<FileView>,
}

/// One self-contained page (inline CSS, no external assets). All text from
/// the org file is escaped by the template engine.
pub fn render(files: &[Checked]) -> String {
    let title = match files {
        [one] => format!("{} — org gap report", one.org.name),
        _ => "Org gap report".to_string(),
    };
    let page = Page {
        title,
        version: env!("CARGO_PKG_VERSION"),
        today: files
            .first()
            .map_or_else(String::new, |c| c.report.today.to_string()),
        files: files.iter().map(file_view).collect(),
    };
    let html = page
        .render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>report failed: {e}</p>"));
    // No raw control character (ESC, BEL, bidi overrides) reaches the page.
    crate::sanitize::visible_keep_lines(&html).into_owned()
}
