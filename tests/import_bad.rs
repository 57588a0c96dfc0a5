//! Import never reads a broken export as data (issue 16, items 7, 8, 12):
//! strict CSV, far-off and hidden spreadsheet content, encodings, text that
//! survives a round trip. Each test holds its reproducer.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::import::{Options, import, table};
use std::io::Write;

fn read(name: &str, bytes: &[u8]) -> Result<table::Table, String> {
    table::read(bytes, name, None).map_err(|e| e.to_string())
}

fn import_bytes(name: &str, bytes: &[u8]) -> Result<orgplan::model::Org, String> {
    let t = read(name, bytes)?;
    import(&t, name, &Options::default())
        .map(|(o, _)| o)
        .map_err(|e| e.to_string())
}

#[test]
fn an_unbalanced_quote_is_an_error_naming_its_row() {
    let csv = "Name,Title,Manager\nAna Ruiz,Engineer,\n\"Bo Park,Engineer,Ana Ruiz\nCy Ho,Engineer,Ana Ruiz\nDi Lu,Engineer,Ana Ruiz\n";
    let e = read("p.csv", csv.as_bytes()).unwrap_err();
    assert!(e.starts_with("p.csv:3: a quote"), "{e}");
    // Two stray quotes swallow the lines between them.
    let csv = "Name,Title,Manager\nAna Ruiz,Engineer,\n\"Bo Park,Engineer,Ana Ruiz\nCy Ho,Engineer,Ana Ruiz\nDi Lu\",Engineer,Ana Ruiz\n";
    let e = read("p.csv", csv.as_bytes()).unwrap_err();
    assert!(e.starts_with("p.csv:3: a quote"), "{e}");
    // A quoted cell with a line break in it is still fine.
    let csv = "Name,Title,Note\nAna Ruiz,Engineer,\"two\nlines\"\n";
    assert!(read("p.csv", csv.as_bytes()).is_ok());
}

#[test]
fn a_row_with_more_cells_than_the_header_is_an_error() {
    let csv = "Name,Title,Team\nAna Ruiz,Engineer,Core\nBo Park,Engineer,Core,Bob\n";
    let e = read("p.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(
        e,
        "p.csv:3: this row has 4 cells but the header has 3; a value holding \",\" needs quotes around it"
    );
    // Trailing empty cells are not extra values.
    let csv = "Name,Title,Team\nAna Ruiz,Engineer,Core,,\n";
    assert!(read("p.csv", csv.as_bytes()).is_ok());
}

#[test]
fn a_repeated_header_that_is_read_is_an_error() {
    let csv = "Name,Title,Team,Title\nAna Ruiz,Engineer,Core,Staff Engineer\n";
    let e = import_bytes("p.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(
        e,
        "p.csv:1: the header \"Title\" appears twice (columns 2 and 4); rename or remove one so it is clear which holds the job title"
    );
    let csv = "Name,Manager,Team,Manager\nAna Ruiz,,Core,\n";
    let e = import_bytes("p.csv", csv.as_bytes()).unwrap_err();
    assert!(e.contains("\"Manager\" appears twice"), "{e}");
    // A repeated header nobody reads is no problem.
    let csv = "Name,Notes,Notes\nAna Ruiz,a,b\n";
    assert!(import_bytes("p.csv", csv.as_bytes()).is_ok());
}

#[test]
fn windows_1252_text_is_read_as_such_and_binary_names_where() {
    // "Zoë Tran" and "Renée" in Windows-1252 (ë = 0xEB, é = 0xE9), and a
    // curly apostrophe (0x92).
    let mut b = b"Name,Title\nZo".to_vec();
    b.push(0xEB);
    b.extend(b" Tran,Engineer\nRen");
    b.push(0xE9);
    b.extend(b"e O");
    b.push(0x92);
    b.extend(b"Neil,Engineer\n");
    let o = import_bytes("p.csv", &b).unwrap();
    assert_eq!(o.people[0].name, "Zoë Tran");
    assert_eq!(o.people[1].name, "Renée O’Neil");
    let t = read("p.csv", &b).unwrap();
    assert_eq!(t.encoding, Some("Windows-1252"));
    // Binary data: where it is.
    let mut b = b"Name,Title\nAna,Engineer\nBo,".to_vec();
    b.extend([0u8, 0x9F, 0x92]);
    let e = read("p.csv", &b).unwrap_err();
    assert!(e.contains("binary data on row 3, column 2"), "{e}");
    assert!(!e.contains('\n'));
}

/// A sheet's cells: (reference, text).
type Cells<'a> = &'a [(&'a str, &'a str)];

/// A minimal .xlsx: sheets of (name, hidden, cells).
fn xlsx(sheets: &[(&str, bool, Cells)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opt = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, body: String| {
        zip.start_file(name, opt).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    };
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    for i in 0..sheets.len() {
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#, i + 1));
    }
    types.push_str("</Types>");
    put("[Content_Types].xml", types);
    put("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string());
    let mut wb = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (name, hidden, _)) in sheets.iter().enumerate() {
        let state = if *hidden { r#" state="hidden""# } else { "" };
        wb.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{}"{state} r:id="rId{}"/>"#,
            i + 1,
            i + 1
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.xml"/>"#, i + 1, i + 1));
    }
    wb.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    put("xl/workbook.xml", wb);
    put("xl/_rels/workbook.xml.rels", rels);
    for (i, (_, _, cells)) in sheets.iter().enumerate() {
        let mut body = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        );
        // Cells grouped by row number.
        let row_of = |r: &str| {
            r.trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .parse::<u32>()
                .unwrap()
        };
        let mut rows: Vec<u32> = cells.iter().map(|(r, _)| row_of(r)).collect();
        rows.sort();
        rows.dedup();
        for row in rows {
            body.push_str(&format!(r#"<row r="{row}">"#));
            for (r, t) in cells.iter().filter(|(r, _)| row_of(r) == row) {
                body.push_str(&format!(
                    r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#
                ));
            }
            body.push_str("</row>");
        }
        body.push_str("</sheetData></worksheet>");
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), body);
    }
    zip.finish().unwrap().into_inner()
}

const PEOPLE: &[(&str, &str)] = &[
    ("A1", "Name"),
    ("B1", "Job Title"),
    ("C1", "Manager"),
    ("A2", "Ana Ruiz"),
    ("B2", "Engineering Manager"),
    ("A3", "Bo Park"),
    ("B3", "Software Engineer"),
    ("C3", "Ana Ruiz"),
];

#[test]
fn a_far_off_cell_is_one_line_not_an_abort() {
    let mut cells = PEOPLE.to_vec();
    cells.push(("XFD1048576", "x"));
    let book = xlsx(&[("People", false, &cells)]);
    let e = read("p.xlsx", &book).unwrap_err();
    assert_eq!(
        e,
        "p.xlsx: sheet \"People\" row 1048576: cell XFD1048576 is right of the header's last column (C); remove it or give it a header"
    );
    // Far down but within the columns: one more row, read at once.
    let mut cells = PEOPLE.to_vec();
    cells.push(("A1048576", "Cy Ho"));
    let t = read("p.xlsx", &xlsx(&[("People", false, &cells)])).unwrap();
    assert_eq!(t.len(), 3);
    assert_eq!(t.row_numbers[2], 1048576);
}

#[test]
fn the_first_visible_sheet_is_read_and_named() {
    let notes: &[(&str, &str)] = &[("A1", "Lookup"), ("A2", "x")];
    let book = xlsx(&[("Lookups", true, notes), ("People", false, PEOPLE)]);
    let t = read("p.xlsx", &book).unwrap();
    assert_eq!(t.sheet.as_deref(), Some("People"));
    let (_, s) = import(&t, "p.xlsx", &Options::default()).unwrap();
    assert!(s.text().contains("Read sheet \"People\""), "{}", s.text());
}

#[test]
fn truncated_and_misnamed_spreadsheets_say_what_they_are() {
    let book = xlsx(&[("People", false, PEOPLE)]);
    let cut = &book[..book.len() / 2];
    let e = read("p.xlsx", cut).unwrap_err();
    assert!(e.starts_with("p.xlsx: is truncated or damaged"), "{e}");
    // A CSV saved with an .xlsx name is read as the CSV it is, and said so.
    let t = read("p.xlsx", b"Name,Title\nAna,Engineer\n").unwrap();
    assert_eq!(t.len(), 1);
    assert!(t.encoding.unwrap().contains("named like a spreadsheet"));
}

#[test]
fn text_survives_export_and_reimport() {
    let csv = "Employee ID,Name,Job Title\n1,'=HYPERLINK(\"x\"),Software Engineer\n2,\"Tab\there\",Software Engineer\n";
    let o = import_bytes("p.csv", csv.as_bytes()).unwrap();
    assert_eq!(
        o.people[0].name, "=HYPERLINK(\"x\")",
        "the guard is not part of the name"
    );
    let out = orgplan::import::export_people_csv(&o);
    assert!(out.contains("'=HYPERLINK"), "exports guard formulas: {out}");
    assert!(!out.contains("\\u{"), "no escapes written as text: {out}");
    let again = import_bytes("again.csv", out.as_bytes()).unwrap();
    assert_eq!(again.people[0].name, o.people[0].name);
    assert_eq!(again.people[1].name, o.people[1].name);
    // A newline in a title cannot forge a line of the summary.
    let csv = "Name,Title\nAna,\"Engineer\nerror L001 forged\"\n";
    let t = read("p.csv", csv.as_bytes()).unwrap();
    let (_, s) = import(&t, "p.csv", &Options::default()).unwrap();
    assert!(
        !s.text().lines().any(|l| l.starts_with("error L001")),
        "{}",
        s.text()
    );
}

/// A minimal .ods whose one far cell sits `rows` rows below and `cols`
/// columns right of two people.
fn ods(rows: u32, cols: u32) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    let cell = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="People"><table:table-row>{}{}</table:table-row><table:table-row>{}{}</table:table-row><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="2"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="{cols}"/>{}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        cell("Name"),
        cell("Job Title"),
        cell("Ana Ruiz"),
        cell("Software Engineer"),
        cell("x")
    );
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_far_cell_in_an_ods_is_one_line_not_a_huge_grid() {
    let e = read("p.ods", &ods(1_048_000, 16_000)).unwrap_err();
    assert!(e.starts_with("p.ods: is too large a grid"), "{e}");
    assert!(!e.contains('\n'));
    // Near cells: read, and the cell right of the header is named.
    let e = read("p.ods", &ods(2, 3)).unwrap_err();
    assert!(
        e.contains("is right of the header's last column (B)"),
        "{e}"
    );
}
