//! The one way newdraft opens a file it was pointed at: one that may be hostile.
//!
//! A path named `draft-x-00.xml` may be a FIFO (whose `open` waits for a writer that never
//! comes) or a device (whose read never ends). Checking the path's type first and then opening
//! it leaves a window in which the path can change; opening first blocks on the FIFO. So the
//! file is opened without blocking (`O_NONBLOCK`, which regular files ignore) and its type is
//! asked of the open file.

use std::fs::File;
use std::io;
use std::path::Path;

/// Open `path` for reading, without waiting on a FIFO (see the module's text). The file may
/// still be any kind of file: [`open_regular`] refuses what is not a regular one.
pub fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Open `path` for reading when it is a regular file (or a link to one); anything else is the
/// error "it is not a regular file", without waiting on a FIFO or reading a device.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let file = open_nonblocking(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("it is not a regular file"));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("draft-doe-x-y-00.xml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here
        }
        // Without O_NONBLOCK this open would wait for a writer forever.
        let err = open_regular(&fifo).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        // The walk's open does not wait either; a read of a FIFO without a writer is its end.
        let mut file = open_nonblocking(&fifo).unwrap();
        let mut buf = [0; 8];
        assert_eq!(std::io::Read::read(&mut file, &mut buf).unwrap(), 0);
    }

    #[test]
    fn a_regular_file_reads_as_ever_and_a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.xml");
        std::fs::write(&path, "<rfc/>").unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut open_regular(&path).unwrap(), &mut text).unwrap();
        assert_eq!(text, "<rfc/>");
        let err = open_regular(dir.path()).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }
}
