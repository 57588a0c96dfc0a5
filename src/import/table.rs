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
    pub fn cell(&self, row: usize, col: Option<usize>) -> &str {
        let Some(c) = col else { return "" };
        let k = self.starts[row] as usize + c;
        if k < self.starts[row + 1] as usize {
            self.raw(k).trim()
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
    read_csv(&text, path)
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
            .map_err(|e| not_text(path, e));
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
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|e| not_text(path, e))
}

fn not_text(path: &str, e: std::str::Utf8Error) -> ImportError {
    ImportError::file(
        path,
        format!(
            "is not a CSV file or a spreadsheet (not UTF-8 text at byte {}); export it as CSV (UTF-8) or .xlsx",
            e.valid_up_to()
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
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(p.byte() as usize));
            ImportError::row(path, line, format!("cannot read this row: {e}"))
        })?;
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = rec.position().map_or(0, |p| line_at(p.byte() as usize));
        table.push_row(rec.iter(), line);
    }
    table.shrink();
    Ok(table)
}

fn read_sheet(bytes: &[u8], path: &str, sheet: Option<&str>) -> Result<Table, ImportError> {
    use calamine::Reader;
    let bytes = bytes.to_vec();
    // A damaged file must give an error, never a panic.
    let result = std::panic::catch_unwind(move || -> Result<Table, String> {
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e| format!("is not a spreadsheet calamine can read ({e})"))?;
        let names = book.sheet_names();
        let name = match sheet {
            Some(s) => names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(s))
                .cloned()
                .ok_or_else(|| format!("has no sheet \"{s}\" (sheets: {})", names.join(", ")))?,
            None => names
                .first()
                .cloned()
                .ok_or_else(|| "has no sheets".to_string())?,
        };
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("sheet \"{name}\": {e}"))?;
        let first_row = range.start().map_or(0, |(r, _)| r as usize);
        let mut rows = range.rows().enumerate();
        // Skip `#` lines and blank rows before the header.
        let (header_index, header) = loop {
            match rows.next() {
                Some((i, r)) => {
                    let first = r.first().map(|c| c.to_string()).unwrap_or_default();
                    if first.trim_start().starts_with('#')
                        || r.iter().all(|c| c.to_string().trim().is_empty())
                    {
                        continue;
                    }
                    break (i, r);
                }
                None => return Err(format!("sheet \"{name}\" is empty: no header row")),
            }
        };
        let _ = header_index;
        let mut table = Table::new(
            header
                .iter()
                .map(|c| c.to_string().trim().to_string())
                .collect(),
        );
        for (i, r) in rows {
            let cells: Vec<String> = r.iter().map(|c| c.to_string()).collect();
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            table.push_row(cells.iter().map(String::as_str), first_row + i + 1);
        }
        table.shrink();
        Ok(table)
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
