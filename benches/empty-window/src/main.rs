//! An empty Tauri 2 window that reports when its page has loaded, with the same
//! signal as Ladder's desktop app: with `LADDER_READY_EXIT` set it exits 0, with
//! `LADDER_READY_FILE` set it writes `ready` to that file.

#[tauri::command]
fn ready(app: tauri::AppHandle) {
    if let Ok(path) = std::env::var("LADDER_READY_FILE") {
        let _ = std::fs::write(path, "ready\n");
    }
    if std::env::var_os("LADDER_READY_EXIT").is_some() {
        app.exit(0);
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the empty window could not start");
}
