//! The floor under `newdraft check` of a tree: the same walk and the same reads, and nothing
//! else (no head read, no names judged, no report). `scripts/bench-check` times it beside
//! `check` and `grep -rl docName`, so that the part of `check`'s time that is the walk itself
//! is measured, not guessed.
//!
//! ```sh
//! cargo build --release --example walk-floor
//! target/release/examples/walk-floor ignore DIR   # ignore's parallel walker, as `check` walks
//! target/release/examples/walk-floor readdir DIR  # std::fs::read_dir on every core: no ignore rules
//! ```
//!
//! Each mode opens every file with a draft extension and reads its first 4 KiB (the page
//! `check` reads first), on as many threads as there are cores, and prints the number of
//! files and bytes read.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The extensions `check` opens.
const EXTS: &[&str] = &["xml", "md", "mkd", "markdown", "txt"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, dir] = args.as_slice() else {
        eprintln!("usage: walk-floor ignore|readdir DIR");
        std::process::exit(2);
    };
    let counts = Counts::default();
    match mode.as_str() {
        "ignore" => walk_ignore(Path::new(dir), &counts),
        "readdir" => walk_readdir(Path::new(dir), &counts),
        _ => {
            eprintln!("usage: walk-floor ignore|readdir DIR");
            std::process::exit(2);
        }
    }
    println!(
        "{} files, {} bytes",
        counts.files.load(Ordering::Relaxed),
        counts.bytes.load(Ordering::Relaxed)
    );
}

#[derive(Default)]
struct Counts {
    files: AtomicUsize,
    bytes: AtomicUsize,
}

/// Open `path` and read its first page, as `check` does first, when it has a draft extension.
fn read_page(path: &Path, buf: &mut [u8], counts: &Counts) {
    let draft_ext = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTS.iter().any(|x| x.eq_ignore_ascii_case(e)));
    if !draft_ext {
        return;
    }
    if let Ok(mut f) = std::fs::File::open(path) {
        let n = f.read(buf).unwrap_or(0);
        counts.files.fetch_add(1, Ordering::Relaxed);
        counts.bytes.fetch_add(n, Ordering::Relaxed);
    }
}

/// `ignore`'s parallel walker with `check`'s settings.
fn walk_ignore(dir: &Path, counts: &Counts) {
    ignore::WalkBuilder::new(dir)
        .require_git(false)
        .build_parallel()
        .run(|| {
            let mut buf = vec![0; 4096];
            Box::new(move |entry| {
                if let Ok(e) = entry {
                    if e.file_type().is_some_and(|t| t.is_file()) {
                        read_page(e.path(), &mut buf, counts);
                    }
                }
                ignore::WalkState::Continue
            })
        });
}

/// Work for a thread: a directory to read, or files of one to open.
enum Work {
    Dir(PathBuf),
    Files(Vec<PathBuf>),
}

/// Directories and runs of files in one queue, each taken by whichever thread is free: a flat
/// directory's files are read on every core too, as `ignore` spreads them.
fn walk_readdir(dir: &Path, counts: &Counts) {
    let queue = Mutex::new(vec![Work::Dir(dir.to_path_buf())]);
    let busy = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let take = || {
        let mut q = queue
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let next = q.pop();
        if next.is_some() {
            busy.fetch_add(1, Ordering::SeqCst);
        }
        next
    };
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let mut buf = vec![0; 4096];
                loop {
                    let Some(work) = take() else {
                        if busy.load(Ordering::SeqCst) == 0 {
                            return;
                        }
                        std::thread::yield_now();
                        continue;
                    };
                    let mut more = Vec::new();
                    match work {
                        Work::Files(files) => {
                            for f in files {
                                read_page(&f, &mut buf, counts);
                            }
                        }
                        Work::Dir(d) => {
                            let mut files = Vec::new();
                            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                                match e.file_type() {
                                    Ok(t) if t.is_dir() => more.push(Work::Dir(e.path())),
                                    Ok(t) if t.is_file() => files.push(e.path()),
                                    _ => {}
                                }
                            }
                            while !files.is_empty() {
                                let rest = files.split_off(files.len().saturating_sub(256));
                                more.push(Work::Files(rest));
                            }
                        }
                    }
                    queue
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .extend(more);
                    busy.fetch_sub(1, Ordering::SeqCst);
                }
            });
        }
    });
}
