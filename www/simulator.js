// The buyer simulator (developer tool): plays scenario scripts and hand-typed buyer lines.

import { el, byId } from './dom.js';
import * as store from './store.js';

const select = byId('scenario-select');
const nextButton = byId('scenario-next');
const nextProgress = nextButton.querySelector('.sim__progress');
const resetButton = byId('scenario-reset');
const status = byId('scenario-status');
const script = byId('scenario-script');
const buyerText = byId('buyer-text');
const buyerSend = byId('buyer-send');
const chatInput = byId('chat-input');

const scenarios = new Map(); // scenario id -> scenario
const posted = new Map(); // scenario id -> number of buyer lines posted

function selected() {
  return scenarios.get(select.value) || null;
}

function buyerTurns(scenario) {
  return scenario.turns.filter((t) => t.from === 'buyer');
}

function expectLabel(expect) {
  if (!expect || typeof expect !== 'object') return '';
  return ['intent', 'buyer_type', 'sentiment']
    .map((key) => expect[key])
    .filter((v) => typeof v === 'string' && v !== '')
    .join(' · ');
}

function fillComposer(scenario, text) {
  const active = store.activeConversation();
  if (!active || active.id !== scenario.conversation.id) store.setActive(scenario.conversation.id);
  chatInput.value = text;
  chatInput.dispatchEvent(new Event('input', { bubbles: true }));
  chatInput.focus();
}

function renderScript(scenario) {
  const done = posted.get(scenario.id) || 0;
  let buyerIndex = 0;
  const rows = scenario.turns.map((turn) => {
    const isBuyer = turn.from === 'buyer';
    let state = '';
    if (isBuyer) {
      state = buyerIndex < done ? 'is-done' : buyerIndex === done ? 'is-next' : '';
      buyerIndex += 1;
    } else if (buyerIndex === done && done > 0) {
      state = 'is-current'; // the agent's reference answer to the last posted line
    }
    const row = el(
      'li',
      { class: `sim__turn sim__turn--${isBuyer ? 'buyer' : 'agent'} ${state}`.trim() },
      el('span', { class: 'sim__who', text: isBuyer ? '买家' : '客服' }),
      el('span', { class: 'sim__line', text: turn.text }),
    );
    const label = isBuyer ? expectLabel(turn.expect) : '';
    if (label) row.append(el('span', { class: 'sim__expect', text: label, attrs: { title: '期望识别结果' } }));
    if (!isBuyer) {
      const fill = el('button', {
        class: 'btn btn--tiny',
        text: '填入回复框',
        attrs: { type: 'button', title: '把这句参考回复放进客服输入框（不会发送）' },
      });
      fill.addEventListener('click', () => fillComposer(scenario, turn.text));
      row.append(fill);
    }
    return row;
  });
  script.replaceChildren(...rows);
  // Scroll the script so the line before the next one (the context) sits at the top.
  const focus = script.querySelector('.is-current') || script.querySelector('.is-next');
  if (focus) {
    const anchor = focus.previousElementSibling || focus;
    script.scrollTop = anchor.offsetTop;
  }
}

function render() {
  const scenario = selected();
  if (!scenario) {
    nextProgress.textContent = '0/0';
    nextButton.disabled = true;
    resetButton.disabled = true;
    script.replaceChildren();
    return;
  }
  const total = buyerTurns(scenario).length;
  const done = posted.get(scenario.id) || 0;
  nextProgress.textContent = `${done}/${total}`;
  nextButton.disabled = done >= total;
  resetButton.disabled = false;
  status.textContent =
    done >= total
      ? `剧本已播完，点「重置」可重新开始（会话 ${scenario.conversation.buyer}）`
      : `发往会话：${scenario.conversation.buyer}`;
  renderScript(scenario);
}

function playNext() {
  const scenario = selected();
  if (!scenario) return;
  const turns = buyerTurns(scenario);
  const done = posted.get(scenario.id) || 0;
  if (done >= turns.length) return;
  posted.set(scenario.id, done + 1);
  store.postMessage(scenario.conversation.id, 'buyer', turns[done].text);
  render();
}

function reset() {
  const scenario = selected();
  if (!scenario) return;
  posted.set(scenario.id, 0);
  store.clearConversation(scenario.conversation.id);
  store.setActive(scenario.conversation.id);
  render();
}

function sendByHand() {
  if (!store.postToActive('buyer', buyerText.value)) return;
  buyerText.value = '';
  buyerText.focus();
}

/** Fill the scenario select; `list` holds validated scenarios in order. */
export function initSimulator(list, loadError) {
  for (const scenario of list) {
    scenarios.set(scenario.id, scenario);
    posted.set(scenario.id, 0);
    select.append(el('option', { text: scenario.title, attrs: { value: scenario.id } }));
  }
  if (list.length === 0) {
    select.append(el('option', { text: '（没有可用的剧本）', attrs: { value: '' } }));
    select.disabled = true;
    status.textContent = loadError ? `剧本加载失败：${loadError}` : '没有可用的剧本';
    status.classList.add('sim__status--error');
  }
  select.addEventListener('change', () => {
    const scenario = selected();
    if (scenario) store.setActive(scenario.conversation.id);
    render();
  });
  nextButton.addEventListener('click', playNext);
  resetButton.addEventListener('click', reset);
  buyerSend.addEventListener('click', sendByHand);
  buyerText.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    sendByHand();
  });
  render();
}
