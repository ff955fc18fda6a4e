//! Checks on stdout before a run writes to it.

use anyhow::{Result, bail};

/// Fails when stdout was closed when pith started (`pith … >&-`). The Rust
/// runtime opens `/dev/null` (read-write) in place of a closed standard
/// descriptor, so writes would succeed, the text would be lost and the
/// status would be 0. A shell's `> /dev/null` opens it write-only: that
/// choice to discard is left alone.
pub fn ensure_open() -> Result<()> {
    if closed_at_start() {
        bail!("stdout is closed: the text would be lost (give -o, or leave stdout open)");
    }
    Ok(())
}

#[cfg(unix)]
fn closed_at_start() -> bool {
    use std::os::fd::{AsFd, AsRawFd};
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let stdout = std::io::stdout();
    // SAFETY: F_GETFL reads the flags of a descriptor; it changes nothing
    // and takes no pointer.
    let flags = unsafe { libc::fcntl(stdout.as_raw_fd(), libc::F_GETFL) };
    if flags < 0 {
        return true;
    }
    if flags & libc::O_ACCMODE != libc::O_RDWR {
        return false;
    }
    let Ok(descriptor) = stdout.as_fd().try_clone_to_owned() else {
        return true;
    };
    let (Ok(target), Ok(null)) = (
        std::fs::File::from(descriptor).metadata(),
        std::fs::metadata("/dev/null"),
    ) else {
        return false;
    };
    target.file_type().is_char_device() && target.rdev() == null.rdev()
}

#[cfg(not(unix))]
fn closed_at_start() -> bool {
    false
}
