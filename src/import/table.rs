//! Reading an HR export into rows of text: CSV (delimiter and encoding
//! detected) or a spreadsheet (`.xlsx`, `.xls`, `.xlsb`, `.ods`, through
//! calamine). No GUI code.

use super::ImportError;
use std::borrow::Cow;

/// An export as text: its headers and rows, each row with the number a user
/// sees for it (the line in a CSV file, the row in a sheet). The cells are
/// kept back to back in one string (a 100,000-row export is two
/// allocations, not 700,000).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    /// The sheet read, for a spreadsheet.
    pub sheet: Option<String>,
    /// The header's row number.
    pub header_line: usize,
    /// How the text was decoded, when it was not UTF-8 ("Windows-1252").
    pub encoding: Option<&'static str>,
    pub row_numbers: Vec<usize>,
    text: String,
    /// The end of each cell in `text`.
    ends: Vec<u32>,
    /// Each row's first cell in `ends`, and one past the last row.
    starts: Vec<u32>,
}

impl Table {
    pub fn new(headers: Vec<String>) -> Table {
        Table {
            headers,
            starts: vec![0],
            ..Table::default()
        }
    }

    /// Adds a row (`number` as the user sees it).
    pub fn push_row<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>, number: usize) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        for c in cells {
            self.text.push_str(c);
            self.ends.push(self.text.len() as u32);
        }
        self.starts.push(self.ends.len() as u32);
        self.row_numbers.push(number);
    }

    /// Frees what growing left unused.
    fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.row_numbers.shrink_to_fit();
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.row_numbers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.row_numbers.is_empty()
    }

    /// Row `row`'s cells, as read.
    pub fn row(&self, row: usize) -> Vec<&str> {
        (self.starts[row] as usize..self.starts[row + 1] as usize)
            .map(|k| self.raw(k))
            .collect()
    }

    fn raw(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.text[start..self.ends[k] as usize]
    }

    /// A cell, trimmed; empty when the row is short or there is no column.
    /// The `'` that guards a formula-like cell (`'=HYPERLINK…`, as
    /// `orgplan export` and spreadsheets write them) is removed.
    pub fn cell(&self, row: usize, col: Option<usize>) -> &str {
        let Some(c) = col else { return "" };
        let k = self.starts[row] as usize + c;
        if k < self.starts[row + 1] as usize {
            let v = self.raw(k).trim();
            match v.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
                _ => v,
            }
        } else {
            ""
        }
    }
}

/// The spreadsheet formats, by file extension.
pub fn is_spreadsheet(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"]
        .iter()
        .any(|e| p.ends_with(e))
}

/// Reads an export from its bytes; `path` names it in errors and picks the
/// format (spreadsheet extensions; anything else is read as CSV).
pub fn read(bytes: &[u8], path: &str, sheet: Option<&str>) -> Result<Table, ImportError> {
    if is_spreadsheet(path) || looks_like_spreadsheet(bytes) {
        return read_sheet(bytes, path, sheet);
    }
    if sheet.is_some() {
        return Err(ImportError::file(
            path,
            "--sheet is for spreadsheets (.xlsx, .xls, .ods); this is a CSV file",
        ));
    }
    let text = decode(bytes, path)?;
    let mut table = read_csv(&text, path)?;
    if std::str::from_utf8(bytes).is_err() && looks_like_1252_text(bytes) {
        table.encoding = Some("Windows-1252");
    }
    Ok(table)
}

/// The sheets of a spreadsheet, in order; empty for a CSV file or one
/// that cannot be read (reading it then says why).
pub fn sheet_names(bytes: &[u8], path: &str) -> Vec<String> {
    use calamine::Reader;
    if !(is_spreadsheet(path) || looks_like_spreadsheet(bytes)) {
        return Vec::new();
    }
    let bytes = bytes.to_vec();
    std::panic::catch_unwind(move || {
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .map(|b| b.sheet_names())
            .unwrap_or_default()
    })
    .unwrap_or_default()
}

/// Zip (xlsx, ods) or OLE (xls) magic numbers.
fn looks_like_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Text from CSV bytes: UTF-8 with or without BOM, or UTF-16 (with a BOM,
/// or without one when every other byte is zero, as Excel's "Unicode text").
fn decode<'a>(bytes: &'a [u8], path: &str) -> Result<Cow<'a, str>, ImportError> {
    let utf16 = |b: &[u8], le: bool| -> Result<Cow<'a, str>, ImportError> {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map(Cow::Owned).map_err(|_| {
            ImportError::file(path, "is not valid UTF-16 text; save it as CSV (UTF-8)")
        })
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|e| not_text(path, rest, e));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    // UTF-16 without a BOM: zero bytes in every other position.
    if bytes.len() >= 4 {
        let sample = &bytes[..bytes.len().min(4096) & !1];
        let odd_zero = sample
            .iter()
            .skip(1)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count();
        let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
        let half = sample.len() / 2;
        if odd_zero * 10 > half * 9 && even_zero == 0 {
            return utf16(bytes, true);
        }
        if even_zero * 10 > half * 9 && odd_zero == 0 {
            return utf16(bytes, false);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(Cow::Borrowed(t)),
        // Not UTF-8 but text: what Excel on Windows writes as "CSV"
        // (Windows-1252). Binary data is refused, naming where.
        Err(e) if looks_like_1252_text(bytes) => {
            let _ = e;
            Ok(Cow::Owned(from_windows_1252(bytes)))
        }
        Err(e) => Err(not_text(path, bytes, e)),
    }
}

/// Windows-1252's characters for the bytes 0x80–0x9F (the rest are
/// Latin-1, the same code points as the bytes).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn from_windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            b => b as char,
        })
        .collect()
}

/// Text in a single-byte encoding: no NUL or other control bytes but tab,
/// CR, LF; none of the bytes Windows-1252 leaves undefined.
fn looks_like_1252_text(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| {
        !(b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n')
            || matches!(b, 0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
    })
}

/// Where bytes that are not text are: the row (line) and column.
fn not_text(path: &str, bytes: &[u8], e: std::str::Utf8Error) -> ImportError {
    let at = e.valid_up_to();
    let before = &bytes[..at];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let head_end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let delim = delimiter(&String::from_utf8_lossy(&bytes[..head_end]));
    let column = 1 + bytes[line_start..at]
        .iter()
        .filter(|&&b| b == delim)
        .count();
    ImportError::file(
        path,
        format!(
            "is not a CSV file or a spreadsheet (binary data on row {line}, column {column}, byte {at}: neither UTF-8 nor Windows-1252 text); export it as CSV (UTF-8) or .xlsx"
        ),
    )
}

/// The delimiter of a header line: the most frequent of `,` `;` and tab
/// outside quotes.
fn delimiter(header: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn read_csv(text: &str, path: &str) -> Result<Table, ImportError> {
    if text.contains('\0') {
        return Err(ImportError::file(
            path,
            "is not a CSV file or a spreadsheet (it holds binary data); export it as CSV or .xlsx",
        ));
    }
    // Lines starting with `#` before the header are skipped (draw.io keeps
    // its import settings there).
    let mut skipped = 0;
    let mut rest = text;
    loop {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = &rest[..line_end];
        if line.trim_start().starts_with('#')
            || (line.trim().is_empty() && line_end > 0 && line_end < rest.len())
        {
            skipped += 1;
            rest = &rest[line_end..];
            continue;
        }
        break;
    }
    let header_line = rest.lines().next().unwrap_or("");
    if header_line.trim().is_empty() {
        return Err(ImportError::file(path, "is empty: no header row"));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(header_line))
        .flexible(true)
        .has_headers(true)
        .from_reader(rest.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::file(path, format!("cannot read the header row: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut table = Table::new(headers);
    table.header_line = skipped + 1;
    // The cells are never longer than the file.
    table.text.reserve(rest.len());
    // Line numbers from byte offsets (the csv crate's own line count is
    // off for CRLF files); counted forward, so linear in the file.
    let bytes = rest.as_bytes();
    let mut counted = (0usize, 1usize);
    let mut line_at = |byte: usize| {
        // A record's position can point at the line ending before it.
        let mut byte = byte.min(bytes.len());
        while byte < bytes.len() && matches!(bytes[byte], b'\r' | b'\n') {
            byte += 1;
        }
        if byte >= counted.0 {
            counted.1 += bytes[counted.0..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
        } else {
            counted.1 = 1 + bytes[..byte].iter().filter(|&&b| b == b'\n').count();
        }
        counted.0 = byte;
        counted.1 + skipped
    };
    let width = table.headers.len();
    let delim = delimiter(header_line) as char;
    let mut last_line = 0;
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(p.byte() as usize));
            ImportError::row(path, line, format!("cannot read this row: {e}"))
        })?;
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = rec.position().map_or(0, |p| line_at(p.byte() as usize));
        last_line = line;
        // More cells than the header names: a value with the delimiter in
        // it and no quotes around it shifts every cell after it.
        if rec.len() > width && rec.iter().skip(width).any(|c| !c.trim().is_empty()) {
            return Err(ImportError::row(
                path,
                line,
                format!(
                    "this row has {} cells but the header has {width}; a value holding \"{}\" needs quotes around it",
                    rec.len(),
                    if delim == '\t' {
                        "\\t".to_string()
                    } else {
                        delim.to_string()
                    }
                ),
            ));
        }
        // A quote that swallows whole lines: a cell holding line breaks
        // followed by what reads as rows.
        for c in rec.iter() {
            if c.contains('\n')
                && c.lines()
                    .skip(1)
                    .any(|l| l.matches(delim).count() + 1 >= width.max(2))
            {
                return Err(ImportError::row(
                    path,
                    line,
                    "a quote (\") in this row is not closed where the cell ends, so the lines after it would be read as one cell; close or remove the quote",
                ));
            }
        }
        table.push_row(rec.iter(), line);
    }
    // A quote never closed reads the rest of the file into one cell.
    if rest.bytes().filter(|&b| b == b'"').count() % 2 == 1
        && let Some(last) = table.len().checked_sub(1)
        && table.row(last).iter().any(|c| c.contains('\n'))
    {
        return Err(ImportError::row(
            path,
            last_line,
            "a quote (\") opened in this row is never closed, so the rest of the file would be read as one cell; close or remove the quote",
        ));
    }
    table.shrink();
    Ok(table)
}

/// The most an export's packed parts may unpack to (a spreadsheet is a
/// zip archive; a small file can claim gigabytes).
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// The most columns a sheet's header may have.
const MAX_COLUMNS: usize = 4096;

/// Excel's column letters for a 0-based column ("A", "XFD").
fn column_letters(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A zip archive's problems before any part of it is unpacked: truncated,
/// or unpacking to more than [`MAX_UNPACKED_BYTES`].
fn check_zip(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        format!("is truncated or damaged (its zip archive cannot be read: {e}); save it again from the spreadsheet program")
    })?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| {
            format!("is truncated or damaged ({e}); save it again from the spreadsheet program")
        })?;
        total = total.saturating_add(f.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(format!(
            "unpacks to {} MiB, more than the {} MiB an export may hold; save only the people's sheet, or export it as CSV",
            total / (1024 * 1024),
            MAX_UNPACKED_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// Cells by row, as a spreadsheet holds them (only those that exist).
struct Sparse {
    /// (row, column, text), in row order.
    cells: Vec<(u32, u32, String)>,
}

fn sparse_from_range(range: &calamine::Range<calamine::Data>) -> Sparse {
    let mut cells = Vec::new();
    for (r, c, v) in range.used_cells() {
        let t = v.to_string();
        if !t.trim().is_empty() {
            let (r0, c0) = range.start().unwrap_or((0, 0));
            cells.push((r0 + r as u32, c0 + c as u32, t));
        }
    }
    Sparse { cells }
}

fn read_sheet(bytes: &[u8], path: &str, sheet: Option<&str>) -> Result<Table, ImportError> {
    use calamine::{Reader, Sheets};
    let zipped = bytes.starts_with(b"PK\x03\x04");
    if !looks_like_spreadsheet(bytes) {
        // Named like a spreadsheet, holding text: read it as the CSV it is.
        if std::str::from_utf8(bytes).is_ok() || looks_like_1252_text(bytes) {
            let text = decode(bytes, path)?;
            let mut t = read_csv(&text, path)?;
            t.encoding = Some("CSV text (the file is named like a spreadsheet but holds text)");
            return Ok(t);
        }
        return Err(ImportError::file(
            path,
            "is named like a spreadsheet but is neither a spreadsheet nor text; export it again as .xlsx or CSV",
        ));
    }
    if zipped && let Err(msg) = check_zip(bytes) {
        return Err(ImportError::file(path, msg));
    }
    let bytes = bytes.to_vec();
    let lower = path.to_ascii_lowercase();
    // A damaged file must give an error, never a panic.
    let result = std::panic::catch_unwind(move || -> Result<Table, String> {
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).map_err(|e| {
            // The reader the file's name asks for says what is wrong better
            // than "Cannot detect file format".
            let m = why_not(&bytes, &lower).unwrap_or_else(|| e.to_string());
            if m.contains("password") || m.contains("Password") {
                "is password-protected; open it, save a copy without a password, and import that".to_string()
            } else if m.contains("limit exceeded") || m.contains("capped") {
                format!("is too large a grid ({m}): a cell far below or right of the people makes the sheet that large; delete the far rows and columns, or export it as CSV")
            } else if m.contains("zip") || m.contains("Zip") || m.contains("EOF") || m.contains("eof") {
                format!("is truncated or damaged ({m}); save it again from the spreadsheet program")
            } else {
                format!("is not a spreadsheet orgplan can read ({m}); export it as .xlsx or CSV")
            }
        })?;
        let meta: Vec<(String, bool)> = book
            .sheets_metadata()
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.visible == calamine::SheetVisible::Visible
                        && s.typ == calamine::SheetType::WorkSheet,
                )
            })
            .collect();
        let names: Vec<String> = meta.iter().map(|(n, _)| n.clone()).collect();
        let name = match sheet {
            Some(s) => names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(s))
                .cloned()
                .ok_or_else(|| format!("has no sheet \"{s}\" (sheets: {})", names.join(", ")))?,
            // The first visible worksheet (a hidden first sheet of lookups
            // is not the people).
            None => meta
                .iter()
                .find(|(_, visible)| *visible)
                .or(meta.first())
                .map(|(n, _)| n.clone())
                .ok_or_else(|| "has no sheets".to_string())?,
        };
        let sparse = match &mut book {
            Sheets::Xlsx(x) => {
                // Only the cells that exist: one far cell (XFD1048576)
                // would otherwise make a grid of billions.
                let mut reader = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| format!("sheet \"{name}\": {e}"))?;
                let mut cells = Vec::new();
                while let Some(c) = reader
                    .next_cell()
                    .map_err(|e| format!("sheet \"{name}\": {e}"))?
                {
                    let (r, col) = c.get_position();
                    let t = calamine::Data::from(c.get_value().clone()).to_string();
                    if !t.trim().is_empty() {
                        cells.push((r, col, t));
                    }
                }
                cells.sort_by_key(|&(r, c, _)| (r, c));
                Sparse { cells }
            }
            other => {
                let range = other
                    .worksheet_range(&name)
                    .map_err(|e| format!("sheet \"{name}\": {e}"))?;
                sparse_from_range(&range)
            }
        };
        table_from_cells(sparse, &name)
    });
    match result {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(msg)) => Err(ImportError::file(path, msg)),
        Err(_) => Err(ImportError::file(
            path,
            "is a damaged spreadsheet; open it in a spreadsheet program and save it again",
        )),
    }
}

/// Why the reader for this file name's format cannot open it.
fn why_not(bytes: &[u8], lower_path: &str) -> Option<String> {
    use calamine::{Ods, Reader, Xls, Xlsb, Xlsx};
    let c = || std::io::Cursor::new(bytes);
    let e = if lower_path.ends_with(".ods") {
        Ods::new(c()).err()?.to_string()
    } else if lower_path.ends_with(".xls") {
        Xls::new(c()).err()?.to_string()
    } else if lower_path.ends_with(".xlsb") {
        Xlsb::new(c()).err()?.to_string()
    } else if lower_path.ends_with(".xlsx") || lower_path.ends_with(".xlsm") {
        Xlsx::new(c()).err()?.to_string()
    } else {
        return None;
    };
    Some(e)
}

/// Rows from a sheet's cells: `#` lines and blank rows before the header
/// skipped; a cell right of the header's last column is an error naming it.
fn table_from_cells(sparse: Sparse, name: &str) -> Result<Table, String> {
    let mut rows: Vec<(u32, Vec<(u32, String)>)> = Vec::new();
    for (r, c, t) in sparse.cells {
        match rows.last_mut() {
            Some((lr, v)) if *lr == r => v.push((c, t)),
            _ => rows.push((r, vec![(c, t)])),
        }
    }
    let mut it = rows.into_iter();
    let (header_row, header) = loop {
        match it.next() {
            Some((r, cells)) => {
                if cells
                    .first()
                    .is_some_and(|(c, t)| *c == 0 && t.trim_start().starts_with('#'))
                {
                    continue;
                }
                break (r, cells);
            }
            None => return Err(format!("sheet \"{name}\" is empty: no header row")),
        }
    };
    let width = header.last().map_or(0, |(c, _)| *c as usize + 1);
    if width > MAX_COLUMNS {
        return Err(format!(
            "sheet \"{name}\" row {}: the header reaches column {} ({}); an export has at most {MAX_COLUMNS} columns",
            header_row + 1,
            column_letters(width as u32 - 1),
            width
        ));
    }
    let mut headers = vec![String::new(); width];
    for (c, t) in header {
        headers[c as usize] = t.trim().to_string();
    }
    let mut table = Table::new(headers);
    table.sheet = Some(name.to_string());
    table.header_line = header_row as usize + 1;
    let mut row = vec![String::new(); width];
    for (r, cells) in it {
        for (c, t) in cells {
            if c as usize >= width {
                return Err(format!(
                    "sheet \"{name}\" row {}: cell {}{} is right of the header's last column ({}); remove it or give it a header",
                    r + 1,
                    column_letters(c),
                    r + 1,
                    column_letters(width as u32 - 1)
                ));
            }
            row[c as usize] = t;
        }
        table.push_row(row.iter().map(String::as_str), r as usize + 1);
        for x in &mut row {
            x.clear();
        }
    }
    table.shrink();
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_and_encodings() {
        let t = read(b"a;b;c\n1;2;3\n", "x.csv", None).unwrap();
        assert_eq!(t.headers, ["a", "b", "c"]);
        assert_eq!(t.row(0), ["1", "2", "3"]);
        let t = read(b"a\tb\n1\t2\n", "x.txt", None).unwrap();
        assert_eq!(t.row(0), ["1", "2"]);
        // UTF-16LE with BOM, tab-separated (Excel's "Unicode text").
        let mut b = vec![0xFF, 0xFE];
        for u in "Name\tTitle\r\nZoë\tEngineer\r\n".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        let t = read(&b, "x.txt", None).unwrap();
        assert_eq!(t.row(0), ["Zoë", "Engineer"]);
        // BOM + CRLF.
        let t = read("\u{feff}A,B\r\n1,2\r\n".as_bytes(), "x.csv", None).unwrap();
        assert_eq!(t.headers, ["A", "B"]);
        assert_eq!(t.row_numbers, [2]);
        // Comment lines before the header.
        let t = read(
            b"# label: %name%\n# identity: id\nid,name\n1,A\n",
            "x.csv",
            None,
        )
        .unwrap();
        assert_eq!(t.headers, ["id", "name"]);
        assert_eq!(t.row_numbers, [4]);
    }

    #[test]
    fn binary_is_refused() {
        assert!(read(&[0xFF, 0x00, 0x13, 0x37, 0xC3], "x.csv", None).is_err());
        assert!(read(b"PK\x03\x04garbage", "x.xlsx", None).is_err());
    }
}
