// The supervisor view: reads /agent/api/supervisor/overview every few seconds (the funnel changes with every
// customer turn on any instance, which the agents' event feed does not carry) and draws the funnel as SVG.
(() => {
  "use strict";
  const root = document.getElementById("supervisor");
  const refreshMs = Number(root.dataset.refreshSeconds || 5) * 1000;
  const svgNs = "http://www.w3.org/2000/svg";
  const $ = id => document.getElementById(id);

  function item(text) {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  }

  function fill(list, items, empty) {
    list.replaceChildren(...(items.length ? items : [item(empty)]));
  }

  function svg(name, attributes, text) {
    const element = document.createElementNS(svgNs, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function chart(steps, dayText) {
    const barHeight = 28, gap = 8, labelWidth = 190, barWidth = 420, countWidth = 60;
    const height = steps.length * (barHeight + gap);
    const max = Math.max(1, ...steps.map(s => s.count));
    const chart = svg("svg", { viewBox: `0 0 ${labelWidth + barWidth + countWidth} ${height}`, role: "img", "aria-labelledby": "funnel-title funnel-desc" });
    chart.append(svg("title", { id: "funnel-title" }, "Today's sales funnel"));
    chart.append(svg("desc", { id: "funnel-desc" }, `${dayText}: ` + steps.map(s => `${s.label} ${s.count}`).join(", ") + "."));
    steps.forEach((step, i) => {
      const y = i * (barHeight + gap);
      chart.append(svg("text", { x: 0, y: y + barHeight * 0.68 }, step.label));
      chart.append(svg("rect", { class: step.stage === "handoff" ? "bar handoff" : "bar", x: labelWidth, y, height: barHeight, width: Math.max(2, barWidth * step.count / max) }));
      chart.append(svg("text", { x: labelWidth + barWidth + 8, y: y + barHeight * 0.68 }, String(step.count)));
    });
    $("funnel-chart").replaceChildren(chart);
    $("funnel-table").tBodies[0].replaceChildren(...steps.map(step => {
      const row = document.createElement("tr");
      const name = document.createElement("th");
      name.scope = "row";
      name.textContent = step.label;
      const count = document.createElement("td");
      count.className = "count";
      count.dataset.stage = step.stage;
      count.textContent = String(step.count);
      row.append(name, count);
      return row;
    }));
  }

  function show(overview) {
    $("queue-summary").textContent = overview.waiting === 0
      ? "Nobody is waiting."
      : `${overview.waiting} waiting · longest wait ${overview.longestWaitText}`;
    fill($("queue"), overview.queue.map(q => item(`${q.customer.name || "Unidentified customer"} · ${q.reasonText} · ${q.channelText}`)), "The queue is empty.");
    fill($("agents"), overview.agents.map(a => {
      const li = item(`${a.agent.name}: ${a.conversationsText}`);
      const inner = document.createElement("ul");
      inner.append(...a.conversations.map(c => item(`${c.customer.name || "Unidentified customer"} · ${c.reasonText}`)));
      li.append(inner);
      return li;
    }), "No agent is in a conversation.");
    $("funnel-day").textContent = overview.dayText;
    chart(overview.funnel, overview.dayText);
    fill($("reasons"), overview.handoffReasons.map(r => item(`${r.reasonText}: ${r.count}`)), "No handoffs today.");
    fill($("callbacks"), overview.callbacks.map(c => item(`${c.customerName || "Unidentified customer"} · ${c.reasonText} · ${c.preferredTime} · ${c.stateText}`)), "No callbacks today.");
    $("updated").textContent = "Updated " + new Date().toLocaleTimeString();
  }

  async function refresh() {
    try {
      const response = await fetch("/agent/api/supervisor/overview", { headers: { Accept: "application/json" } });
      if (response.status === 401) {
        location.assign("/agent/signin?returnUrl=" + encodeURIComponent(location.pathname));
        return;
      }
      if (!response.ok) throw new Error(`The overview could not be read (${response.status}).`);
      show(await response.json());
      $("error").textContent = "";
    } catch (error) {
      $("error").textContent = error.message;
    } finally {
      setTimeout(refresh, refreshMs);
    }
  }

  refresh();
})();
