"use strict";
// The content scripts' shared namespace. In the extension it lives in the isolated world the
// browser gives content scripts: the chat page's own scripts cannot see or call it.
globalThis.KefuContent = { sites: [] };
