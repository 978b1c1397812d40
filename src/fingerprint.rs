//! What an output depends on, as SHA-256 digests: the source, the layout files, the ruleset,
//! the fonts and vanban's version. A batch's manifest records them with the output's own
//! digest, so `--changed-only` can tell an up-to-date output and `verify` can prove one.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The SHA-256 of `bytes`, in hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of several named parts, each length-prefixed so that no two lists collide.
pub fn sha256_parts<'a>(parts: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut h = Sha256::new();
    for (name, bytes) in parts {
        for chunk in [name.as_bytes(), bytes] {
            h.update((chunk.len() as u64).to_le_bytes());
            h.update(chunk);
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The inputs of one output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The source file, with the office profiles it inherits from.
    pub sha256_nguon: String,
    /// The layout files (embedded or overriding).
    pub sha256_bo_cuc: String,
    /// The resolved ruleset the document selects.
    pub sha256_quy_tac: String,
    /// The fonts available (family, variant, flags of each face).
    pub sha256_phong_chu: String,
    /// vanban's version.
    pub phien_ban: String,
    /// What the PDF was asked to be (PDF/A, signature fields).
    #[serde(default)]
    pub pdf: String,
    /// The images the document places, each with its content.
    #[serde(default)]
    pub sha256_anh: String,
    /// The outputs asked for besides the PDF (page images and their resolution, the signing
    /// boxes): a batch sets it.
    #[serde(default)]
    pub dau_ra: String,
}
