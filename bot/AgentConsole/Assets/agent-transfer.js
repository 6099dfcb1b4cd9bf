// Transfer: the agent who has a conversation hands it to another agent who is online, with a note for them (the customer
// is told who has them now, never the note). The console page says which conversation is open through the
// "agentconsole:conversation" event; the list of agents and the transfer go through /agent/api, which decides who may.
(() => {
  const endForm = document.getElementById('end-form');
  if (!endForm) return;
  const me = document.querySelector('meta[name="agent-id"]').content;
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  const report = message => { document.getElementById('error').textContent = message || ''; };

  // The panel: a toggle button, and the form it opens (who, a note, the button), after the end-handoff form.
  const panel = el('section'); panel.id = 'transfer'; panel.className = 'hidden'; panel.setAttribute('aria-labelledby', 'transfer-heading');
  const heading = el('h3', 'Transfer to another agent'); heading.id = 'transfer-heading';
  const toggle = el('button', 'Transfer…', 'secondary'); toggle.type = 'button'; toggle.id = 'transfer-toggle';
  toggle.setAttribute('aria-expanded', 'false'); toggle.setAttribute('aria-controls', 'transfer-form');
  const form = el('form', undefined, 'hidden'); form.id = 'transfer-form';
  const whoLabel = el('label', 'Agent (online now)'); whoLabel.htmlFor = 'transfer-agent';
  const who = el('select'); who.id = 'transfer-agent'; who.required = true;
  const noteLabel = el('label', 'Note for the next agent (optional, not shown to the customer)'); noteLabel.htmlFor = 'transfer-note';
  const note = el('textarea'); note.id = 'transfer-note'; note.rows = 2; note.maxLength = 500;
  const submit = el('button', 'Transfer', 'primary'); submit.type = 'submit'; submit.id = 'transfer-submit';
  const actions = el('p'); actions.append(submit);
  // Each label above its field, as in the console's other forms.
  const field = (label, input) => { const p = el('p'); p.append(label, el('br'), input); return p; };
  form.append(field(whoLabel, who), field(noteLabel, note), actions);
  const status = el('p', '', 'meta'); status.id = 'transfer-status'; status.setAttribute('role', 'status');
  panel.append(heading, toggle, form, status);
  endForm.after(panel);

  let handoffId = null, busy = false;

  async function loadAgents() {
    who.replaceChildren(el('option', 'Loading agents…'));
    who.disabled = true; submit.disabled = true;
    try {
      const agents = await window.agentConsoleApi('/agents') || [];
      who.replaceChildren();
      for (const a of agents) { const o = el('option', `${a.name} (${a.conversationsText})`); o.value = a.id; who.append(o); }
      if (!agents.length) who.append(el('option', 'No other agent is online'));
      who.disabled = !agents.length; submit.disabled = !agents.length;
    } catch (e) { who.replaceChildren(el('option', 'Could not read the agents')); report(e.message); }
  }

  function open(expanded) {
    form.classList.toggle('hidden', !expanded);
    toggle.setAttribute('aria-expanded', String(expanded));
    if (expanded) { report(); loadAgents().then(() => { if (!who.disabled) who.focus(); }); }
  }
  toggle.addEventListener('click', () => open(form.classList.contains('hidden')));
  form.addEventListener('keydown', ev => { if (ev.key === 'Escape') { ev.preventDefault(); open(false); toggle.focus(); } });

  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (busy || !handoffId || !who.value) return;
    busy = true; submit.disabled = true; report();
    try {
      const done = await window.agentConsoleApi(`/conversations/${encodeURIComponent(handoffId)}/transfer`,
        { method: 'POST', body: JSON.stringify({ agentId: who.value, note: note.value }) });
      note.value = '';
      // Read-only for me at once; the console reads the conversation again when the feed says it changed.
      readOnly(done ? done.text : 'Transferred.');
    } catch (e) { report(e.message); await loadAgents(); }
    finally { busy = false; if (!who.disabled) submit.disabled = false; }
  });

  function readOnly(text) {
    for (const id of ['reply-form', 'end-form', 'assisted-cart']) { const e = document.getElementById(id); if (e) e.classList.add('hidden'); }
    open(false); toggle.classList.add('hidden');
    status.textContent = text;
    panel.classList.remove('hidden');
  }

  // "Transferred from Dana Reyes: <note>" leads the handoff summary the console has just drawn.
  function showInSummary(summary) {
    const facts = document.getElementById('summary');
    const before = document.getElementById('summary-transfer');
    if (before) { before.previousElementSibling.remove(); before.remove(); }
    if (!facts || !summary || !summary.transferText) return;
    const dd = el('dd', summary.transferText); dd.id = 'summary-transfer';
    facts.prepend(el('dt', 'Transfer'), dd);
  }

  document.addEventListener('agentconsole:conversation', ev => {
    const current = ev.detail;
    const h = current && current.handoff;
    const mine = !!(h && current.assignedToMe && h.status === 'WithAgent');
    const transfer = current && current.summary && current.summary.transfer;
    showInSummary(current && current.summary);
    if (!h || h.id !== handoffId) { handoffId = h ? h.id : null; note.value = ''; open(false); status.textContent = ''; }
    if (mine) { toggle.classList.remove('hidden'); panel.classList.remove('hidden'); status.textContent = ''; return; }
    // A conversation I handed over stays readable, with who has it now.
    if (transfer && transfer.from.id === me && h.status === 'WithAgent') { readOnly(`You transferred this conversation to ${transfer.to.name}.`); return; }
    panel.classList.add('hidden'); open(false);
  });
})();
