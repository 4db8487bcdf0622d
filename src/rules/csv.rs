//! Go's `encoding/csv` reader (`ReadAll`), as Hugo's `transform.Unmarshal` runs it: a
//! delimiter, an optional comment character, `LazyQuotes`, and every record with as many
//! fields as the first (Go's `FieldsPerRecord` 0). Errors are Go's messages.

/// What the reader is told (Hugo's decoder options).
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub delimiter: char,
    pub comment: Option<char>,
    pub lazy_quotes: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            delimiter: ',',
            comment: None,
            lazy_quotes: false,
        }
    }
}

/// Go's `csv.Reader.ReadAll`. Lines end at `\n` (a `\r\n` is one end); blank lines and
/// comment lines are skipped; a quoted field may hold the delimiter, newlines and `""`.
pub fn read_all(text: &str, options: Options) -> Result<Vec<Vec<String>>, String> {
    let text = text.replace("\r\n", "\n");
    let chars: Vec<char> = text.chars().collect();
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut expected: Option<usize> = None;
    let mut i = 0;
    let mut line = 1;
    while i < chars.len() {
        // A blank line, or a comment line, is no record.
        if chars[i] == '\n' {
            i += 1;
            line += 1;
            continue;
        }
        if Some(chars[i]) == options.comment {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        let record_line = line;
        let mut record = Vec::new();
        loop {
            let mut field = String::new();
            let column = |i: usize| {
                let start = chars[..i].iter().rposition(|c| *c == '\n').map_or(0, |p| p + 1);
                i - start + 1
            };
            if i < chars.len() && chars[i] == '"' {
                // A quoted field.
                let quote_line = line;
                let quote_column = column(i);
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            if options.lazy_quotes {
                                break;
                            }
                            return Err(format!(
                                "record on line {record_line}; parse error on line \
                                 {quote_line}, column {quote_column}: extraneous or missing \" \
                                 in quoted-field"
                            ));
                        }
                        Some('"') if chars.get(i + 1) == Some(&'"') => {
                            field.push('"');
                            i += 2;
                        }
                        Some('"') => {
                            i += 1;
                            match chars.get(i) {
                                None | Some('\n') => break,
                                Some(c) if *c == options.delimiter => break,
                                Some(_) if options.lazy_quotes => field.push('"'),
                                Some(_) => {
                                    return Err(format!(
                                        "parse error on line {line}, column {}: extraneous or missing \" in quoted-field",
                                        column(i)
                                    ))
                                }
                            }
                        }
                        Some(c) => {
                            if *c == '\n' {
                                line += 1;
                            }
                            field.push(*c);
                            i += 1;
                        }
                    }
                }
            } else {
                while let Some(&c) = chars.get(i) {
                    if c == options.delimiter || c == '\n' {
                        break;
                    }
                    if c == '"' && !options.lazy_quotes {
                        return Err(format!(
                            "parse error on line {line}, column {}: bare \" in non-quoted-field",
                            column(i) - 1
                        ));
                    }
                    field.push(c);
                    i += 1;
                }
            }
            record.push(field);
            match chars.get(i) {
                Some(c) if *c == options.delimiter => i += 1,
                Some('\n') => {
                    i += 1;
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        match expected {
            None => expected = Some(record.len()),
            Some(count) if count != record.len() => {
                return Err(format!(
                    "record on line {record_line}: wrong number of fields"
                ))
            }
            Some(_) => {}
        }
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_go_reads() {
        let records = read_all("a,b\n1,\"x,y\"\n3,4", Options::default()).unwrap();
        assert_eq!(
            records,
            vec![vec!["a", "b"], vec!["1", "x,y"], vec!["3", "4"]]
        );
        assert_eq!(
            read_all("a,b\n1,2,3", Options::default()).unwrap_err(),
            "record on line 2: wrong number of fields"
        );
        let semicolons = Options {
            delimiter: ';',
            ..Options::default()
        };
        assert_eq!(
            read_all("a;b\n\n1;\"q\"\"q\"\n", semicolons).unwrap(),
            vec![vec!["a", "b"], vec!["1", "q\"q"]]
        );
    }
}
