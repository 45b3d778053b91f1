// The seller's side: conversation list, active chat, composer.

import { el, byId, clock, initial, hueIndex } from './dom.js';
import * as store from './store.js';

const SENDER_LABEL = { buyer: '买家', agent: '客服', system: '系统' };

const list = byId('conversation-list');
const chat = byId('chat');
const chatBuyer = chat.querySelector('.chat__buyer');
const chatAvatar = chat.querySelector('.chat__avatar');
const chatCid = chat.querySelector('.chat__cid');
const chatBody = chat.querySelector('.chat__body');
const chatEmpty = chat.querySelector('.chat__empty');
const messages = byId('messages');
const input = byId('chat-input');
const sendButton = byId('send-button');
const conversationCount = byId('conversation-count');
const receptionCount = byId('reception-count');

const items = new Map(); // conversation id -> { li, preview, time, unread }
const drafts = new Map(); // conversation id -> unsent composer text
let shownId = null; // the conversation the chat pane shows

function avatar(nick, extra = '') {
  return el('span', {
    class: `avatar avatar--hue${hueIndex(nick)} ${extra}`.trim(),
    text: initial(nick),
    attrs: { 'aria-hidden': 'true' },
  });
}

function buildItem(conversation) {
  const name = el('span', { class: 'conversation__name', text: conversation.buyer });
  const time = el('span', { class: 'conversation__time' });
  const preview = el('span', { class: 'conversation__preview' });
  const unread = el('span', { class: 'conversation__unread', text: '0', hidden: true });
  const li = el(
    'li',
    {
      class: 'conversation',
      attrs: {
        'data-conversation-id': conversation.id,
        'data-buyer-id': conversation.buyer,
        'aria-selected': 'false',
        role: 'option',
        tabindex: '0',
      },
    },
    avatar(conversation.buyer, 'conversation__avatar'),
    el(
      'span',
      { class: 'conversation__body' },
      el('span', { class: 'conversation__top' }, name, time),
      el('span', { class: 'conversation__bottom' }, preview, unread),
    ),
  );
  li.addEventListener('click', () => store.setActive(conversation.id));
  li.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      store.setActive(conversation.id);
    }
  });
  items.set(conversation.id, { li, preview, time, unread });
  list.append(li);
  conversationCount.textContent = String(items.size);
}

function refreshItem(conversation) {
  const item = items.get(conversation.id);
  if (!item) return;
  const last = conversation.messages[conversation.messages.length - 1];
  item.preview.textContent = last ? last.text : '';
  item.time.textContent = last ? clock(last.at) : '';
  item.unread.textContent = String(conversation.unread);
  item.unread.hidden = conversation.unread === 0;
  item.li.classList.toggle('conversation--unread', conversation.unread > 0);
}

function refreshReceptionCount() {
  const served = store
    .allConversations()
    .filter((c) => c.messages.some((m) => m.from === 'buyer')).length;
  receptionCount.textContent = String(served);
}

function buildMessage(message, buyer) {
  const kind = ['buyer', 'agent', 'system'].includes(message.from) ? message.from : 'system';
  const li = el('li', {
    class: `message message--${kind}`,
    attrs: { 'data-message-id': message.id, 'data-at': String(message.at) },
  });
  const text = el('div', { class: 'message__text', text: message.text });
  const time = el('span', { class: 'message__time', text: clock(message.at) });
  if (kind === 'system') {
    li.append(text, time);
    return li;
  }
  const who = kind === 'buyer' ? buyer : '小安';
  const meta = el(
    'div',
    { class: 'message__meta' },
    el('span', { class: 'message__sender', text: who }),
    time,
  );
  li.append(
    kind === 'buyer' ? avatar(buyer, 'message__avatar') : el('span', {
      class: 'avatar avatar--agent message__avatar',
      text: '安',
      attrs: { 'aria-hidden': 'true', title: SENDER_LABEL.agent },
    }),
    el('div', { class: 'message__content' }, meta, text),
  );
  return li;
}

function scrollToEnd() {
  chatBody.scrollTop = chatBody.scrollHeight;
}

function renderActive(conversation) {
  if (shownId !== conversation.id) {
    // Like a real workbench, each conversation keeps its own draft: a reply typed for one
    // buyer must never end up in another buyer's chat.
    if (shownId !== null) drafts.set(shownId, input.value);
    input.value = drafts.get(conversation.id) || '';
    drafts.delete(conversation.id);
    shownId = conversation.id;
  }
  for (const [id, item] of items) {
    item.li.setAttribute('aria-selected', id === conversation.id ? 'true' : 'false');
  }
  chat.setAttribute('data-conversation-id', conversation.id);
  chat.setAttribute('data-buyer-id', conversation.buyer);
  chatBuyer.textContent = conversation.buyer;
  chatAvatar.textContent = initial(conversation.buyer);
  chatAvatar.className = `avatar chat__avatar avatar--hue${hueIndex(conversation.buyer)}`;
  chatCid.textContent = `会话 ${conversation.id}`;
  messages.replaceChildren(...conversation.messages.map((m) => buildMessage(m, conversation.buyer)));
  chatEmpty.hidden = conversation.messages.length > 0;
  refreshItem(conversation);
  scrollToEnd();
}

function onStoreEvent(event) {
  const { type, conversation } = event;
  const active = store.activeConversation();
  const isActive = active !== null && active.id === conversation.id;
  if (type === 'added') {
    buildItem(conversation);
    refreshItem(conversation);
  } else if (type === 'active') {
    renderActive(conversation);
  } else if (type === 'message') {
    refreshItem(conversation);
    refreshReceptionCount();
    if (isActive) {
      messages.append(buildMessage(event.message, conversation.buyer));
      chatEmpty.hidden = true;
      scrollToEnd();
    }
  } else if (type === 'cleared') {
    refreshItem(conversation);
    refreshReceptionCount();
    if (isActive) renderActive(conversation);
  }
}

function send() {
  if (!store.postToActive('agent', input.value)) return;
  input.value = '';
  input.focus();
}

export function initWorkbench() {
  store.on(onStoreEvent);
  sendButton.addEventListener('click', send);
  input.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME candidate is not a send.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    send();
  });
}
