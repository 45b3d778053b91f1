// Kefu Assist demo workbench: entry point. Loads the scenarios, builds the conversations.

import * as store from './store.js';
import { initWorkbench } from './workbench.js';
import { initSimulator } from './simulator.js';

const WALK_IN = { id: 'c-walkin', buyer: '路过的小张' };

function isText(value) {
  return typeof value === 'string' && value.trim() !== '';
}

/** Keep the scenarios the page can play; warn about the others. */
function validScenarios(raw) {
  const list = raw && Array.isArray(raw.scenarios) ? raw.scenarios : [];
  const out = [];
  const seen = new Set();
  for (const s of list) {
    const ok =
      s &&
      isText(s.id) &&
      !seen.has(s.id) &&
      s.conversation &&
      isText(s.conversation.id) &&
      isText(s.conversation.buyer) &&
      Array.isArray(s.turns) &&
      s.turns.every((t) => t && (t.from === 'buyer' || t.from === 'agent') && typeof t.text === 'string');
    if (!ok) {
      console.warn('demo page: skipping an invalid scenario', s && s.id);
      continue;
    }
    seen.add(s.id);
    const title = s.title && isText(s.title['zh-Hans']) ? s.title['zh-Hans'] : s.id;
    out.push({ id: s.id, title, conversation: s.conversation, turns: s.turns });
  }
  return out;
}

async function loadScenarios() {
  try {
    const response = await fetch('scenarios.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { scenarios: validScenarios(await response.json()), error: null };
  } catch (err) {
    console.warn('demo page: scenarios.json could not be loaded', err);
    return { scenarios: [], error: String(err && err.message ? err.message : err) };
  }
}

async function main() {
  initWorkbench();
  const { scenarios, error } = await loadScenarios();
  for (const s of scenarios) store.addConversation(s.conversation.id, s.conversation.buyer);
  store.addConversation(WALK_IN.id, WALK_IN.buyer);
  initSimulator(scenarios, error);
  store.setActive(store.allConversations()[0].id);
  document.documentElement.dataset.ready = 'true';
}

main();
