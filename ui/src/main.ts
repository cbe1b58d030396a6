import { mount } from "svelte";
import App from "./App.svelte";
import "./lib/theme.css";

// WebKitGTK draws the window on Linux: theme.css gives it generic font families there.
if (navigator.userAgent.includes("Linux")) document.documentElement.classList.add("linux");

const app = mount(App, { target: document.getElementById("app")! });

export default app;
