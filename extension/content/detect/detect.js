"use strict";
// Zero-config detection: on a site the agent turned on that has no adapter and no config, finds
// the reply box, the message list, who wrote each message and the open conversation, and writes
// what it found as a site config (docs/site-config.md) with how sure it is of each part. The
// config lives as long as the page: the next visit detects afresh (hashed class names are fine
// here, as they hold for the page's life; the picker, whose configs are kept, avoids them).
KefuContent.detect.page = function detectPage(/** @type {Document} */ doc, /** @type {Location} */ loc) {
  const K = KefuContent;
  const D = K.detect;
  const reply = D.replyBox.find(doc);
  const found = D.messageList.find(doc, reply?.el ?? null);
  if (!reply || !found) return null;
  const selectorOf = (/** @type {Element} */ el) => {
    try {
      return K.pickerDerive.stableSelector(el, doc);
    } catch {
      return null;
    }
  };
  const listSel = selectorOf(found.list);
  const inputSel = selectorOf(reply.el);
  if (!listSel || !inputSel) return null;
  const who = D.direction.find(found.items, found.list);
  const chat = D.conversation.find(doc, found.list, selectorOf);
  const sendSel = reply.send ? selectorOf(reply.send) : null;
  const textSel = D.messageList.textSelector(found.items);
  const host = loc.hostname;
  const config = {
    kefu_site: 1,
    // The id the picker gives this site too: the notes kept while detection reads the page stay
    // theirs once the agent picks.
    id: K.pickerDerive.siteId(host),
    name: host.slice(0, 40),
    certainty: "low",
    hosts: [host],
    patterns: [`${loc.protocol}//${host}/*`],
    selectors: {
      messageList: [listSel],
      message: [`${listSel} > *`],
      ...(textSel ? { messageText: [textSel] } : {}),
      input: [inputSel],
      ...(sendSel ? { send: [sendSel] } : {}),
    },
    conversation: chat.conversation,
    ...(chat.buyer ? { buyer: chat.buyer } : {}),
    direction: who.direction,
  };
  return {
    config,
    confidence: { replyBox: reply.confidence, messageList: found.confidence, direction: who.confidence, conversation: chat.confidence },
    how: { direction: who.how, conversation: chat.how },
    elements: { replyBox: reply.el, send: reply.send, messageList: found.list, messages: found.items },
  };
};
