//! Fuzz targets on stable Rust: a mutation loop over a seed corpus, for a time budget.
//!
//! `cargo fuzz` needs a nightly toolchain and libFuzzer; newdraft's CI runs stable. The targets
//! are functions in `fuzz/targets.rs` (shared with the `cargo fuzz` project in `fuzz/`), each
//! checking one input and panicking when a property fails; [`fuzz`] feeds one inputs mutated
//! from the seeds in `fuzz/corpus/<target>/` (byte flips, interesting bytes and tokens,
//! deletions, splices between seeds, and chunks repeated up to thousands of times, which is what
//! finds quadratic paths), keeping in its working corpus every small input whose outcome
//! [`Signature`] it has not seen yet (a cheap stand-in for coverage).
//!
//! - `cargo test --test cli fuzz::` runs every target for `NEWDRAFT_FUZZ_SECS` seconds
//!   (default 2: CI's budget);
//! - `scripts/fuzz [MINUTES] [TARGET]` runs them for longer, in release mode;
//! - `NEWDRAFT_FUZZ_SEED=N` repeats a run; `NEWDRAFT_FUZZ_REPLAY=FILE` runs one saved input.
//!
//! A failure (a panic, a broken property, or one input slower than `NEWDRAFT_FUZZ_SLOW_MS`,
//! default 2,000 ms) saves the input under `target/fuzz-failures/` and fails the test with the
//! path; a watchdog aborts on an input that runs ten times as long, after saving it. The input
//! being run is always in `target/fuzz-failures/<target>-in-flight`, since a stack overflow
//! aborts before anything can save it; targets run with a main thread's 8 MiB of stack
//! (`NEWDRAFT_FUZZ_STACK_MB`). Add a saved input to the target's corpus once it is fixed, so
//! that it stays fixed.
//!
//! Adding a target is one function in `fuzz/targets.rs`, one line in [`TARGETS`] and a `#[test]`
//! to name it: the lead's readers (XML head, kramdown front matter, mmark title block, a whole
//! draft through `email announce`) plug in the same way, with seeds in `fuzz/corpus/<name>/`.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::support::repo;

#[path = "../../fuzz/targets.rs"]
mod targets;

use targets::{Signature, announce, drafts, hash, names, names_from, records, templates};

/// A target: checks one input (panicking on a broken property) and says what it led to.
type Target = fn(&[u8]) -> Signature;

/// Every target, by name (the name of its corpus directory).
const TARGETS: &[(&str, Target)] = &[
    ("names", names),
    ("names_from", names_from),
    ("records", records),
    ("templates", templates),
    ("drafts", drafts),
    ("announce", announce),
];

/// The longest input the mutator makes.
const MAX_INPUT: usize = 256 << 10;

/// The longest input kept in the working corpus.
const MAX_KEPT: usize = 4 << 10;

// ---------------------------------------------------------------------------------------------
// Tests: one per target

#[test]
fn fuzz_names() {
    fuzz("names");
}

#[test]
fn fuzz_names_from() {
    fuzz("names_from");
}

#[test]
fn fuzz_records() {
    fuzz("records");
}

#[test]
fn fuzz_templates() {
    fuzz("templates");
}

#[test]
fn fuzz_drafts() {
    fuzz("drafts");
}

#[test]
fn fuzz_announce() {
    fuzz("announce");
}

// ---------------------------------------------------------------------------------------------
// The engine

/// xorshift64*: small, fast, and reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// Bytes that matter to the parsers.
const BYTES: &[u8] =
    b"-.\n\r\t\0\x1b:\"'[]={}#%,/\\_ 09aAzZ\x7f\xc3\xa9\xff\xef\xbb\xbf\xe2\x80\xae";

/// Tokens that matter to the parsers.
const TOKENS: &[&str] = &[
    "draft-",
    "-00",
    "-99",
    "-latest",
    ".xml",
    ".txt",
    ".md",
    "ietf-",
    "irtf-",
    "iab-",
    "rfc-editor",
    "-proposed-standard",
    "\n[[adopted]]\n",
    "name = \"draft-ietf-quic-x\"\n",
    "group = \"quic\"\n",
    "replaces = \"draft-doe-quic-x\"\n",
    "\"\"\"",
    "'''",
    "::error::",
    "##[error]",
    "\u{202e}",
    "\u{2028}",
    "é",
    "--",
    "\r\n",
    "{{ ",
    " }}",
    "{% for x in authors %}",
    "{% endfor %}",
    "{% if title %}",
    "{% endif %}",
    "{% macro m(a) %}",
    "{% endmacro %}",
    "{{ self::m(a=title) }}",
    "{% set s = title ~ title %}",
    " | replace(from=\"a\", to=\"aaaa\")",
    " | split(pat=\"\") | join(sep=\"--\")",
    "range(end=1000)",
    "{% raw %}",
    "{% endraw %}",
    "{% include \"t.txt.tera\" %}",
    "{% import \"t.xml.tera\" as m %}",
    "{% block b %}{{ super() }}{% endblock %}",
];

fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(9) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => v.insert(at, BYTES[rng.below(BYTES.len())]),
            2 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = BYTES[rng.below(BYTES.len())];
            }
            3 if at < v.len() => {
                let end = (at + 1 + rng.below(16)).min(v.len());
                v.drain(at..end);
            }
            4 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            5 => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let s = rng.below(other.len());
                    let e = (s + 1 + rng.below(64)).min(other.len());
                    v.splice(at..at, other[s..e].iter().copied());
                }
            }
            6 if at < v.len() => {
                // A chunk repeated many times: the inputs that find quadratic paths.
                let end = (at + 1 + rng.below(8)).min(v.len());
                let chunk = v[at..end].to_vec();
                let times = [2, 10, 100, 1000, 10_000][rng.below(5)];
                for _ in 0..times {
                    if v.len() + chunk.len() > MAX_INPUT {
                        break;
                    }
                    v.splice(at..at, chunk.iter().copied());
                }
            }
            7 if !v.is_empty() => v.truncate(rng.below(v.len())),
            _ => {
                let i = rng.below(v.len() + 1);
                v.insert(i, u8::try_from(rng.below(256)).unwrap_or(0));
            }
        }
    }
    v.truncate(MAX_INPUT);
    v
}

fn env_u64(key: &str, default: u64) -> u64 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The seeds of `target`: every file in `fuzz/corpus/<target>/`.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = repo().join("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no corpus in {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let seeds: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert!(!seeds.is_empty(), "empty corpus in {}", dir.display());
    seeds
}

/// Save a failing input; returns where.
fn save(target: &str, input: &[u8]) -> PathBuf {
    let dir = repo().join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{target}-{:016x}", hash(&input)));
    let _ = std::fs::write(&path, input);
    path
}

/// Run `target` on one input, catching a panic; `Err` says why it failed.
fn run_one(f: Target, input: &[u8], slow: Duration) -> Result<Signature, String> {
    let started = Instant::now();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(input)));
    let took = started.elapsed();
    match result {
        Err(e) => Err(e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "a panic".to_owned())),
        Ok(_) if took > slow => Err(format!(
            "one input of {} bytes took {took:?}, over {slow:?}",
            input.len()
        )),
        Ok(sig) => Ok(sig),
    }
}

/// [`fuzz_here`] on a thread with the stack of a program's main thread (8 MiB), not a test
/// thread's 2 MiB: what overflows here overflows in `newdraft` too.
fn fuzz(name: &str) {
    let name = name.to_owned();
    // Named, so that a stack overflow's one line ("thread 'fuzz drafts' has overflowed its
    // stack") says which target to replay from `target/fuzz-failures/<target>-in-flight`.
    let run = std::thread::Builder::new()
        .name(format!("fuzz {name}"))
        .stack_size(usize::try_from(env_u64("NEWDRAFT_FUZZ_STACK_MB", 8) << 20).unwrap_or(8 << 20))
        .spawn(move || fuzz_here(&name))
        .unwrap()
        .join();
    if let Err(e) = run {
        std::panic::resume_unwind(e);
    }
}

/// Fuzz `name` for the budget: seeds first, then mutations.
fn fuzz_here(name: &str) {
    let f = TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f)
        .unwrap();
    // A speed limit is a benchmark's business, not a test's: under `cargo test` (a debug build,
    // on a shared 2-core CI machine) only a pathological input trips this. `scripts/fuzz`
    // runs a release build with a tight limit (NEWDRAFT_FUZZ_SLOW_MS) to catch slow inputs.
    let slow = Duration::from_millis(env_u64("NEWDRAFT_FUZZ_SLOW_MS", 20_000));
    if let Ok(file) = std::env::var("NEWDRAFT_FUZZ_REPLAY") {
        let input = std::fs::read(&file).unwrap();
        if let Err(why) = run_one(f, &input, slow) {
            panic!("{name}: {file}: {why}");
        }
        return;
    }
    let budget = Duration::from_secs(env_u64("NEWDRAFT_FUZZ_SECS", 2));
    let seed = env_u64("NEWDRAFT_FUZZ_SEED", hash(&(name, Instant::now())) | 1);
    let mut rng = Rng(seed | 1);
    let mut corpus = seeds(name);
    let mut outcomes: HashSet<Signature> = HashSet::new();

    let in_flight = InFlight::watch(name, slow);
    let deadline = Instant::now() + budget;
    let mut runs = 0u64;
    let seeds_len = corpus.len();
    for i in 0.. {
        if i >= seeds_len && Instant::now() >= deadline {
            break;
        }
        let input = if i < seeds_len {
            corpus[i].clone()
        } else {
            let base = &corpus[rng.below(corpus.len())];
            mutate(&mut rng, base, &corpus)
        };
        in_flight.begin(&input);
        let outcome = run_one(f, &input, slow);
        in_flight.end();
        runs += 1;
        match outcome {
            Ok(sig) => {
                // Only small inputs join the corpus: mutations of them stay fast, and the
                // repeating mutation still makes large ones from them.
                if outcomes.insert(sig)
                    && i >= seeds_len
                    && input.len() <= MAX_KEPT
                    && corpus.len() < 10_000
                {
                    corpus.push(input);
                }
            }
            Err(why) => {
                let path = save(name, &input);
                panic!(
                    "{name}: {why}\ninput saved as {} (replay: NEWDRAFT_FUZZ_REPLAY={} cargo test --test cli fuzz::fuzz_{name}); seed {seed}",
                    path.display(),
                    path.display()
                );
            }
        }
    }
    in_flight.finish();
    eprintln!(
        "{name}: {runs} inputs in {:?}, {} outcomes, corpus {} (seed {seed})",
        budget,
        outcomes.len(),
        corpus.len()
    );
    if std::env::var_os("NEWDRAFT_FUZZ_SAVE").is_some() {
        let dir = repo().join("fuzz/corpus").join(name);
        for input in &corpus[seeds_len..] {
            let _ = std::fs::write(dir.join(format!("found-{:016x}", hash(input))), input);
        }
    }
}

/// The input being run, kept where a failure that cannot save it still leaves it: in memory for
/// the watchdog, and on disk (`target/fuzz-failures/<target>-in-flight`), since a stack overflow
/// aborts the process before anything can save it.
struct InFlight {
    current: Arc<std::sync::Mutex<Vec<u8>>>,
    /// When the input began, in ms on `clock`; `u64::MAX` between inputs.
    started_ms: Arc<AtomicU64>,
    clock: Instant,
    file: PathBuf,
}

impl InFlight {
    /// Start the watchdog for target `name`: an input that runs ten times the slow limit is a
    /// hang; it saves the input and aborts.
    fn watch(name: &str, slow: Duration) -> Self {
        let current: Arc<std::sync::Mutex<Vec<u8>>> = Arc::default();
        let started_ms = Arc::new(AtomicU64::new(u64::MAX));
        let clock = Instant::now();
        {
            let (current, started_ms, name) =
                (current.clone(), started_ms.clone(), name.to_owned());
            let hang = slow * 10;
            std::thread::spawn(move || {
                loop {
                    std::thread::sleep(Duration::from_millis(200));
                    let s = started_ms.load(Ordering::Relaxed);
                    let now = u64::try_from(clock.elapsed().as_millis()).unwrap_or(u64::MAX);
                    if s != u64::MAX
                        && now.saturating_sub(s)
                            > u64::try_from(hang.as_millis()).unwrap_or(u64::MAX)
                    {
                        let input = current.lock().map(|g| g.clone()).unwrap_or_default();
                        let path = save(&name, &input);
                        eprintln!(
                            "{name}: an input hangs (over {hang:?}); saved as {}",
                            path.display()
                        );
                        std::process::abort();
                    }
                }
            });
        }
        let file = repo().join(format!("target/fuzz-failures/{name}-in-flight"));
        let _ = std::fs::create_dir_all(repo().join("target/fuzz-failures"));
        InFlight {
            current,
            started_ms,
            clock,
            file,
        }
    }

    /// `input` is being run from now on.
    fn begin(&self, input: &[u8]) {
        if let Ok(mut g) = self.current.lock() {
            g.clear();
            g.extend_from_slice(input);
        }
        // On disk too: a stack overflow aborts the process before anything can save it.
        let _ = std::fs::write(&self.file, input);
        self.started_ms.store(
            u64::try_from(self.clock.elapsed().as_millis()).unwrap_or(0),
            Ordering::Relaxed,
        );
    }

    /// The input has run.
    fn end(&self) {
        self.started_ms.store(u64::MAX, Ordering::Relaxed);
    }

    /// The run is over: no input is in flight.
    fn finish(self) {
        let _ = std::fs::remove_file(&self.file);
    }
}

/// Every target has a corpus and a test, and every corpus a target.
#[test]
fn every_target_has_a_corpus() {
    let dirs: HashSet<String> = std::fs::read_dir(repo().join("fuzz/corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let names: HashSet<String> = TARGETS.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(dirs, names);
}
