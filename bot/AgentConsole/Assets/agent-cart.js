// The sales-assisted cart panel: the agent sets the customer's cart (beyond the self-service limits, up to the
// sales-assisted ones) and sends it; the customer then checks out in the chat themselves. The console page tells this
// script which conversation is open through the "agentconsole:conversation" event; everything else goes through
// /agent/api/conversations/{id}/cart, which enforces who may do what.
(() => {
  const panel = document.getElementById('assisted-cart');
  if (!panel) return;
  const money = n => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  const heading = panel.querySelector('h3');
  let handoffId = null, view = null, busy = false;

  // The page's API helper: antiforgery header, sign-in on 401, the problem's detail as the error.
  const call = (method, path, body) => window.agentConsoleApi(`/conversations/${encodeURIComponent(handoffId)}/cart${path}`,
    { method, body: body === undefined ? undefined : JSON.stringify(body) });

  function status(text, problem) {
    const out = document.getElementById('assisted-cart-status');
    out.textContent = text || '';
    out.classList.toggle('problem', !!problem);
  }

  function render() {
    panel.replaceChildren(heading);
    if (!view) return;
    panel.append(el('p', view.limitsText, 'meta'), el('p', view.ownerText, 'owner'));
    const form = el('form'); form.id = 'assisted-cart-form';
    const table = el('table');
    const caption = el('caption', 'Quantities for the customer (0 leaves a product out)', 'sr-only');
    const head = el('tr');
    for (const [title, cls] of [['Product'], ['Kind'], ['Price', 'number'], ['Quantity', 'number']]) { const th = el('th', title, cls); th.scope = 'col'; head.append(th); }
    const thead = el('thead'); thead.append(head);
    const tbody = el('tbody');
    for (const p of view.products) {
      const tr = el('tr');
      const input = el('input'); input.type = 'number'; input.min = '0'; input.max = String(view.cart.limits.maxQuantityPerItem); input.step = '1';
      input.id = `assisted-qty-${p.sku}`; input.name = p.sku; input.value = String(p.quantity); input.inputMode = 'numeric';
      const label = el('label', p.name); label.htmlFor = input.id;
      const name = el('td'); name.append(label);
      const qty = el('td', undefined, 'number'); qty.append(input);
      tr.append(name, el('td', p.kindText), el('td', `${money(p.price)}${p.kind === 'Line' ? '/mo' : ''}`, 'number'), qty);
      tbody.append(tr);
    }
    table.append(caption, thead, tbody);
    const cart = view.cart;
    const totals = el('p', `${cart.lineCount} new lines · ${cart.deviceCount} devices · ${money(cart.oneTimeSubtotal)} one-time · ${money(cart.monthlySubtotal)}/mo`, 'meta');
    totals.id = 'assisted-cart-totals';
    const problems = el('ul');
    for (const p of view.problems) problems.append(el('li', p, 'problem'));
    const save = el('button', 'Save cart', 'secondary'); save.type = 'submit'; save.id = 'assisted-cart-save';
    const send = el('button', 'Send cart to customer', 'primary'); send.type = 'button'; send.id = 'assisted-cart-send';
    send.disabled = !view.canSend;
    const out = el('p', '', 'meta'); out.id = 'assisted-cart-status'; out.setAttribute('role', 'status');
    const actions = el('div', undefined, 'actions'); actions.append(save, send);
    form.append(table, totals, problems, actions, out);
    panel.append(form);
    form.addEventListener('submit', async ev => { ev.preventDefault(); await saveCart(); });
    send.addEventListener('click', sendCart);
  }

  function quantities() {
    return [...panel.querySelectorAll('input[type=number]')].map(input => ({ sku: input.name, quantity: input.value.trim() === '' ? 0 : Number(input.value) }));
  }

  async function load(id) {
    handoffId = id; view = null;
    try { view = await call('GET', ''); render(); }
    catch (e) { render(); panel.append(el('p', e.message, 'problem')); }
  }

  async function saveCart() {
    if (busy) return; busy = true;
    const bad = quantities().find(q => !Number.isInteger(q.quantity) || q.quantity < 0);
    if (bad) { status(`Enter a whole number of 0 or more for ${bad.sku}.`, true); busy = false; return; }
    try { view = await call('PUT', '', { items: quantities() }); render(); status('Saved. The customer’s cart now holds these quantities.'); document.getElementById('assisted-cart-send').focus(); }
    catch (e) { status(e.message, true); }
    finally { busy = false; }
  }

  async function sendCart() {
    if (busy) return; busy = true;
    try { await call('POST', '/send'); status('Sent. The customer sees the cart in the chat and checks out themselves; the conversation is back with the bot.'); }
    catch (e) { status(e.message, true); }
    finally { busy = false; }
  }

  document.addEventListener('agentconsole:conversation', ev => {
    const current = ev.detail;
    const mine = current && current.assignedToMe && current.handoff.status === 'WithAgent' && current.summary && current.handoff.customer.userId;
    panel.classList.toggle('hidden', !mine);
    if (!mine) { handoffId = null; view = null; panel.replaceChildren(heading); return; }
    // Re-rendering while the agent types quantities would lose them: reload only for another conversation.
    if (handoffId !== current.handoff.id) load(current.handoff.id);
  });
})();
