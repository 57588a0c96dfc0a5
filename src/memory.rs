//! The process's memory: how the allocator is tuned, and handing freed
//! memory back to the system between stages of large jobs.

/// Large blocks (1 MiB and up) get their own pages from the system and go
/// back to it when freed (Linux, glibc). glibc's default raises this
/// threshold each time such a block is freed, after which the vectors of the
/// next stage (an import's rows, an analysis) grow inside the shared heap
/// and leave it fragmented: a 100,000-row import peaked at 74 MB resident
/// instead of 65 MB. Called once at start by the binary.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes an allocator parameter; always safe to call.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Hands freed memory back to the system (glibc keeps freed blocks
/// otherwise), so one stage's peak does not stay resident under the next:
/// after an analysis in a long editing session, between the stages of a
/// large import.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; always safe to call.
    unsafe {
        libc::malloc_trim(0);
    }
}
