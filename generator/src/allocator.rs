//! How the binaries (`generator` and `bench`, whose `one` and `sdk` modes time what `generator`
//! does) tune their allocator, mimalloc, declared as the `#[global_allocator]` of each.

/// mimalloc's `mi_option_purge_delay` (15 in the `mi_option_t` of both its v2 and v3 headers;
/// the bindings name no constant for it in v3). Its default is 1000 ms in v3 (`options.c`).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory in the process, in small pages. mimalloc returns memory that is not reused
/// within a second, and the kernel zeroes each page again when it is touched next: a regeneration
/// builds and drops token trees in waves, and clearing pages was a fifth of its profile (`perf`,
/// debug build, `--no-cache`). And mimalloc asks for transparent huge pages, each zeroed whole
/// (2 MiB) on its first touch: with them, clearing pages was a third of a regeneration that
/// models every description and renders none, and its peak memory half as large again. The
/// `prctl` below covers what is touched after `main` starts; mimalloc is also built with
/// `no_thp` (generator/Cargo.toml), because the regions it maps before `main` (the runtime's
/// first allocations) were still advised huge: a tenth of a small description's `generate`.
///
/// Call it first in `main`, before the work allocates.
pub fn keep_freed_memory() {
    // SAFETY: sets an option of the allocator the binaries link, by its documented index; -1 is
    // its documented "never purge".
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
    // SAFETY: PR_SET_THP_DISABLE takes no pointer; it sets a flag of this process only. Best
    // effort: a kernel that refuses it leaves huge pages on, and nothing else changes.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_memory_is_kept_in_small_pages() {
        // SAFETY: reads and sets options of the linked allocator by index.
        unsafe {
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
                assert_eq!(libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY), 1000);
            }
            keep_freed_memory();
            assert_eq!(libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY), -1);
            #[cfg(target_os = "linux")]
            assert_eq!(libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0), 1);
        }
    }
}
