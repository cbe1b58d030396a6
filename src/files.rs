//! Writing the files Ladder produces (workbooks): complete or not at all,
//! and readable by their owner only, since they hold personal data.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Writes `bytes` to `path` through a temporary file in the same folder, synced and then
/// renamed over the target, so a crash never leaves a half-written file behind.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |context: String| move |source| Error::io(context, source);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let result = (|| {
        let mut f = opts.open(&tmp).map_err(|e| {
            // Named as the user typed it: the temporary file is not theirs to know.
            let context = if dir.is_dir() {
                format!("saving {}", path.display())
            } else {
                format!(
                    "saving {}: the folder {} does not exist",
                    path.display(),
                    dir.display()
                )
            };
            Error::io(context, e)
        })?;
        f.write_all(bytes)
            .map_err(io(format!("writing {}", path.display())))?;
        f.sync_all()
            .map_err(io(format!("writing {}", path.display())))?;
        std::fs::rename(&tmp, path).map_err(io(format!("saving {}", path.display())))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Creates a folder (and its parents) for files holding personal data; a folder Ladder
/// creates is readable by its owner only. An existing folder is used as it is.
pub fn private_dir(path: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path).map_err(|source| Error::Io {
        context: format!("creating the folder {}", path.display()),
        source,
    })
}
