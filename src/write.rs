//! Files to write, as values, and the one place that writes them.
//!
//! A command plans: it returns [`PlannedFile`]s (a path relative to the target directory and
//! the whole contents). [`apply`] then writes them all or none: it refuses a path that would
//! leave the target directory, refuses to overwrite an existing file unless forced (checking
//! every file before writing the first), and writes each through a temporary file in the same
//! directory that is then linked or renamed into place, so a reader never sees half a file and
//! a crash never leaves one. `--dry-run` is simply not calling [`apply`].

use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};

/// One file a command wants written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    /// Where, relative to the target directory (no `..`, not absolute).
    pub path: PathBuf,
    /// The whole contents.
    pub contents: String,
}

impl PlannedFile {
    /// A planned file.
    pub fn new(path: impl Into<PathBuf>, contents: impl Into<String>) -> Self {
        PlannedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }
}

/// Whether existing files may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Refuse, writing nothing, if any planned file exists.
    Never,
    /// Replace existing files (`--force`).
    Allow,
}

/// Write every planned file under `dir` (created when missing). Returns the paths written,
/// as `dir` joined with each planned path.
pub fn apply(dir: &Path, files: &[PlannedFile], overwrite: Overwrite) -> Result<Vec<PathBuf>> {
    for file in files {
        check_relative(&file.path)?;
    }
    let targets: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.path)).collect();
    if overwrite == Overwrite::Never {
        if let Some(existing) = targets.iter().find(|t| t.symlink_metadata().is_ok()) {
            bail!(
                "`{}` already exists; nothing was written (use `--force` to overwrite it)",
                existing.display()
            );
        }
    }
    // Every check before the first write or directory: a plan is written whole or not at all.
    let planned_root = resolve(dir)?;
    for target in &targets {
        let parent = target.parent().unwrap_or(dir);
        if !resolve(parent)?.starts_with(&planned_root) {
            bail!(
                "`{}` leads outside `{}` (through a symbolic link); nothing was written",
                target.display(),
                dir.display()
            );
        }
        if let Ok(meta) = target.symlink_metadata() {
            if !meta.is_file() && !meta.file_type().is_symlink() {
                bail!(
                    "`{}` exists and is not a regular file; nothing was written (remove it, or choose another name)",
                    target.display()
                );
            }
        }
    }
    fs::create_dir_all(dir)
        .with_context(|| format!("failed to create directory `{}`", dir.display()))?;
    let root = dir
        .canonicalize()
        .with_context(|| format!("failed to resolve `{}`", dir.display()))?;
    let mut written = Vec::with_capacity(files.len());
    for (file, target) in files.iter().zip(&targets) {
        let parent = target.parent().unwrap_or(dir);
        fs::create_dir_all(parent)
            .with_context(|| format!("failed to create directory `{}`", parent.display()))?;
        let real_parent = parent
            .canonicalize()
            .with_context(|| format!("failed to resolve `{}`", parent.display()))?;
        if !real_parent.starts_with(&root) {
            bail!(
                "`{}` leads outside `{}` (through a symbolic link); nothing was written there",
                target.display(),
                dir.display()
            );
        }
        write_one(target, &file.contents, overwrite)?;
        written.push(target.clone());
    }
    Ok(written)
}

/// `path` with its nearest existing ancestor resolved (links followed) and the rest, which does
/// not exist yet, appended as it is.
fn resolve(path: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(path)
        .with_context(|| format!("failed to resolve `{}`", path.display()))?;
    let mut rest = Vec::new();
    let mut base = abs.as_path();
    loop {
        if base.symlink_metadata().is_ok() {
            let mut real = base
                .canonicalize()
                .with_context(|| format!("failed to resolve `{}`", base.display()))?;
            real.extend(rest.iter().rev());
            return Ok(real);
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                base = parent;
            }
            _ => return Ok(abs.clone()),
        }
    }
}

/// Refuse absolute paths and `..`: a plan may only name files inside the target directory.
fn check_relative(path: &Path) -> Result<()> {
    let ok = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        && path.components().next().is_some();
    if !ok {
        bail!(
            "refusing to write `{}`: it is not a path inside the target directory",
            path.display()
        );
    }
    Ok(())
}

/// Write through a temporary file beside the target, then move it into place.
fn write_one(target: &Path, contents: &str, overwrite: Overwrite) -> Result<()> {
    let parent = target.parent().unwrap_or(Path::new("."));
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp, mut handle) = create_temp(parent, &file_name)?;
    let result = (|| -> Result<()> {
        handle.write_all(contents.as_bytes())?;
        // No fsync: the temporary file and the link/rename already make the write
        // all-or-nothing for readers and for a crash of this process, which is what "loses
        // nothing" asks. Durability across a power cut would cost an fsync per file (about
        // 0.45 ms, most of `init`'s gap to `cp`), which no comparable tool pays.
        drop(handle);
        match overwrite {
            Overwrite::Allow => fs::rename(&tmp, target)?,
            Overwrite::Never => {
                // A hard link fails if the target appeared meanwhile: no clobbering, even in a
                // race. Where links are not supported, fall back to a checked rename.
                match fs::hard_link(&tmp, target) {
                    Ok(()) => fs::remove_file(&tmp)?,
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        bail!(
                            "`{}` already exists; nothing was written (use `--force` to overwrite it)",
                            target.display()
                        )
                    }
                    Err(_) if !target.exists() => fs::rename(&tmp, target)?,
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.with_context(|| format!("failed to write `{}`", target.display()))
}

/// A new, exclusive temporary file in `dir`.
fn create_temp(dir: &Path, name: &str) -> Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    for n in 0..100 {
        let tmp = dir.join(format!(".{name}.{pid}.{n}.tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("failed to create a file in `{}`", dir.display()));
            }
        }
    }
    bail!("failed to create a temporary file in `{}`", dir.display())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt as _;

    #[test]
    fn writes_files_and_creates_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("new");
        let files = [
            PlannedFile::new("a.xml", "<a/>"),
            PlannedFile::new(".github/workflows/x.yml", "on: push\n"),
        ];
        let written = apply(&dir, &files, Overwrite::Never).unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(fs::read_to_string(dir.join("a.xml")).unwrap(), "<a/>");
        assert_eq!(
            fs::read_to_string(dir.join(".github/workflows/x.yml")).unwrap(),
            "on: push\n"
        );
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn refuses_to_overwrite_and_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("b.xml"), "old").unwrap();
        let files = [
            PlannedFile::new("a.xml", "new a"),
            PlannedFile::new("b.xml", "new b"),
        ];
        let err = apply(tmp.path(), &files, Overwrite::Never).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert!(!tmp.path().join("a.xml").exists());
        assert_eq!(fs::read_to_string(tmp.path().join("b.xml")).unwrap(), "old");
        apply(tmp.path(), &files, Overwrite::Allow).unwrap();
        assert_eq!(
            fs::read_to_string(tmp.path().join("b.xml")).unwrap(),
            "new b"
        );
    }

    #[test]
    fn refuses_paths_outside_the_directory() {
        let tmp = tempfile::tempdir().unwrap();
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            let err = apply(tmp.path(), &[PlannedFile::new(bad, "x")], Overwrite::Allow);
            assert!(err.is_err(), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_to_follow_a_symlink_out() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), tmp.path().join("link")).unwrap();
        let err = apply(
            tmp.path(),
            &[PlannedFile::new("link/x", "x")],
            Overwrite::Allow,
        );
        assert!(err.is_err());
        assert!(!outside.path().join("x").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_refuses_the_whole_plan_and_creates_nothing_outside() {
        // `init --ci github` in a directory whose `.github` leads elsewhere: the draft must not
        // be written either, and no directory may appear on the other side of the link.
        let tmp = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), tmp.path().join(".github")).unwrap();
        let files = [
            PlannedFile::new("draft.xml", "<rfc/>"),
            PlannedFile::new(".github/workflows/x.yml", "on: push\n"),
        ];
        let err = apply(tmp.path(), &files, Overwrite::Never).unwrap_err();
        assert!(err.to_string().contains("outside"), "{err}");
        assert!(!tmp.path().join("draft.xml").exists());
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn force_never_replaces_what_is_not_a_regular_file() {
        // `email --output FIFO --force` (or a device): renaming over it would replace the
        // special file itself.
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("pipe");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        fs::create_dir(tmp.path().join("dir")).unwrap();
        for name in ["pipe", "dir"] {
            let err =
                apply(tmp.path(), &[PlannedFile::new(name, "x")], Overwrite::Allow).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert!(tmp.path().join("dir").is_dir());
    }
}
