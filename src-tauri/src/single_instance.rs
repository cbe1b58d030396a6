//! One window per database. The first Ladder to open a database listens on a Unix socket
//! named for it; a second start on the same database finds the listener, asks it to bring
//! its window to the front, and exits, so two windows never edit the same plans with
//! stale screens. A socket left by a crashed app answers nothing and is replaced.
//!
//! The socket lives in the user's runtime folder (`XDG_RUNTIME_DIR`, private to them),
//! else the temporary folder with the user id in its name. On platforms without Unix
//! sockets every start opens its own window, as before.

use std::path::{Path, PathBuf};

/// What starting on a database found.
pub enum Claim {
    /// No other Ladder has this database open: this one serves the socket.
    First(Listener),
    /// Another Ladder has it open and was asked to show its window.
    Running,
}

/// The socket of the first Ladder on a database, until the app exits.
pub struct Listener {
    #[cfg(unix)]
    socket: std::os::unix::net::UnixListener,
    path: PathBuf,
}

/// Claims the database at `db_path` for this process, or hands over to the Ladder that
/// already has it. Errors (no runtime folder, a full disk) are the caller's to ignore:
/// the app then runs without the guard rather than not at all.
#[cfg(unix)]
pub fn claim(db_path: &Path) -> std::io::Result<Claim> {
    claim_at(socket_path(db_path))
}

#[cfg(not(unix))]
pub fn claim(_db_path: &Path) -> std::io::Result<Claim> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "single instance needs Unix sockets",
    ))
}

#[cfg(unix)]
fn claim_at(path: PathBuf) -> std::io::Result<Claim> {
    use std::io::{ErrorKind, Write};
    use std::os::unix::net::{UnixListener, UnixStream};

    match UnixListener::bind(&path) {
        Ok(socket) => Ok(Claim::First(Listener { socket, path })),
        Err(e) if e.kind() == ErrorKind::AddrInUse => match UnixStream::connect(&path) {
            Ok(mut other) => {
                // Best effort: the other window may be closing right now.
                let _ = other.write_all(b"show\n");
                Ok(Claim::Running)
            }
            Err(_) => {
                // Nobody listens: a crashed Ladder left its socket behind.
                std::fs::remove_file(&path)?;
                UnixListener::bind(&path).map(|socket| Claim::First(Listener { socket, path }))
            }
        },
        Err(e) => Err(e),
    }
}

impl Listener {
    /// Calls `show` on a thread of its own each time another start asks for the window.
    #[cfg(unix)]
    pub fn serve(self, show: impl Fn() + Send + 'static) {
        std::thread::spawn(move || {
            for stream in self.socket.incoming() {
                if stream.is_ok() {
                    show();
                }
            }
        });
    }

    #[cfg(not(unix))]
    pub fn serve(self, _show: impl Fn() + Send + 'static) {}

    /// Where the socket is, so it can be removed when the app exits.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The socket of the database at `db_path`: one name per file, however it is written.
#[cfg(unix)]
fn socket_path(db_path: &Path) -> PathBuf {
    let file = db_path
        .canonicalize()
        .unwrap_or_else(|_| db_path.to_path_buf());
    let name = format!(
        "ladder-{:016x}.sock",
        fnv1a(file.as_os_str().as_encoded_bytes())
    );
    match std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir).join(name),
        // SAFETY: getuid has no preconditions and cannot fail.
        None => std::env::temp_dir().join(format!("{}-{name}", unsafe { libc::getuid() })),
    }
}

/// FNV-1a: a hash that stays the same across builds, so every version of Ladder finds
/// the same socket for a database.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_second_start_on_the_same_database_shows_the_first_window_instead() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("ladder-test.sock");
        let Claim::First(listener) = claim_at(socket.clone()).unwrap() else {
            panic!("the first start must get the database");
        };
        let (shown, asked) = mpsc::channel();
        listener.serve(move || shown.send(()).unwrap());
        assert!(matches!(claim_at(socket.clone()).unwrap(), Claim::Running));
        asked
            .recv_timeout(Duration::from_secs(10))
            .expect("the first window was asked to show itself");
        assert!(matches!(claim_at(socket).unwrap(), Claim::Running));
    }

    #[test]
    fn a_socket_left_by_a_crashed_app_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("ladder-test.sock");
        // A listener dropped without removing its file: what a killed app leaves.
        drop(std::os::unix::net::UnixListener::bind(&socket).unwrap());
        assert!(socket.exists());
        assert!(matches!(claim_at(socket).unwrap(), Claim::First(_)));
    }

    #[test]
    fn each_database_has_its_own_socket() {
        let a = socket_path(Path::new("/home/jo/ladder.db"));
        let b = socket_path(Path::new("/home/jo/other.db"));
        assert_ne!(a, b);
        assert_eq!(a, socket_path(Path::new("/home/jo/ladder.db")));
        // Sockets have a short path limit (108 bytes on Linux).
        assert!(a.as_os_str().len() < 100, "{}", a.display());
    }
}
