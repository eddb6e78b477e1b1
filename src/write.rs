//! Files to write, as values, and the one place that writes them.
//!
//! A command plans: it returns [`PlannedFile`]s (a path relative to a target directory and the
//! whole contents). [`apply`] (one directory) and [`apply_all`] (files in several directories,
//! such as `adopt`'s new draft and the `newdraft.toml` above it) then write them all or none:
//!
//! 1. **check** every file before anything is touched: a path that would leave its directory
//!    (`..`, absolute, through a symbolic link), an existing file that may not be replaced, an
//!    existing path that is no regular file;
//! 2. **stage** every file as a temporary file beside its target (`tempfile`), with its final
//!    permissions: those of the file it replaces, else those of the file it was made from
//!    ([`PlannedFile::with_permissions_of`], `bump`'s new revision), else the umask's;
//! 3. **persist** them one by one: a new file with `persist_noclobber` (no clobbering, even in a
//!    race), a replaced one by rename after linking the old one aside. If one fails, those
//!    already in place are rolled back (new ones removed, replaced ones restored), the rest of
//!    the temporary files deleted, and directories made for the plan removed again: a re-run
//!    starts from where the first started.
//!
//! A reader never sees half a file and a crash never leaves one. There is no fsync: the
//! temporary file and the rename already make the write all-or-nothing for readers and for a
//! crash of this process; durability across a power cut would cost an fsync per file (about
//! 0.45 ms, most of `init`'s gap to `cp`), which no comparable tool pays. `--dry-run` is simply
//! not calling [`apply`]: commands return their files in their [`crate::Outcome`], and
//! [`crate::run`] writes them unless the run is a dry one.

use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::text;

/// One file a command wants written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    /// Where, relative to the target directory (no `..`, not absolute).
    pub path: PathBuf,
    /// The whole contents.
    pub contents: String,
    /// A file whose permissions a new file takes (when it replaces nothing).
    pub permissions_of: Option<PathBuf>,
}

impl PlannedFile {
    /// A planned file.
    pub fn new(path: impl Into<PathBuf>, contents: impl Into<String>) -> Self {
        PlannedFile {
            path: path.into(),
            contents: contents.into(),
            permissions_of: None,
        }
    }

    /// The same file, made with the permissions of `source` (`bump`: a 0600 draft gives a
    /// 0600 next revision) unless it replaces a file, whose permissions it keeps.
    #[must_use]
    pub fn with_permissions_of(mut self, source: impl Into<PathBuf>) -> Self {
        self.permissions_of = Some(source.into());
        self
    }
}

/// Whether existing files may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Refuse, writing nothing, if the planned file exists.
    Never,
    /// Replace an existing file (`--force`, `newdraft.toml`).
    Allow,
}

/// One file of a plan, with the directory it is relative to and whether it may replace one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The directory the file's path is relative to (created when missing).
    pub dir: PathBuf,
    /// The file.
    pub file: PlannedFile,
    /// Whether an existing file may be replaced.
    pub overwrite: Overwrite,
}

impl Target {
    /// `file`, relative to `dir`.
    pub fn new(dir: impl Into<PathBuf>, file: PlannedFile, overwrite: Overwrite) -> Self {
        Target {
            dir: dir.into(),
            file,
            overwrite,
        }
    }
}

/// Write every planned file under `dir`, all or none. Returns the paths written, as `dir`
/// joined with each planned path.
pub fn apply(dir: &Path, files: &[PlannedFile], overwrite: Overwrite) -> Result<Vec<PathBuf>> {
    let targets: Vec<Target> = files
        .iter()
        .map(|file| Target::new(dir, file.clone(), overwrite))
        .collect();
    apply_all(&targets)
}

/// Write every target, all or none (see the module documentation). Returns the paths written.
pub fn apply_all(targets: &[Target]) -> Result<Vec<PathBuf>> {
    apply_with(targets, |_| {})
}

/// [`apply_all`], calling `before_persist(i)` before the `i`th file is put in place (tests use
/// it to make a later step fail).
fn apply_with(targets: &[Target], mut before_persist: impl FnMut(usize)) -> Result<Vec<PathBuf>> {
    let paths = check(targets)?;
    let mut made_dirs = Vec::new();
    let staged = match stage(targets, &paths, &mut made_dirs) {
        Ok(staged) => staged,
        Err(e) => {
            remove_dirs(&made_dirs);
            return Err(e.context("nothing was written"));
        }
    };
    let mut done: Vec<Persisted> = Vec::with_capacity(staged.len());
    for (i, (tmp, target)) in staged.into_iter().zip(targets).enumerate() {
        before_persist(i);
        match persist(tmp, target) {
            Ok(p) => done.push(p),
            Err(e) => {
                // The rest of the staged files are deleted as they are dropped.
                roll_back(done);
                remove_dirs(&made_dirs);
                return Err(e.context("nothing was written"));
            }
        }
    }
    let written = done.iter().map(|p| p.target.clone()).collect();
    for p in done {
        if let Some(backup) = p.backup {
            let _ = fs::remove_file(backup);
        }
    }
    Ok(written)
}

/// Every check, before the first write or directory: returns each target's path.
fn check(targets: &[Target]) -> Result<Vec<PathBuf>> {
    for t in targets {
        check_relative(&t.file.path)?;
    }
    let paths: Vec<PathBuf> = targets.iter().map(|t| t.dir.join(&t.file.path)).collect();
    for (t, path) in targets.iter().zip(&paths) {
        let meta = path.symlink_metadata().ok();
        if t.overwrite == Overwrite::Never && meta.is_some() {
            bail!(
                "`{}` already exists; nothing was written (use `--force` to overwrite it)",
                text::path(path)
            );
        }
        if meta.is_some_and(|m| !m.is_file() && !m.file_type().is_symlink()) {
            bail!(
                "`{}` exists and is not a regular file; nothing was written (remove it, or choose another name)",
                text::path(path)
            );
        }
        let root = resolve(&t.dir)?;
        if !resolve(path.parent().unwrap_or(&t.dir))?.starts_with(&root) {
            bail!(
                "`{}` leads outside `{}` (through a symbolic link); nothing was written",
                text::path(path),
                text::path(&t.dir)
            );
        }
    }
    for (i, path) in paths.iter().enumerate() {
        if paths[..i].contains(path) {
            bail!(
                "`{}` is planned twice; nothing was written",
                text::path(path)
            );
        }
    }
    Ok(paths)
}

/// A temporary file holding a target's contents, beside it, with its final permissions.
fn stage(
    targets: &[Target],
    paths: &[PathBuf],
    made_dirs: &mut Vec<PathBuf>,
) -> Result<Vec<tempfile::NamedTempFile>> {
    let mut staged = Vec::with_capacity(targets.len());
    for (t, path) in targets.iter().zip(paths) {
        let parent = path.parent().unwrap_or(&t.dir);
        create_dirs(parent, made_dirs)?;
        // Checked again now that the directories exist: nothing may have led them elsewhere.
        let root = t
            .dir
            .canonicalize()
            .with_context(|| format!("failed to resolve `{}`", text::path(&t.dir)))?;
        let real_parent = parent
            .canonicalize()
            .with_context(|| format!("failed to resolve `{}`", text::path(parent)))?;
        if !real_parent.starts_with(&root) {
            bail!(
                "`{}` leads outside `{}` (through a symbolic link)",
                text::path(path),
                text::path(&t.dir)
            );
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let replaced = path.symlink_metadata().ok().filter(fs::Metadata::is_file);
        let kept = match (&replaced, &t.file.permissions_of) {
            (Some(old), _) => Some(old.permissions()),
            (None, Some(source)) => fs::metadata(source).ok().map(|m| m.permissions()),
            (None, None) => None,
        };
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            // Created as a new file is (0666 less the umask), not tempfile's private 0600.
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let mut tmp = builder.tempfile_in(parent).with_context(|| {
            format!(
                "failed to create a temporary file in `{}`",
                text::path(parent)
            )
        })?;
        let written = tmp
            .write_all(t.file.contents.as_bytes())
            .and_then(|()| tmp.flush())
            .and_then(|()| match kept {
                // Exactly the old mode (not less the umask): set on the open file.
                Some(p) => tmp.as_file().set_permissions(p),
                None => Ok(()),
            });
        written.with_context(|| format!("failed to write `{}`", text::path(path)))?;
        staged.push(tmp);
    }
    Ok(staged)
}

/// `dir` and its missing ancestors, each one made recorded in `made` (outermost first).
fn create_dirs(dir: &Path, made: &mut Vec<PathBuf>) -> Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && d.symlink_metadata().is_err())
        .collect();
    for d in missing.into_iter().rev() {
        match fs::create_dir(d) {
            Ok(()) => made.push(d.to_path_buf()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("failed to create directory `{}`", text::path(d)));
            }
        }
    }
    Ok(())
}

/// Remove directories made for a plan that was not written (innermost first; only if empty).
fn remove_dirs(made: &[PathBuf]) {
    for d in made.iter().rev() {
        let _ = fs::remove_dir(d);
    }
}

/// A file put in place, and where the file it replaced was kept until the plan is done.
struct Persisted {
    target: PathBuf,
    backup: Option<PathBuf>,
}

/// Move a staged file into place.
fn persist(tmp: tempfile::NamedTempFile, t: &Target) -> Result<Persisted> {
    let target = t.dir.join(&t.file.path);
    let failed = || format!("failed to write `{}`", text::path(&target));
    let existing = target.symlink_metadata().is_ok();
    match (t.overwrite, existing) {
        (Overwrite::Never, true) => bail!(
            "`{}` already exists (it appeared while writing); use `--force` to overwrite it",
            text::path(&target)
        ),
        (Overwrite::Never | Overwrite::Allow, false) => {
            tmp.persist_noclobber(&target)
                .map_err(|e| e.error)
                .with_context(failed)?;
            Ok(Persisted {
                target,
                backup: None,
            })
        }
        (Overwrite::Allow, true) => {
            let backup = link_aside(&target).with_context(failed)?;
            if let Err(e) = tmp.persist(&target) {
                let _ = fs::remove_file(&backup);
                return Err(e.error).with_context(failed);
            }
            Ok(Persisted {
                target,
                backup: Some(backup),
            })
        }
    }
}

/// A second name for `target` in its directory, kept while a plan replaces it.
fn link_aside(target: &Path) -> std::io::Result<PathBuf> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pid = std::process::id();
    for n in 0..100 {
        let backup = dir.join(format!(".{name}.{pid}.{n}.old"));
        match fs::hard_link(target, &backup) {
            Ok(()) => return Ok(backup),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(
        "no free name to keep the old file under",
    ))
}

/// Undo the files already put in place, last first.
fn roll_back(done: Vec<Persisted>) {
    for p in done.into_iter().rev() {
        match p.backup {
            Some(backup) => {
                let _ = fs::rename(&backup, &p.target);
            }
            None => {
                let _ = fs::remove_file(&p.target);
            }
        }
    }
}

/// `path` with its nearest existing ancestor resolved (links followed) and the rest, which does
/// not exist yet, appended as it is.
fn resolve(path: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(path)
        .with_context(|| format!("failed to resolve `{}`", text::path(path)))?;
    let mut rest = Vec::new();
    let mut base = abs.as_path();
    loop {
        if base.symlink_metadata().is_ok() {
            let mut real = base
                .canonicalize()
                .with_context(|| format!("failed to resolve `{}`", text::path(base)))?;
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
            text::path(path)
        );
    }
    Ok(())
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

    /// Every entry under `dir`, recursively, with its contents (directories as `/`).
    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                if p.is_dir() {
                    out.push((rel, "/".to_owned()));
                    stack.push(p);
                } else {
                    out.push((rel, fs::read_to_string(&p).unwrap_or_default()));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn a_plan_that_fails_while_staging_writes_nothing_and_can_be_rerun() {
        // See issue 9: `init --ci github` wrote the draft, then failed on the workflow.
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("old.txt"), "old").unwrap();
        fs::write(tmp.path().join(".github"), "a file in the way").unwrap();
        let before = tree(tmp.path());
        let files = [
            PlannedFile::new("new/draft.xml", "<rfc/>"),
            PlannedFile::new("old.txt", "new"),
            PlannedFile::new(".github/workflows/x.yml", "on: push\n"),
        ];
        let err = apply(tmp.path(), &files, Overwrite::Allow).unwrap_err();
        assert!(
            format!("{err:#}").contains("nothing was written"),
            "{err:#}"
        );
        assert_eq!(tree(tmp.path()), before);
        fs::remove_file(tmp.path().join(".github")).unwrap();
        apply(tmp.path(), &files, Overwrite::Allow).unwrap();
        assert_eq!(
            fs::read_to_string(tmp.path().join("old.txt")).unwrap(),
            "new"
        );
    }

    #[test]
    fn a_plan_that_fails_while_persisting_is_rolled_back() {
        // See issue 9: `adopt` wrote the new draft, and then failed on `newdraft.toml`.
        let tmp = tempfile::tempdir().unwrap();
        let sub = tmp.path().join("sub");
        fs::create_dir(&sub).unwrap();
        fs::write(tmp.path().join("newdraft.toml"), "# records\n").unwrap();
        let before = tree(tmp.path());
        let draft = PlannedFile::new("draft-ietf-x-y-00.xml", "<rfc/>");
        let replaced = PlannedFile::new("newdraft.toml", "# records\n[[adopted]]\n");
        let late = PlannedFile::new("late.txt", "late");
        let targets = [
            Target::new(&sub, draft, Overwrite::Never),
            Target::new(tmp.path(), replaced, Overwrite::Allow),
            Target::new(tmp.path(), late, Overwrite::Never),
        ];
        // `late.txt` appears after the checks, before it is put in place.
        let err = apply_with(&targets, |i| {
            if i == 2 {
                fs::write(tmp.path().join("late.txt"), "someone else's").unwrap();
            }
        })
        .unwrap_err();
        assert!(format!("{err:#}").contains("already exists"), "{err:#}");
        let mut expected = before.clone();
        expected.push(("late.txt".to_owned(), "someone else's".to_owned()));
        expected.sort();
        assert_eq!(tree(tmp.path()), expected);
        fs::remove_file(tmp.path().join("late.txt")).unwrap();
        assert_eq!(apply_all(&targets).unwrap().len(), 3);
        assert_eq!(
            fs::read_to_string(tmp.path().join("newdraft.toml")).unwrap(),
            "# records\n[[adopted]]\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_when_replacing_and_follow_the_umask_otherwise() {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        // What the umask gives a new file, whatever it is where the tests run.
        fs::write(d.join("umask"), "").unwrap();
        let umask_mode = mode(&d.join("umask"));
        fs::write(d.join("private"), "old").unwrap();
        fs::set_permissions(d.join("private"), fs::Permissions::from_mode(0o600)).unwrap();
        fs::write(d.join("exec"), "old").unwrap();
        fs::set_permissions(d.join("exec"), fs::Permissions::from_mode(0o751)).unwrap();
        let files = [
            PlannedFile::new("private", "new"),
            PlannedFile::new("exec", "new"),
            PlannedFile::new("fresh", "new"),
            PlannedFile::new("like-private", "new").with_permissions_of(d.join("private")),
        ];
        apply(d, &files, Overwrite::Allow).unwrap();
        assert_eq!(mode(&d.join("private")), 0o600);
        assert_eq!(mode(&d.join("exec")), 0o751);
        assert_eq!(mode(&d.join("fresh")), umask_mode);
        assert_eq!(mode(&d.join("like-private")), 0o600);
        let leftovers: Vec<_> = tree(d)
            .into_iter()
            .filter(|(p, _)| p.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
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
