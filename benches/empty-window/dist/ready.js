// Tell the shell the page is up once its first frame is on screen, as Ladder's UI does
// once its first screen is painted and interactive (it, too, waits for a frame).
document.body.textContent = "Ready";
requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("ready"));
