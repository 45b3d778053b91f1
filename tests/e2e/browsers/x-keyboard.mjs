// A real keyboard for Chromium: a virtual X display (Xvfb) the browser runs on with a window,
// and keys typed into it with xdotool. The browser's own shortcuts (extension commands) answer
// only keys that come from the system; keys injected through DevTools reach the page alone.
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Starts Xvfb on a free display. @returns {Promise<{display: string, stop: () => void}>} */
export async function startDisplay() {
  // -displayfd: Xvfb picks a free display and writes its number to fd 3 once it is ready.
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "pipe", "pipe"] });
  const display = await new Promise((resolve, reject) => {
    let said = "";
    xvfb.stdio[3].on("data", (d) => {
      said += d;
      if (said.includes("\n")) resolve(`:${said.trim()}`);
    });
    xvfb.on("error", (e) => reject(new Error(`Xvfb could not start (scripts/setup.sh installs it): ${e.message}`)));
    xvfb.on("exit", (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
  return { display, stop: () => xvfb.kill() };
}

// Our names for keys → X keysyms.
const KEYSYMS = { ArrowDown: "Down", ArrowUp: "Up", Enter: "Return", Escape: "Escape", Backspace: "BackSpace", Tab: "Tab", Alt: "alt", Shift: "shift", Control: "ctrl" };

/** "Alt+Shift+1" → "alt+shift+1" (xdotool's names). */
export const xChord = (chord) => chord.split("+").map((k) => KEYSYMS[k] ?? k.toLowerCase()).join("+");

/** The keyboard of the browser window on `display`. */
export function xKeyboard(display) {
  const env = { ...process.env, DISPLAY: display };
  const xdotool = (...args) => run("xdotool", args, { env });
  let focused = false;
  // Without a window manager nothing gives the window the keyboard: we do, once.
  const focus = async () => {
    if (focused) return;
    await xdotool("search", "--sync", "--onlyvisible", "--class", "chromium", "windowfocus", "--sync");
    focused = true;
  };
  return {
    /** Presses a key or chord ("Enter", "Alt+Shift+1") as the agent does. */
    async press(chord) {
      await focus();
      await xdotool("key", "--clearmodifiers", xChord(chord));
    },
    /** Types text (ASCII) key by key. */
    async type(text) {
      await focus();
      await xdotool("type", "--delay", "30", text);
    },
    /** A real click at a point of the screen (the window's content takes the keys from then on). */
    async click(x, y) {
      await focus();
      await xdotool("mousemove", String(Math.round(x)), String(Math.round(y)));
      await xdotool("click", "1");
    },
  };
}
