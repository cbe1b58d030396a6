// Tell the shell the page is up, as Ladder's UI does once its team screen is interactive.
window.__TAURI_INTERNALS__.invoke("ready");
