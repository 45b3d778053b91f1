//! Where things are in a JSON text that serde_json has already accepted: the line and column
//! (1-based, columns in characters) of the value at a path, and the first key written twice in
//! one object (serde_json would silently keep the last one).

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A key that appears twice in one object: the path of the object and where the second one is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Duplicate {
    pub path: Vec<Seg>,
    pub key: String,
    pub pos: Pos,
}

/// Calls `on_value` with the path and start of every value of valid JSON `text`, in document
/// order; stops at the first duplicated key.
pub(crate) fn walk(text: &str, on_value: &mut dyn FnMut(&[Seg], Pos)) -> Result<(), Duplicate> {
    let mut w = Walker { s: text.as_bytes(), text, i: 0, pos: Pos { line: 1, column: 1 }, path: Vec::new(), on_value };
    w.ws();
    w.value()
}

/// Where the values at `paths` start (`None` for a path not in the text). One pass over the
/// text, each value looked up by its path: linear in the text, whatever the number of paths.
pub(crate) fn locate(text: &str, paths: &[Vec<Seg>]) -> Vec<Option<Pos>> {
    let mut wanted: std::collections::HashMap<&[Seg], Vec<usize>> = std::collections::HashMap::new();
    for (k, p) in paths.iter().enumerate() {
        wanted.entry(p.as_slice()).or_default().push(k);
    }
    let mut found = vec![None; paths.len()];
    let _ = walk(text, &mut |path, pos| {
        if let Some(ks) = wanted.remove(path) {
            for k in ks {
                found[k] = Some(pos);
            }
        }
    });
    found
}

/// serde_json reports columns in bytes; this turns one into a column in characters.
pub(crate) fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(l) = text.split('\n').nth(line.saturating_sub(1)) else { return byte_column.max(1) };
    let mut end = byte_column.min(l.len());
    while !l.is_char_boundary(end) {
        end += 1;
    }
    l[..end].chars().count().max(1)
}

struct Walker<'a, 'f> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    pos: Pos,
    path: Vec<Seg>,
    on_value: &'f mut dyn FnMut(&[Seg], Pos),
}

impl Walker<'_, '_> {
    fn peek(&self) -> u8 {
        self.s.get(self.i).copied().unwrap_or(0)
    }

    fn bump(&mut self) {
        let b = self.peek();
        self.i += 1;
        if b == b'\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else if b & 0xC0 != 0x80 {
            self.pos.column += 1;
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\r' | b'\n') {
            self.bump();
        }
    }

    fn value(&mut self) -> Result<(), Duplicate> {
        (self.on_value)(&self.path, self.pos);
        match self.peek() {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => {
                self.string();
                Ok(())
            }
            _ => {
                while self.i < self.s.len() && !matches!(self.peek(), b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                    self.bump();
                }
                Ok(())
            }
        }
    }

    /// Skips a string and returns its decoded content.
    fn string(&mut self) -> String {
        let start = self.i;
        self.bump();
        while self.i < self.s.len() {
            match self.peek() {
                b'\\' => {
                    self.bump();
                    self.bump();
                }
                b'"' => {
                    self.bump();
                    break;
                }
                _ => self.bump(),
            }
        }
        serde_json::from_str(&self.text[start..self.i]).unwrap_or_default()
    }

    fn object(&mut self) -> Result<(), Duplicate> {
        self.bump();
        let mut keys = std::collections::HashSet::new();
        loop {
            self.ws();
            match self.peek() {
                b'}' | 0 => break,
                b',' => {
                    self.bump();
                    continue;
                }
                _ => {}
            }
            let key_pos = self.pos;
            let key = self.string();
            if !keys.insert(key.clone()) {
                return Err(Duplicate { path: self.path.clone(), key, pos: key_pos });
            }
            self.ws();
            self.bump(); // ':'
            self.ws();
            self.path.push(Seg::Key(key));
            self.value()?;
            self.path.pop();
        }
        self.bump();
        Ok(())
    }

    fn array(&mut self) -> Result<(), Duplicate> {
        self.bump();
        let mut index = 0;
        loop {
            self.ws();
            match self.peek() {
                b']' | 0 => break,
                b',' => {
                    self.bump();
                    continue;
                }
                _ => {}
            }
            self.path.push(Seg::Index(index));
            self.value()?;
            self.path.pop();
            index += 1;
        }
        self.bump();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Seg {
        Seg::Key(s.into())
    }

    #[test]
    fn finds_values_by_path_with_char_columns() {
        let text = "{\n  \"买家\": {\"a\": [1, {\"b\": \"x\\\"y\"}],\n  \"c\": true}\n}";
        let got = locate(text, &[vec![], vec![k("买家"), k("a"), Seg::Index(1), k("b")], vec![k("买家"), k("c")], vec![k("nope")]]);
        assert_eq!(got[0], Some(Pos { line: 1, column: 1 }));
        assert_eq!(got[1], Some(Pos { line: 2, column: 25 }));
        assert_eq!(got[2], Some(Pos { line: 3, column: 8 }));
        assert_eq!(got[3], None);
    }

    #[test]
    fn escaped_keys_are_decoded_and_duplicates_found() {
        let text = "{\"a\": {\"\\u5c0f\": 1, \"小\": 2}}";
        let dup = walk(text, &mut |_, _| {}).unwrap_err();
        assert_eq!(dup.path, vec![k("a")]);
        assert_eq!(dup.key, "小");
        assert_eq!(dup.pos, Pos { line: 1, column: 21 });
        // The same key in different objects is fine.
        assert!(walk("[{\"a\":1},{\"a\":2}]", &mut |_, _| {}).is_ok());
    }

    #[test]
    fn byte_columns_become_char_columns() {
        let text = "{\n\"小鹿\": x}";
        let err = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert_eq!((err.line(), char_column(text, err.line(), err.column())), (2, 7));
    }
}
