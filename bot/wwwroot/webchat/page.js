// The website chat page's script: picks a demo user where allowed, fetches a token from /webchat/token and renders Web Chat.
(() => {
  'use strict';
  const byId = id => document.getElementById(id);
  // The page's words and language, written by the server in the visitor's language (WebChatPage.razor).
  const texts = document.body.dataset;
  let config = null;
  let directLine = null;

  const styleOptions = {
    accent: '#d50032',
    backgroundColor: '#ffffff',
    primaryFont: '"Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
    botAvatarInitials: '8x8',
    botAvatarBackgroundColor: '#101820',
    userAvatarBackgroundColor: '#d50032',
    bubbleBackground: '#f1f2f4',
    bubbleBorderWidth: 0,
    bubbleBorderRadius: 12,
    bubbleFromUserBackground: '#d50032',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderWidth: 0,
    bubbleFromUserBorderRadius: 12,
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#d50032',
    suggestedActionTextColor: '#a30026',
    suggestedActionBorderRadius: 16,
    sendBoxButtonColor: '#d50032',
    sendBoxButtonColorOnHover: '#a30026',
    hideUploadButton: true
  };

  // While an agent has the chat the bot's activities say who speaks (channelData.salesbot, see AgentActivities.cs):
  // the agent's words are drawn with their name and initials, the joined, left and transferred notes in the middle of the chat.
  const React = window.React;
  const salesbotData = activity => (activity && activity.channelData && activity.channelData.salesbot) || null;
  const isAgent = activity => { const data = salesbotData(activity); return !!(data && data.kind === 'agent' && data.sender); };

  // Every activity the page posts says it draws senders, so the bot sends an agent's words without the name written in.
  const store = React ? window.WebChat.createStore({}, () => next => action => {
    if (action.type === 'DIRECT_LINE/POST_ACTIVITY') {
      const activity = action.payload.activity;
      const channelData = Object.assign({}, activity.channelData, { salesbot: { rendersSender: true } });
      action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: Object.assign({}, activity, { channelData }) }) });
    }
    return next(action);
  }) : undefined;

  const activityMiddleware = () => next => options => {
    const data = salesbotData(options.activity);
    if (data && (data.kind === 'joined' || data.kind === 'left' || data.kind === 'transferred')) {
      return () => React.createElement('p', { className: ['agent-note', 'agent-note-' + data.kind].join(' ') }, options.activity.text);
    }
    const render = next(options);
    if (!render || !isAgent(options.activity)) { return render; }
    // Web Chat draws one avatar per group of the bot's activities, so each agent message names its sender itself.
    return (...args) => React.createElement('div', { className: 'agent-message' },
      React.createElement('p', { className: 'agent-sender' },
        React.createElement('span', { className: 'agent-initials', 'aria-hidden': 'true' }, data.sender.initials),
        React.createElement('span', { className: 'agent-name' }, data.sender.name)),
      render(...args));
  };

  const avatarMiddleware = () => next => args => {
    if (!isAgent(args.activity)) { return next(args); }
    const initials = salesbotData(args.activity).sender.initials;
    return () => React.createElement('span', { className: 'agent-avatar', 'aria-hidden': 'true' }, initials);
  };

  function showStatus(text, isError) {
    const status = byId('status');
    status.textContent = text || '';
    status.hidden = !text;
    status.classList.toggle('error', !!isError);
  }

  async function getJson(url, init) {
    const response = await fetch(url, Object.assign({ credentials: 'same-origin', headers: { 'Content-Type': 'application/json' } }, init));
    if (!response.ok) {
      let message = 'HTTP ' + response.status;
      try { message = (await response.json()).error.message || message; } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    return response.json();
  }

  function initials(name) {
    return (name || '').split(/[\s._-]+/).filter(Boolean).slice(0, 2).map(part => part[0].toUpperCase()).join('') || 'You';
  }

  function showWhoAmI(user, userId) {
    const whoami = byId('whoami');
    whoami.replaceChildren();
    if (!userId) { return; }
    const label = document.createElement('span');
    label.append(texts.chattingAs + ' ' + (user && user.displayName ? user.displayName + ' ' : ''));
    const code = document.createElement('code');
    code.textContent = userId;
    label.append(code);
    whoami.append(label);
    if (config && config.chooseUser) {
      const change = document.createElement('button');
      change.type = 'button';
      change.className = 'header-button';
      change.textContent = texts.switchUser;
      change.addEventListener('click', showPicker);
      whoami.append(change);
    }
  }

  function endChat() {
    if (directLine) { try { directLine.end(); } catch (e) { /* already closed */ } directLine = null; }
    const fresh = document.createElement('div');
    fresh.id = 'webchat';
    fresh.hidden = true;
    byId('webchat').replaceWith(fresh);
  }

  function showPicker() {
    endChat();
    showWhoAmI(null, null);
    showStatus('');
    const list = byId('users');
    list.replaceChildren();
    for (const user of config.demoUsers) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'user';
      button.dataset.userId = user.id;
      const name = document.createElement('span'); name.className = 'name'; name.textContent = user.displayName;
      const id = document.createElement('span'); id.className = 'id'; id.textContent = user.id;
      const demonstrates = document.createElement('span'); demonstrates.className = 'case'; demonstrates.textContent = user.demonstrates;
      button.append(name, id, demonstrates);
      button.addEventListener('click', () => connect(user));
      item.append(button);
      list.append(item);
    }
    byId('picker').hidden = false;
    byId('picker-title').focus();
  }

  async function connect(user) {
    byId('picker').hidden = true;
    showStatus(texts.connecting);
    try {
      // Coming back to the page continues the same chat (same step, same history) for the same user.
      const resumeKey = 'salesbot.chat.' + (user ? user.id : 'portal');
      const resumeToken = localStorage.getItem(resumeKey);
      const request = Object.assign(user ? { userId: user.id } : {}, resumeToken ? { resumeToken } : {});
      const token = await getJson('/webchat/token', { method: 'POST', body: JSON.stringify(request) });
      localStorage.setItem(resumeKey, token.token);
      endChat();
      directLine = window.WebChat.createDirectLine({ token: token.token, domain: token.domain, webSocket: token.webSocket });
      const host = byId('webchat');
      host.hidden = false;
      window.WebChat.renderWebChat({
        directLine,
        userID: token.userId,
        username: user ? user.displayName : undefined,
        locale: texts.locale || 'en-US',
        sendTypingIndicator: true,
        // The page's content security policy admits only the style sheets written with this response's nonce.
        nonce: texts.styleNonce,
        store,
        activityMiddleware: React ? activityMiddleware : undefined,
        avatarMiddleware: React ? avatarMiddleware : undefined,
        styleOptions: Object.assign({ userAvatarInitials: initials(user ? user.displayName : token.userId) }, styleOptions)
      }, host);
      showWhoAmI(user, token.userId);
      showStatus('');
      const sendBox = host.querySelector('input[type="text"], textarea');
      if (sendBox) { sendBox.focus(); }
    } catch (error) {
      showStatus(texts.couldNotStart + ' ' + error.message, true);
      if (config && config.chooseUser) { byId('picker').hidden = false; }
    }
  }

  byId('other-user').addEventListener('submit', event => {
    event.preventDefault();
    const id = byId('other-user-id').value.trim();
    if (id) { connect({ id, displayName: id, demonstrates: '' }); }
  });

  async function start() {
    if (!window.WebChat) {
      showStatus(texts.notLoaded, true);
      return;
    }
    try {
      config = await getJson('/webchat/config');
    } catch (error) {
      showStatus(texts.notAvailable + ' ' + error.message, true);
      return;
    }
    if (config.mode === 'disabled') {
      showStatus(texts.notConfigured, true);
    } else if (config.chooseUser) {
      showPicker();
    } else {
      connect(null);
    }
  }

  start();
})();

