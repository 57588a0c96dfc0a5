//! `orgplan fmt`: rewrite org files in canonical form.

use super::output::{Done, Outcome, Trouble, error};
use crate::io::to_canonical_string;
use std::path::PathBuf;

/// `orgplan fmt`'s arguments.
#[derive(clap::Args, Debug)]
pub struct FmtArgs {
    /// Org files (NAME.org.ron).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Change nothing; exit 1 and name the files that are not canonical.
    #[arg(long)]
    pub check: bool,
}

pub fn run(a: &FmtArgs) -> Outcome {
    let (files, check) = (&a.files, a.check);
    let mut trouble = false;
    let mut unformatted = false;
    for path in files {
        // Read once: `/dev/stdin`, `<(…)` and FIFOs can only be read once.
        let bytes = match crate::io::read_org_bytes(path) {
            Ok(b) => b,
            Err(e) => {
                error(e);
                trouble = true;
                continue;
            }
        };
        let org = match crate::io::load_bytes(&bytes, &path.display().to_string()) {
            Ok(org) => org,
            Err(e) => {
                error(e);
                trouble = true;
                continue;
            }
        };
        let canonical = to_canonical_string(&org);
        if bytes == canonical.as_bytes() {
            continue;
        }
        if check {
            println!("not canonical: {}", crate::sanitize::path(path));
            unformatted = true;
            continue;
        }
        // Replace the file only if it still holds what was read: another
        // program may have saved it meanwhile (a lost update otherwise).
        let stamp = crate::io::FileStamp::new(&bytes);
        if let Err(e) = crate::io::write_atomic_unless_changed(path, canonical.as_bytes(), &stamp) {
            if crate::io::is_changed_on_disk(&e) {
                error(format!(
                    "{}: changed while formatting; nothing written",
                    path.display()
                ));
            } else {
                error(format!("{}: {}", path.display(), crate::io::io_message(&e)));
            }
            trouble = true;
        }
    }
    if trouble {
        return Err(Trouble::reported());
    }
    Ok(Done::failed_if(unformatted))
}
