// Several conversations at once. Each conversation this agent holds shows, in the "In conversation" list, how many
// customer messages arrived since the agent last looked at it (another conversation open, or the tab hidden); the
// page title and a polite live region say so too. Opening it, with the tab visible, clears the count. What the agent
// typed in the reply box stays with its conversation when they switch, and is gone once sent. Alt+ArrowDown and
// Alt+ArrowUp move to the next and previous of the agent's conversations.
//
// Counts come from the transcript (its entries have times) and the time of the newest entry the agent has seen,
// kept with the drafts in this tab's session storage under the agent's id and the handoff id, so a reload keeps both.
// console.js tells this script what it renders through "agentconsole:queue" (the handoffs), "agentconsole:conversation"
// (the one open) and "agentconsole:transcript" (the live feed's "a transcript grew"), and opens a conversation for it
// through window.agentConsoleOpen.
(() => {
  const $ = id => document.getElementById(id);
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  const me = document.querySelector('meta[name="agent-id"]').content;
  const reply = $('reply');
  const store = window.sessionStorage;
  const readKey = id => `agentConsole.lastRead.${me}.${id}`, draftKey = id => `agentConsole.draft.${me}.${id}`;
  // The server writes times with seven decimals; Date.parse is only sure of three.
  const ms = iso => Date.parse(String(iso).replace(/(\.\d{3})\d+/, '$1'));

  // id → { name, key, transcript, unread }: the agent's own conversations, in the order the list shows them.
  const mine = new Map();
  let openId = null, draftFor = null, lastTitlePart = '';

  const status = el('p', '', 'meta'); status.id = 'unread-status'; status.setAttribute('role', 'status'); status.setAttribute('aria-live', 'polite');
  const hint = el('p', 'Alt+↓ / Alt+↑: next / previous of your conversations', 'meta'); hint.id = 'conversations-hint';
  $('active').before(hint, status);

  const unreadIn = (id, transcript) => {
    const seen = store.getItem(readKey(id));
    if (seen === null) return 0;
    const after = ms(seen);
    return transcript.filter(line => line.role === 'Customer' && ms(line.at) > after).length;
  };
  const markRead = (id, transcript) => {
    const last = transcript.length ? transcript[transcript.length - 1].at : new Date().toISOString();
    store.setItem(readKey(id), last);
  };
  const looking = id => id === openId && document.visibilityState === 'visible';
  const words = n => `${n} unread`;
  const spoken = n => `${n} unread ${n === 1 ? 'message' : 'messages'}`;

  function update(id, transcript) {
    const c = mine.get(id); if (!c) return;
    c.transcript = transcript;
    // A conversation seen for the first time (just accepted, or handed over) starts with what is there now.
    if (looking(id) || store.getItem(readKey(id)) === null) markRead(id, transcript);
    const before = c.unread; c.unread = unreadIn(id, transcript);
    if (c.unread > before) status.textContent = `${c.name}: ${spoken(c.unread)}`;
    else if (!total()) status.textContent = '';
    decorate();
  }
  const total = () => [...mine.values()].reduce((n, c) => n + c.unread, 0);

  // The unread badges go into console.js's buttons each time it renders them; the words are part of the button's name.
  function decorate() {
    for (const b of document.querySelectorAll('#active button[data-id]')) {
      const c = mine.get(b.dataset.id);
      let wrap = b.querySelector('.unread-count');
      if (!c || !c.unread) { if (wrap) wrap.remove(); continue; }
      if (!wrap) { wrap = el('span', undefined, 'unread-count'); b.querySelector('strong').after(wrap); }
      // Seen: "2 unread"; heard: "2 unread messages", set apart by spaces from the name before and the state after.
      wrap.replaceChildren(' ', el('span', words(c.unread), 'badge unread'), el('span', c.unread === 1 ? ' message' : ' messages', 'sr-only'), ' ');
    }
    title();
  }

  // agent-quick-replies.js writes "(N) 8x8 Sales agent console" while N customers wait; the unread count goes after
  // its "(N) " and is put back whenever the title is written without it.
  function title() {
    const n = total(), part = n ? `${words(n)} · ` : '';
    const bare = document.title.replace(lastTitlePart, '');
    const wait = /^\(\d+\) /.exec(bare);
    const wanted = wait ? wait[0] + part + bare.slice(wait[0].length) : part + bare;
    lastTitlePart = part;
    if (document.title !== wanted) document.title = wanted;
  }
  new MutationObserver(() => { if (lastTitlePart && !document.title.includes(lastTitlePart)) { lastTitlePart = ''; title(); } })
    .observe(document.querySelector('title'), { childList: true, characterData: true, subtree: true });

  async function load(id) {
    const c = mine.get(id); c.loading = true;
    try {
      const view = await window.agentConsoleApi(`/conversations/${encodeURIComponent(id)}`);
      if (view && mine.has(id)) { c.key = view.conversationKey; update(id, view.transcript); }
    } catch { } finally { c.loading = false; }
  }

  document.addEventListener('agentconsole:queue', ev => {
    const items = ev.detail.items || [];
    const now = items.filter(q => !q.isWaiting && q.status === 'WithAgent' && q.agent && q.agent.id === me);
    const ids = new Set(now.map(q => q.id));
    for (const id of [...mine.keys()]) if (!ids.has(id)) mine.delete(id);
    // What a conversation no longer with this agent left behind in the tab's storage goes with it.
    for (const prefix of [readKey(''), draftKey('')]) {
      for (let i = store.length - 1; i >= 0; i--) {
        const key = store.key(i) || '';
        if (key.startsWith(prefix) && !items.some(q => q.id === key.slice(prefix.length))) store.removeItem(key);
      }
    }
    for (const q of now) {
      const known = mine.get(q.id);
      if (known) known.name = q.customer.name || q.customer.userId || 'Customer';
      else mine.set(q.id, { name: q.customer.name || q.customer.userId || 'Customer', key: null, transcript: [], unread: 0, loading: false });
      if (!mine.get(q.id).key && !mine.get(q.id).loading) load(q.id);
    }
    decorate();
  });

  document.addEventListener('agentconsole:transcript', ev => {
    const { conversationKey, sessionId } = ev.detail;
    for (const [id, c] of mine) {
      // The open conversation is read again by console.js, which then says so with "agentconsole:conversation".
      if ((c.key !== conversationKey && id !== sessionId) || id === openId) continue;
      window.agentConsoleApi(`/conversations/${encodeURIComponent(id)}/transcript`).then(t => { if (t) update(id, t); }).catch(() => { });
    }
  });

  document.addEventListener('agentconsole:conversation', ev => {
    const view = ev.detail, id = view.handoff.id;
    // The reply box still holds what was typed for the conversation shown before: it stays with that one.
    if (draftFor !== null) saveDraft(draftFor);
    if (draftFor !== id) { reply.value = store.getItem(draftKey(id)) || ''; draftFor = id; }
    openId = id;
    if (mine.has(id)) { mine.get(id).key = view.conversationKey; update(id, view.transcript); }
    else if (looking(id)) markRead(id, view.transcript);
  });
  // A callback shown instead: no conversation is being looked at.
  document.addEventListener('agentconsole:callback', () => { if (draftFor !== null) saveDraft(draftFor); openId = null; });

  function saveDraft(id) {
    if (reply.value) store.setItem(draftKey(id), reply.value); else store.removeItem(draftKey(id));
  }
  reply.addEventListener('input', () => { if (draftFor !== null) saveDraft(draftFor); });
  // A quick reply is inserted without an input event; the page's end saves it too.
  window.addEventListener('pagehide', () => { if (draftFor !== null) saveDraft(draftFor); });
  document.addEventListener('visibilitychange', () => { if (openId && mine.has(openId)) update(openId, mine.get(openId).transcript); });

  // Alt+ArrowDown / Alt+ArrowUp: the next or previous of this agent's conversations, in the list's order; the reply
  // box then has the focus, and the live region says where the agent is.
  document.addEventListener('keydown', ev => {
    if (!ev.altKey || ev.ctrlKey || ev.metaKey || (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp')) return;
    // The quick-reply list has its own arrow keys.
    if (ev.target.closest && ev.target.closest('#quick-replies')) return;
    const order = [...document.querySelectorAll('#active button[data-id]')].map(b => b.dataset.id).filter(id => mine.has(id));
    if (!order.length) return;
    ev.preventDefault();
    const at = order.indexOf(openId);
    const next = order[at < 0 ? (ev.key === 'ArrowDown' ? 0 : order.length - 1) : (at + (ev.key === 'ArrowDown' ? 1 : order.length - 1)) % order.length];
    const arrived = new Promise(done => {
      const on = e => { if (e.detail.handoff.id === next) { document.removeEventListener('agentconsole:conversation', on); done(); } };
      document.addEventListener('agentconsole:conversation', on);
    });
    window.agentConsoleOpen(next);
    arrived.then(() => {
      const c = mine.get(next);
      status.textContent = `${c ? c.name : 'Conversation'}, ${order.indexOf(next) + 1} of ${order.length} of your conversations`;
      if (!$('reply-form').classList.contains('hidden')) reply.focus();
    });
  });
})();
