//! Checkpoints: the safety search's state, written to a directory from
//! time to time and when the search is interrupted, and read back to
//! continue it (`--checkpoint DIR`, `--resume DIR`).
//!
//! A checkpoint is taken between two blocks of a level, where the whole
//! search is: the store (every shard's states or fingerprints and parent
//! links, in insertion order), the level being expanded and how far, the
//! next level so far, the counts and the `reachable`s not yet met.
//! Continuing from it re-inserts every shard's records in their order, so
//! the ids, and with them the counts, the verdict and the trace, are those
//! of a search that was never stopped. The liveness phase, which runs
//! after the safety search, is not checkpointed: it starts over.
//!
//! The file (`DIR/checkpoint.ravel`) is binary, little-endian: a magic
//! number, the format version, the [`Identity`] of the run (Ravel's
//! version, the spec's text, its constants, the state width, the mode and
//! deadlock checking), the search, and a checksum of all of it. It is
//! written to a temporary file, synced, then renamed over the old one, so
//! a crash while writing leaves the previous checkpoint intact.

mod codec;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::check::ir::PropertyId;
use crate::compile::{Model, show};
use crate::diagnostic::Details;

use super::block::Frontier;
use super::por::PorStats;
use super::store::{SHARDS, Store};
use super::{Mode, Options, Stats};
use codec::{Reader, Writer, fnv};

/// The file in a checkpoint directory.
pub const FILE: &str = "checkpoint.ravel";

/// The first bytes of a checkpoint file.
const MAGIC: &[u8; 8] = b"RAVELCKP";

/// The version of the file format; a checkpoint of another is refused.
pub const FORMAT: u32 = 2;

/// How often checkpoints are written unless `--checkpoint-every` says.
pub const DEFAULT_EVERY: Duration = Duration::from_secs(300);

/// Where and how often to write checkpoints, and of what.
#[derive(Clone, Debug)]
pub struct Checkpoint {
    /// The directory (created if missing).
    pub dir: PathBuf,
    /// The time between two checkpoints.
    pub every: Duration,
    /// The run they belong to.
    pub identity: Identity,
}

impl Checkpoint {
    /// The checkpoint file.
    pub fn file(&self) -> PathBuf {
        self.dir.join(FILE)
    }
}

/// What a checkpoint belongs to; a run may continue only a checkpoint of
/// the same spec, constants and options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// Ravel's version (the store's layout may change between versions).
    pub ravel: String,
    /// The spec's name as given (for messages).
    pub spec: String,
    /// A hash of the spec's text.
    pub text: u64,
    /// The constants' values, as `N = 3, RM = {r1, r2}`.
    pub constants: String,
    /// Words per state.
    pub width: u64,
    /// Words the store keeps per state (the view's, with a `view`).
    pub stored: u64,
    /// Exact or fingerprints.
    pub mode: Mode,
    /// Whether deadlocks are reported.
    pub deadlock: bool,
    /// Whether states are representatives under symmetry reduction.
    pub symmetry: bool,
    /// Whether partial-order reduction is on (its store keeps indices).
    pub por: bool,
}

impl Identity {
    /// The identity of checking `model` (from the text `text` of the spec
    /// named `spec`) with `options`.
    pub fn new(model: &Model, spec: &str, text: &str, options: &Options) -> Identity {
        let constants: Vec<String> = model
            .spec
            .consts
            .iter()
            .map(|c| format!("{} = {}", c.name, show::value(&model.spec, c.ty, &c.value)))
            .collect();
        Identity {
            ravel: env!("CARGO_PKG_VERSION").to_string(),
            spec: spec.to_string(),
            text: fnv(text.as_bytes()),
            constants: constants.join(", "),
            width: model.state_words() as u64,
            stored: model.view().map_or(model.state_words(), |v| v.words()) as u64,
            mode: options.mode,
            deadlock: options.deadlock,
            symmetry: model.symmetry().is_some(),
            por: model.por().is_some(),
        }
    }
}

/// A search read back from a checkpoint.
#[derive(Debug)]
pub struct Saved {
    /// The counts so far (distinct, transitions, depth, elapsed).
    pub stats: Stats,
    /// `reachable` properties not yet seen true.
    pub pending: Vec<PropertyId>,
    /// The level being expanded.
    pub frontier: Frontier,
    /// Where in it the next block starts.
    pub position: usize,
    /// The next level so far.
    pub next: Frontier,
    /// Every state stored so far.
    pub store: Store,
}

/// The search at a block boundary, as [`write`] takes it.
pub struct Snapshot<'a> {
    pub stats: &'a Stats,
    pub pending: &'a [PropertyId],
    pub frontier: &'a Frontier,
    pub position: usize,
    pub next: &'a Frontier,
    pub store: &'a Store,
}

/// Why a checkpoint cannot be continued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// `--resume DIR` where DIR holds no checkpoint file.
    Missing(PathBuf),
    /// The file cannot be read.
    Unreadable(PathBuf, String),
    /// The file does not start like a checkpoint.
    NotACheckpoint(PathBuf),
    /// A checkpoint of another format version.
    Format(u32),
    /// Written by another version of Ravel.
    Ravel(String),
    /// Of another spec, or of this one before its text changed.
    OtherSpec(String),
    /// Of other constants.
    Constants {
        /// The checkpoint's.
        saved: String,
        /// This run's.
        now: String,
    },
    /// With other options (`--fingerprint`, `--no-deadlock`, `--no-symmetry`).
    Options(&'static str),
    /// Cut short or damaged (the checksum or a count is wrong).
    Corrupt,
}

impl LoadError {
    /// The wording of this error.
    pub fn details(&self) -> Details {
        let d = |message: String, help: &str| Details {
            message,
            label: String::new(),
            help: Some(help.to_string()),
        };
        let fresh = "start a new search with --checkpoint DIR instead";
        match self {
            LoadError::Missing(path) => d(
                format!(
                    "cannot resume: there is no checkpoint at {}",
                    path.display()
                ),
                "give the directory that --checkpoint wrote into",
            ),
            LoadError::Unreadable(path, why) => d(
                format!("cannot resume: cannot read {}: {why}", path.display()),
                fresh,
            ),
            LoadError::NotACheckpoint(path) => d(
                format!(
                    "cannot resume: {} is not a Ravel checkpoint",
                    path.display()
                ),
                fresh,
            ),
            LoadError::Format(found) => d(
                format!(
                    "cannot resume: the checkpoint has format version {found}, this Ravel \
                     reads version {FORMAT}"
                ),
                fresh,
            ),
            LoadError::Ravel(found) => d(
                format!(
                    "cannot resume: the checkpoint was written by Ravel {found}, this is Ravel {}",
                    env!("CARGO_PKG_VERSION")
                ),
                "continue it with the Ravel that wrote it, or start a new search",
            ),
            LoadError::OtherSpec(spec) => d(
                format!(
                    "cannot resume: the checkpoint is of another spec (it was made from {spec}, \
                     or this spec's text has changed since)"
                ),
                "resume with the spec, constants and options the checkpoint was made with",
            ),
            LoadError::Constants { saved, now } => d(
                format!(
                    "cannot resume: the checkpoint was made with other constants ({saved}; \
                     this run has {now})"
                ),
                "give the same --const values as the run that made it",
            ),
            LoadError::Options(what) => d(
                format!("cannot resume: the checkpoint was made {what}"),
                "give the same --fingerprint, --no-deadlock, --no-symmetry and --no-por as the run that made it",
            ),
            LoadError::Corrupt => d(
                "cannot resume: the checkpoint is damaged or cut short".into(),
                fresh,
            ),
        }
    }
}

/// Check that checkpoints can be written into `dir` (creating it).
pub fn prepare(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let probe = dir.join(format!("{FILE}.probe"));
    File::create(&probe)?;
    std::fs::remove_file(probe)
}

/// Write the search at a block boundary: to a temporary file, synced,
/// then renamed over the checkpoint.
pub fn write(checkpoint: &Checkpoint, search: &Snapshot<'_>) -> io::Result<()> {
    let temp = checkpoint.dir.join(format!("{FILE}.tmp"));
    let file = File::create(&temp)?;
    let mut w = Writer::new(BufWriter::with_capacity(1 << 20, file));
    w.raw(MAGIC)?;
    w.u32(FORMAT)?;
    identity(&mut w, &checkpoint.identity)?;
    let stats = search.stats;
    w.u64(stats.distinct)?;
    w.u64(stats.transitions)?;
    w.u32(stats.depth)?;
    w.u64(stats.elapsed.as_nanos().min(u128::from(u64::MAX)) as u64)?;
    if checkpoint.identity.por {
        // Only with the reduction (flag bit 2), so older files still read.
        let p = stats.por.unwrap_or_default();
        for n in [p.states, p.reduced, p.proviso, p.enabled, p.pruned, p.nanos] {
            w.u64(n)?;
        }
    }
    w.u64(search.pending.len() as u64)?;
    for p in search.pending {
        w.u32(p.0)?;
    }
    w.u64(search.position as u64)?;
    frontier(&mut w, search.frontier)?;
    frontier(&mut w, search.next)?;
    w.u32(SHARDS as u32)?;
    for shard in search.store.shards() {
        w.u64(shard.len() as u64)?;
        for &p in shard.parents() {
            w.u32(p)?;
        }
        for &r in shard.records() {
            w.u64(r)?;
        }
    }
    let file = w.finish()?.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temp, checkpoint.file())?;
    // The rename is durable once the directory is synced (where it can be).
    if let Ok(dir) = File::open(&checkpoint.dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Read the checkpoint in `dir`, refusing one whose identity is not
/// `expected`.
pub fn read(dir: &Path, expected: &Identity) -> Result<Saved, LoadError> {
    let path = dir.join(FILE);
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(LoadError::Missing(path)),
        Err(e) => return Err(LoadError::Unreadable(path, e.to_string())),
    };
    let size = file.metadata().map_or(0, |m| m.len());
    let mut r = Reader::new(BufReader::with_capacity(1 << 20, file), size);
    let mut magic = [0u8; 8];
    if r.raw(&mut magic).is_err() || &magic != MAGIC {
        return Err(LoadError::NotACheckpoint(path));
    }
    let corrupt = |_| LoadError::Corrupt;
    let format = r.u32().map_err(corrupt)?;
    if format != FORMAT {
        return Err(LoadError::Format(format));
    }
    let saved = read_identity(&mut r).map_err(corrupt)?;
    compare(&saved, expected)?;
    read_search(&mut r, expected).map_err(corrupt)
}

/// The first difference between a checkpoint's identity and this run's.
fn compare(saved: &Identity, now: &Identity) -> Result<(), LoadError> {
    if saved.ravel != now.ravel {
        return Err(LoadError::Ravel(saved.ravel.clone()));
    }
    if saved.text != now.text {
        return Err(LoadError::OtherSpec(saved.spec.clone()));
    }
    if saved.constants != now.constants {
        return Err(LoadError::Constants {
            saved: saved.constants.clone(),
            now: now.constants.clone(),
        });
    }
    if saved.mode != now.mode {
        return Err(LoadError::Options(match saved.mode {
            Mode::Fingerprint => "with --fingerprint",
            Mode::Exact => "without --fingerprint",
        }));
    }
    if saved.deadlock != now.deadlock {
        return Err(LoadError::Options(if saved.deadlock {
            "without --no-deadlock"
        } else {
            "with --no-deadlock"
        }));
    }
    if saved.symmetry != now.symmetry {
        return Err(LoadError::Options(if saved.symmetry {
            "with symmetry reduction (without --no-symmetry)"
        } else {
            "without symmetry reduction"
        }));
    }
    if saved.por != now.por {
        return Err(LoadError::Options(if saved.por {
            "with partial-order reduction (without --no-por)"
        } else {
            "without partial-order reduction"
        }));
    }
    if saved.width != now.width || saved.stored != now.stored {
        return Err(LoadError::OtherSpec(saved.spec.clone()));
    }
    Ok(())
}

/// The search after the identity, then the checksum.
fn read_search(r: &mut Reader<impl Read>, identity: &Identity) -> io::Result<Saved> {
    let bad = || io::Error::from(io::ErrorKind::InvalidData);
    let width = identity.width as usize;
    let mut stats = Stats {
        distinct: r.u64()?,
        transitions: r.u64()?,
        depth: r.u32()?,
        elapsed: Duration::from_nanos(r.u64()?),
        ..Stats::default()
    };
    if identity.por {
        stats.por = Some(PorStats {
            states: r.u64()?,
            reduced: r.u64()?,
            proviso: r.u64()?,
            enabled: r.u64()?,
            pruned: r.u64()?,
            nanos: r.u64()?,
        });
    }
    let pending = (0..r.count(4)?)
        .map(|_| r.u32().map(PropertyId))
        .collect::<io::Result<Vec<_>>>()?;
    let position = r.u64()? as usize;
    let frontier = read_frontier(r, width)?;
    let next = read_frontier(r, width)?;
    if r.u32()? as usize != SHARDS || position > frontier.len() {
        return Err(bad());
    }
    let mut shards = Vec::with_capacity(SHARDS);
    let mut record = Vec::new();
    for _ in 0..SHARDS {
        let mut shard = Store::empty_shard(identity.stored as usize, identity.mode, identity.por);
        let len = r.count(4 + 8 * shard.record_width() as u64)?;
        let parents = (0..len).map(|_| r.u32()).collect::<io::Result<Vec<_>>>()?;
        for parent in parents {
            record.clear();
            for _ in 0..shard.record_width() {
                record.push(r.u64()?);
            }
            if !shard.restore(&record, parent) {
                return Err(bad());
            }
        }
        shards.push(shard);
    }
    if !r.finish()? || stats.distinct != shards.iter().map(|s| s.len() as u64).sum::<u64>() {
        return Err(bad());
    }
    Ok(Saved {
        stats,
        pending,
        frontier,
        position,
        next,
        store: Store::from_shards(shards),
    })
}

fn identity(w: &mut Writer<impl Write>, id: &Identity) -> io::Result<()> {
    w.text(&id.ravel)?;
    w.text(&id.spec)?;
    w.u64(id.text)?;
    w.text(&id.constants)?;
    w.u64(id.width)?;
    w.u64(id.stored)?;
    w.u32(match id.mode {
        Mode::Exact => 0,
        Mode::Fingerprint => 1,
    })?;
    w.u32(u32::from(id.deadlock) | u32::from(id.symmetry) << 1 | u32::from(id.por) << 2)
}

fn read_identity(r: &mut Reader<impl Read>) -> io::Result<Identity> {
    let (ravel, spec, text, constants, width, stored) = (
        r.text()?,
        r.text()?,
        r.u64()?,
        r.text()?,
        r.u64()?,
        r.u64()?,
    );
    let mode = match r.u32()? {
        0 => Mode::Exact,
        1 => Mode::Fingerprint,
        _ => return Err(io::ErrorKind::InvalidData.into()),
    };
    // Bit 0: deadlock detection; bit 1: symmetry reduction; bit 2:
    // partial-order reduction.
    let flags = r.u32()?;
    Ok(Identity {
        ravel,
        spec,
        text,
        constants,
        width,
        stored,
        mode,
        deadlock: flags & 1 != 0,
        symmetry: flags & 2 != 0,
        por: flags & 4 != 0,
    })
}

fn frontier(w: &mut Writer<impl Write>, f: &Frontier) -> io::Result<()> {
    w.u64(f.len() as u64)?;
    for &id in &f.ids {
        w.u32(id)?;
    }
    for &word in &f.words {
        w.u64(word)?;
    }
    Ok(())
}

fn read_frontier(r: &mut Reader<impl Read>, width: usize) -> io::Result<Frontier> {
    let len = r.count(4 + 8 * width as u64)?;
    let ids = (0..len).map(|_| r.u32()).collect::<io::Result<Vec<_>>>()?;
    let words = (0..len * width)
        .map(|_| r.u64())
        .collect::<io::Result<Vec<_>>>()?;
    Ok(Frontier { words, ids })
}
