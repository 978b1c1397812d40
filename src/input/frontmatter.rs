//! Splits a Markdown file into its YAML front matter and body, keeping byte offsets.

/// Where the front matter and the body lie in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Byte offset of the YAML text (after the opening `---` line).
    pub yaml_start: usize,
    /// Length of the YAML text in bytes.
    pub yaml_len: usize,
    /// Byte offset of the Markdown body (after the closing line).
    pub body_start: usize,
}

/// Why a file has no usable front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// The opening `---` has no closing `---` or `...` line.
    Unterminated,
}

/// Finds the front matter: a first line `---`, then YAML, then a line `---` or `...`.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or(SplitError::Missing)?;
    if first.trim_end() != "---" {
        return Err(SplitError::Missing);
    }
    let yaml_start = first.len();
    let mut pos = yaml_start;
    for line in lines {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Ok(Split { yaml_start, yaml_len: pos - yaml_start, body_start: pos + line.len() });
        }
        pos += line.len();
    }
    Err(SplitError::Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_at_yaml_and_body() {
        let t = "---\nloai: bao-cao\n---\nNội dung\n";
        let s = split(t).unwrap();
        assert_eq!(&t[s.yaml_start..s.yaml_start + s.yaml_len], "loai: bao-cao\n");
        assert_eq!(&t[s.body_start..], "Nội dung\n");
    }

    #[test]
    fn missing_and_unterminated() {
        assert_eq!(split("# Tiêu đề\n"), Err(SplitError::Missing));
        assert_eq!(split("---\nloai: x\n"), Err(SplitError::Unterminated));
    }
}
