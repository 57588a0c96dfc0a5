//! Safe writes: atomic replacement through a temporary file in the target's
//! folder, never over a file that changed since it was read, never leaving
//! temporary files behind (cleaned on SIGINT/SIGTERM, and stale ones of dead
//! processes removed on the next write into the folder), and reads that
//! stop at the size cap instead of filling memory.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files of this process that are being written.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

const TMP_PREFIX: &str = ".orgplan-";
const TMP_SUFFIX: &str = ".tmp";
/// Temp files without an owner pid (older builds) are stale after this.
const LEGACY_STALE_SECS: u64 = 3600;

/// The target changed on disk between reading it and replacing it.
#[derive(Debug)]
pub struct ChangedOnDisk;

impl std::fmt::Display for ChangedOnDisk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("changed on disk since it was read; nothing written")
    }
}

impl std::error::Error for ChangedOnDisk {}

/// Whether a write failed because the file changed meanwhile.
pub fn is_changed_on_disk(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<ChangedOnDisk>())
}

/// What a file held when it was read: enough to tell whether someone else
/// has written it since.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    hash: u64,
}

impl FileStamp {
    /// The stamp of `bytes` as read from (or written to) a file.
    pub fn new(bytes: &[u8]) -> FileStamp {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        FileStamp {
            len: bytes.len() as u64,
            hash: h.finish(),
        }
    }

    /// Whether `path` still holds what this stamp describes: same size,
    /// then same content. A missing file has changed.
    pub fn matches(&self, path: &Path) -> bool {
        match std::fs::metadata(path) {
            Ok(meta) if meta.len() == self.len => {
                std::fs::read(path).is_ok_and(|b| FileStamp::new(&b) == *self)
            }
            _ => false,
        }
    }
}

/// Why a path cannot be read as an input file.
#[derive(Debug)]
pub enum ReadError {
    Folder,
    /// The file's length (`u64::MAX`: unknown, a stream past the cap) and
    /// the cap.
    TooBig(u64, usize),
    Io(std::io::Error),
}

impl ReadError {
    /// The message; `what` names the file expected ("an org file").
    pub fn message(&self, what: &str) -> String {
        match self {
            ReadError::Folder => format!("is a folder, not {what}"),
            ReadError::TooBig(n, cap) => super::too_big(*n, *cap, what),
            ReadError::Io(e) => super::io_message(e),
        }
    }
}

/// Reads a whole file, once, refusing more than `cap` bytes while reading
/// (so `/dev/zero` or a huge file never fills memory). Works on pipes and
/// FIFOs. Returns the bytes and the file's metadata.
pub fn read_capped(path: &Path, cap: usize) -> Result<(Vec<u8>, std::fs::Metadata), ReadError> {
    let file = std::fs::File::open(path).map_err(|e| {
        if path.is_dir() {
            ReadError::Folder
        } else {
            ReadError::Io(e)
        }
    })?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    if meta.is_file() && meta.len() > cap as u64 {
        return Err(ReadError::TooBig(meta.len(), cap));
    }
    let mut bytes = Vec::with_capacity(if meta.is_file() {
        meta.len() as usize
    } else {
        8192
    });
    let read = file
        .take(cap as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            if e.raw_os_error() == Some(21) {
                ReadError::Folder
            } else {
                ReadError::Io(e)
            }
        })?;
    if read > cap {
        // A stream (pipe, device) longer than the cap: its size is unknown.
        return Err(ReadError::TooBig(u64::MAX, cap));
    }
    Ok((bytes, meta))
}

/// Whether `a` and `b` name the same existing regular file (through `./`,
/// `..`, symlinks or hard links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    if !ma.is_file() || !mb.is_file() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
            return true;
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(ca), Ok(cb)) => ca == cb,
        _ => false,
    }
}

/// Refuses an output path that is also one of the inputs: writing there
/// would destroy the input. The message is for `orgplan: error:`.
pub fn refuse_output_over_input<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), String> {
    for input in inputs {
        if same_file(output, input) {
            return Err(format!(
                "{}: the output is the input file {}; refusing to write over it (choose another -o)",
                crate::sanitize::path(output),
                crate::sanitize::path(input)
            ));
        }
    }
    Ok(())
}

/// The file a write to `path` should replace: a symlink's final target
/// (so the link is kept), or `path` itself.
pub fn write_target(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// flushed and synced, then renamed over the target. On any failure the
/// previous file is left as it was. A symlink is written through (its
/// target is replaced, the link kept).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_impl(path, None, |f| f.write_all(bytes))
}

/// [`write_atomic`], refusing (with [`ChangedOnDisk`]) if the file no
/// longer matches `expected` just before it would be replaced.
pub fn write_atomic_unless_changed(
    path: &Path,
    bytes: &[u8],
    expected: &FileStamp,
) -> std::io::Result<()> {
    write_atomic_impl(path, Some(expected), |f| f.write_all(bytes))
}

/// [`write_atomic_unless_changed`] with the content produced by `fill`.
pub fn write_atomic_unless_changed_with(
    path: &Path,
    expected: &FileStamp,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_atomic_impl(path, Some(expected), fill)
}

/// [`write_atomic`] with the content produced by `fill`; if `fill` fails, the
/// temporary file is removed and the target is untouched.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_atomic_impl(path, None, fill)
}

fn write_atomic_impl(
    path: &Path,
    expected: Option<&FileStamp>,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let target = write_target(path);
    let path = target.as_path();
    // A device or pipe (`-o /dev/stdout`, `/dev/null`) is written in place:
    // renaming over it would replace the device with a file.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        if meta.is_dir() {
            return Err(std::io::Error::other("is a folder"));
        }
        let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
        fill(&mut f)?;
        return f.flush();
    }
    if let Some(stamp) = expected
        && !stamp.matches(path)
    {
        return Err(std::io::Error::other(ChangedOnDisk));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    remove_stale_temps(dir);
    let mode = existing_mode(path);
    // `guard` names the temp file for the signal handler from before it has
    // a name until it is renamed.
    let (tmp, guard) = filled_temp(dir, mode, fill)?;
    match expected {
        None => {
            tmp.persist(path).map_err(|e| e.error)?;
        }
        Some(stamp) => {
            replace_unless_changed(&tmp, path, stamp)?;
            // Dropping `tmp` removes what was swapped out (or our content).
        }
    }
    drop(guard);
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        // Make the rename itself durable; not fatal if the platform refuses.
        let _ = d.sync_all();
    }
    Ok(())
}

/// The permissions a replaced file had (new files: 0644).
#[cfg(unix)]
fn existing_mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.permissions().mode())
        .unwrap_or(0o644)
}

#[cfg(not(unix))]
fn existing_mode(_path: &Path) -> u32 {
    0
}

/// "cannot write in folder DIR: permission denied".
fn folder_error(dir: &Path, e: std::io::Error) -> std::io::Error {
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotFound => "no such folder".to_string(),
        _ => e
            .to_string()
            .split(" (os error")
            .next()
            .unwrap_or_default()
            .to_string(),
    };
    std::io::Error::new(
        e.kind(),
        format!(
            "cannot write in folder {}: {why}",
            crate::sanitize::path(dir)
        ),
    )
}

/// A named temp file in `dir` holding what `fill` wrote, flushed, with
/// `mode`, synced to disk.
///
/// On Linux the content is written into an unnamed file (`O_TMPFILE`) and
/// given its temp name only once complete, so a process killed while
/// writing (`kill -9`, which no handler sees) leaves nothing behind; the
/// name then lives only for the rename. Where that is not available, the
/// named temp file is written directly (and a dead writer's one is removed
/// by the next write, [`remove_stale_temps`]).
fn filled_temp(
    dir: &Path,
    mode: u32,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<(tempfile::TempPath, InFlight)> {
    let finish = |f: &mut std::fs::File| -> std::io::Result<()> {
        f.flush()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        let _ = mode;
        f.sync_all()
    };
    let named = || {
        tempfile::Builder::new()
            .prefix(&format!("{TMP_PREFIX}{}-", std::process::id()))
            .suffix(TMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(|e| folder_error(dir, e))
    };
    #[cfg(target_os = "linux")]
    {
        use std::io::{Seek, SeekFrom};
        let mut f = tempfile::tempfile_in(dir).map_err(|e| folder_error(dir, e))?;
        fill(&mut f)?;
        finish(&mut f)?;
        if let Some((p, guard)) = link_unnamed(&f, dir) {
            return Ok((tempfile::TempPath::try_from_path(p)?, guard));
        }
        // Not an O_TMPFILE file (the file system lacks it): copy what was
        // written into a named one.
        let (mut tmp, guard) = InFlight::create(|| {
            let t = named()?;
            let p = t.path().to_path_buf();
            Ok((t, p))
        })?;
        f.seek(SeekFrom::Start(0))?;
        std::io::copy(&mut f, tmp.as_file_mut())?;
        finish(tmp.as_file_mut())?;
        Ok((tmp.into_temp_path(), guard))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let (mut tmp, guard) = InFlight::create(|| {
            let t = named()?;
            let p = t.path().to_path_buf();
            Ok((t, p))
        })?;
        fill(tmp.as_file_mut())?;
        finish(tmp.as_file_mut())?;
        Ok((tmp.into_temp_path(), guard))
    }
}

/// Gives an unnamed (`O_TMPFILE`) file a temp name in `dir`, through
/// `/proc/self/fd` (no privilege needed); `None` if it cannot be linked.
#[cfg(target_os = "linux")]
fn link_unnamed(f: &std::fs::File, dir: &Path) -> Option<(PathBuf, InFlight)> {
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;
    let from = std::ffi::CString::new(format!("/proc/self/fd/{}", f.as_raw_fd())).ok()?;
    for attempt in 0..8u32 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "{TMP_PREFIX}{}-{:08x}{attempt}{TMP_SUFFIX}",
            std::process::id(),
            nanos
        );
        let to = dir.join(name);
        let c_to = std::ffi::CString::new(to.as_os_str().as_bytes()).ok()?;
        // Linked and registered under the in-flight lock, so the signal
        // cleanup either sees the name or runs before the link (and then
        // exits holding the lock: the link never happens).
        let linked = InFlight::create(|| {
            // SAFETY: both are valid NUL-terminated paths; AT_FDCWD
            // resolves them as given; the call only reads them.
            let r = unsafe {
                libc::linkat(
                    libc::AT_FDCWD,
                    from.as_ptr(),
                    libc::AT_FDCWD,
                    c_to.as_ptr(),
                    libc::AT_SYMLINK_FOLLOW,
                )
            };
            if r == 0 {
                Ok(((), to.clone()))
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
        match linked {
            Ok(((), guard)) => return Some((to, guard)),
            Err(e) if e.raw_os_error() == Some(libc::EEXIST) => {}
            Err(_) => return None,
        }
    }
    None
}

/// Renames `tmp` over `path` unless `path` no longer matches `stamp`.
///
/// On Linux the two are exchanged atomically and what was swapped out is
/// checked afterwards (swapped back if it was not what we read), so a save
/// landing between the check and the rename is never lost. Elsewhere, and
/// on file systems without `RENAME_EXCHANGE`, the check comes just before
/// the rename.
fn replace_unless_changed(tmp: &Path, path: &Path, stamp: &FileStamp) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        match exchange(tmp, path) {
            Ok(()) => {
                if stamp.matches(tmp) {
                    return Ok(());
                }
                // Someone saved meanwhile: put their file back.
                exchange(tmp, path)?;
                return Err(std::io::Error::other(ChangedOnDisk));
            }
            Err(e)
                if matches!(
                    e.raw_os_error(),
                    Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP)
                ) => {}
            Err(e) => return Err(e),
        }
    }
    if !stamp.matches(path) {
        return Err(std::io::Error::other(ChangedOnDisk));
    }
    std::fs::rename(tmp, path)
}

/// Atomically swaps two paths (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let ca = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let cb = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths; AT_FDCWD resolves them
    // relative to the working directory like any path.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Registers a temporary file for cleanup on SIGINT/SIGTERM while it lives.
struct InFlight(PathBuf);

impl InFlight {
    /// Makes a temp file (`make` returns it and its path) and registers its
    /// name, both under the in-flight lock: the signal cleanup, which takes
    /// the same lock, never runs between the two.
    fn create<T>(
        make: impl FnOnce() -> std::io::Result<(T, PathBuf)>,
    ) -> std::io::Result<(T, InFlight)> {
        let mut v = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
        let (made, path) = make()?;
        v.push(path.clone());
        Ok((made, InFlight(path)))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut v = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
        v.retain(|p| p != &self.0);
    }
}

/// Removes the temporary files this process is writing (signal cleanup;
/// Windows has no such signals, and its temporary files are removed by the
/// writer's guard). Then exits with `code`, still holding the lock, so no writer can name a
/// new temp file between the cleanup and the exit. It runs on the
/// signal-watching thread, not in a signal handler, so waiting for the
/// lock (held by a writer only while it creates or forgets a name) is safe.
#[cfg(unix)]
fn exit_removing_in_flight(code: i32) -> ! {
    let v = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
    for p in v.iter() {
        let _ = std::fs::remove_file(p);
    }
    std::process::exit(code)
}

/// Removes, on SIGINT or SIGTERM, the temporary files being written, then
/// exits as the signal would have (128 + signal number). Call once, early.
pub fn clean_up_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) {
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    exit_removing_in_flight(128 + sig);
                }
            });
        }
    }
}

/// Whether process `pid` is alive (unknown counts as alive).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: kill with signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The owner pid in a temp file name `.orgplan-<pid>-XXXXXX.tmp`.
fn owner_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TMP_PREFIX)?.strip_suffix(TMP_SUFFIX)?;
    let (pid, _) = rest.split_once('-')?;
    pid.parse().ok()
}

/// Removes temp files of ours left in `dir` by processes that died (a kill
/// during a write): those whose owner pid is gone, or, for names without a
/// pid, those older than an hour. Only files owned by this user; never a
/// live writer's.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX)) {
            continue;
        }
        let Ok(meta) = e.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // SAFETY: getuid has no preconditions.
            if meta.uid() != unsafe { libc::getuid() } {
                continue;
            }
        }
        let stale = match owner_pid(name) {
            Some(pid) => pid != me && !alive(pid),
            None => meta
                .modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age.as_secs() > LEGACY_STALE_SECS),
        };
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer killed while writing (`kill -9`) leaves nothing behind: on
    /// Linux the content has no name until it is complete.
    #[cfg(target_os = "linux")]
    #[test]
    fn nothing_is_named_while_the_content_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("org.org.ron");
        std::fs::write(&path, "old").unwrap();
        let names = |d: &Path| -> Vec<String> {
            std::fs::read_dir(d)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        };
        write_atomic_with(&path, |f| {
            f.write_all(b"new")?;
            assert_eq!(
                names(dir.path()),
                ["org.org.ron"],
                "a temp name while writing"
            );
            Ok(())
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(dir.path()), ["org.org.ron"]);
        // The same through the changed-on-disk check.
        let stamp = FileStamp::new(b"new");
        write_atomic_unless_changed(&path, b"newer", &stamp).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "newer");
        assert_eq!(names(dir.path()), ["org.org.ron"]);
    }

    /// One size policy: a write past the reader's limit is refused and the
    /// file is untouched (an import never writes what cannot be reopened).
    #[test]
    fn a_write_past_the_limit_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("org.org.ron");
        std::fs::write(&path, "old").unwrap();
        let org = crate::samples::builtin();
        let e = write_atomic_with(&path, |f| {
            crate::io::write_canonical(&org, f, 100).map(|_| ())
        })
        .unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // Within the limit: the same text as the canonical string, across
        // chunks (a 10,000-person org is a few MiB).
        let big = crate::support::generate::generate(10_000, 1);
        let mut v = Vec::new();
        crate::io::write_canonical(&big, &mut v, usize::MAX).unwrap();
        assert!(v.len() > 2 << 20);
        assert_eq!(v, crate::io::to_canonical_string(&big).into_bytes());
    }

    #[test]
    fn temp_names_carry_the_owner() {
        assert_eq!(owner_pid(".orgplan-1234-AbC123.tmp"), Some(1234));
        assert_eq!(owner_pid(".orgplan-AbC123.tmp"), None);
        assert_eq!(owner_pid("x.tmp"), None);
    }

    #[test]
    fn stale_temps_of_dead_processes_go_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        // A pid that cannot be alive (beyond pid_max) and our own.
        let dead = dir.path().join(".orgplan-999999999-dead01.tmp");
        let live = dir
            .path()
            .join(format!(".orgplan-{}-live01.tmp", std::process::id()));
        let other = dir.path().join("keep.tmp");
        for p in [&dead, &live, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        remove_stale_temps(dir.path());
        assert!(!dead.exists());
        assert!(live.exists());
        assert!(other.exists());
    }
}
