// Conversation state, kept in module scope. Views subscribe with on().

const conversations = new Map(); // id -> { id, buyer, messages: [], unread: 0 }
const listeners = new Set();
const pageStamp = Date.now().toString(36);
let seq = 0;
let activeId = null;

function emit(event) {
  for (const fn of listeners) {
    try {
      fn(event);
    } catch (err) {
      console.error('demo page listener failed', err);
    }
  }
}

/** Subscribe to store events: {type: 'added'|'message'|'active'|'cleared', conversation, message?}. */
export function on(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Add a conversation (ignored if the id exists already). Returns it. */
export function addConversation(id, buyer) {
  if (conversations.has(id)) return conversations.get(id);
  const conversation = { id, buyer, messages: [], unread: 0 };
  conversations.set(id, conversation);
  emit({ type: 'added', conversation });
  return conversation;
}

export function getConversation(id) {
  return conversations.get(id) || null;
}

export function allConversations() {
  return Array.from(conversations.values());
}

export function activeConversation() {
  return activeId === null ? null : conversations.get(activeId) || null;
}

/** Make a conversation the active one and clear its unread count. */
export function setActive(id) {
  const conversation = conversations.get(id);
  if (!conversation) return;
  activeId = id;
  conversation.unread = 0;
  emit({ type: 'active', conversation });
}

/**
 * Append a message. `from` is 'buyer', 'agent' or 'system'.
 * A buyer message in a conversation that is not active raises its unread count.
 */
export function postMessage(conversationId, from, text) {
  const conversation = conversations.get(conversationId);
  if (!conversation) return null;
  seq += 1;
  const message = { id: `m-${pageStamp}-${seq}`, from, text: String(text), at: Date.now() };
  conversation.messages.push(message);
  if (from === 'buyer' && conversationId !== activeId) conversation.unread += 1;
  emit({ type: 'message', conversation, message });
  return message;
}

/** Post typed text (trimmed) into the active conversation; null when there is none or no text. */
export function postToActive(from, text) {
  const active = activeConversation();
  const trimmed = text.trim();
  if (!active || trimmed === '') return null;
  return postMessage(active.id, from, trimmed);
}

/** Forget a conversation's messages (the simulator's reset). */
export function clearConversation(id) {
  const conversation = conversations.get(id);
  if (!conversation) return;
  conversation.messages = [];
  conversation.unread = 0;
  emit({ type: 'cleared', conversation });
}
