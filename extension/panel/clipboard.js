// The last resort when a reply box takes no insertion path: the reply goes on the clipboard
// (the agent's click on the reply is the user gesture that allows it), so it is never lost.

// The asynchronous clipboard may neither succeed nor fail (seen in Chromium when the frame has
// lost focus to the page): after this long the copy command is tried instead.
const WRITE_WITHIN_MS = 500;

/** Copies `text`; true when it is on the clipboard. */
export async function copyText(text) {
  const timeout = new Promise((resolve) => setTimeout(() => resolve(false), WRITE_WITHIN_MS));
  const written = navigator.clipboard?.writeText(text).then(() => true, () => false) ?? Promise.resolve(false);
  if (await Promise.race([written, timeout])) return true;
  // The copy command on a selected, hidden text area.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
