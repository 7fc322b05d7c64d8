// tests/clients/explorer_session.js: one session in the explorer, in Debian's headless chromium
// driven by playwright-core (which downloads no browser), as a user would click through it:
// search -> open -> expand a neighbour -> trace overlay -> timeline -> kind and date filters ->
// downloads (picture, view, brief, GraphML, bundle) -> supplier screen -> review queue. Prints
// what the page did as one JSON object; the C++ test decides what is wrong.
//   node explorer_session.js URL SHOT_DIR QUERY ENTITY [--control]
// URL carries the token in its fragment. --control does, after the session, what the checks
// must catch: a console error, a request off this machine, an inline script (a CSP violation).
const path = require('path');
const fs = require('fs');

const [url, shotDir, query, entity, control] = process.argv.slice(2);
const modules = process.env.FLGRAPH_NODE_MODULES || '/tmp/flgraph-clients/node_modules';
const { chromium } = require(path.join(modules, 'playwright-core'));

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.FLGRAPH_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1500, height: 950 } });
  const page = await context.newPage();
  const report = { requests: [], console: [], errors: [], responses: [], downloads: {}, steps: {} };
  page.on('request', (request) => report.requests.push(request.url()));
  page.on('console', (message) => report.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => report.errors.push(String(error)));
  // Every body is awaited before the report is written: the canary check must see them all.
  const bodies = [];
  page.on('response', (response) => bodies.push(response.text()));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation',
      (event) => window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const shot = (name) => page.screenshot({ path: path.join(shotDir, name), fullPage: true });
  const count = (selector) => page.locator(selector).count();

  await page.goto(url);
  await page.waitForFunction(() => window.flgraphExplorer !== undefined);

  await page.fill('#search', query);
  await page.press('#search', 'Enter');
  await page.waitForSelector('#results li[data-id]');
  report.steps.results = await page.$$eval('#results li[data-id]', (items) => items.map((item) => item.dataset.id));
  report.steps.focused = await page.evaluate(() => document.activeElement.dataset.id || '');
  await shot('explorer-1-search.png');

  await page.press(`#results li[data-id="${entity}"]`, 'Enter');
  await page.waitForSelector('#entity h3');
  await page.waitForFunction(() => document.querySelectorAll('#node-list li').length > 0);
  report.steps.opened = await page.textContent('#entity h3');
  report.steps.nodes_after_open = await count('#node-list li');
  report.steps.canvas_nodes_after_open = await page.evaluate(() => window.flgraphExplorer.canvas.cy.nodes().length);
  await shot('explorer-2-open.png');

  // Expand: open the first neighbour from the panel (keyboard users and screen readers use it).
  const neighbour = page.locator('#entity .relation a').first();
  report.steps.neighbour = await neighbour.textContent();
  await neighbour.click();
  await page.waitForFunction((name) => document.querySelector('#entity h3')?.textContent === name, report.steps.neighbour);
  report.steps.nodes_after_expand = await count('#node-list li');

  // Back to the entity, then the trace overlay.
  await page.evaluate((id) => window.flgraphExplorer.open(id), entity);
  await page.click('#trace-button');
  await page.waitForFunction(() => /documented cases reached/.test(document.getElementById('status').textContent));
  report.steps.trace_status = await page.textContent('#status');
  report.steps.trace_paths = await count('#trace .path');
  report.steps.traced_edges = await page.evaluate(() => window.flgraphExplorer.canvas.cy.edges('.traced').length);
  await shot('explorer-3-trace.png');

  // The timeline holds the dated facts on the canvas; clicking one selects it on the canvas.
  await page.waitForSelector('#timeline g.fact');
  report.steps.timeline_facts = await count('#timeline g.fact');
  report.steps.timeline_traced = await count('#timeline g.fact.traced');
  const fact = page.locator('#timeline g.fact').first();
  const factId = await fact.getAttribute('data-id');
  await fact.dispatchEvent('click');
  report.steps.timeline_selected = await page.evaluate(
    (id) => window.flgraphExplorer.canvas.cy.getElementById(id).selected(), factId);
  report.steps.timeline_marked = await count('#timeline g.fact.selected');

  // The kind filter: consigned_to unticked hides those relations, ticked shows them again.
  report.steps.edges_before_kind = await count('#edge-list li');
  await page.uncheck('#kind-consigned_to');
  report.steps.edges_after_kind = await page.$$eval('#edge-list li', (items) => items.map((item) => item.textContent));
  await page.check('#kind-consigned_to');
  report.steps.edges_after_kind_back = await count('#edge-list li');

  // A window after every date leaves only the relations still open (or undated) then.
  report.steps.edges_before_filter = await count('#edge-list li');
  await page.fill('#from-date', '2099-01-01');
  await page.dispatchEvent('#from-date', 'change');
  report.steps.edges_after_filter = await page.$$eval('#edge-list li', (items) => items.map((item) => item.textContent));
  await shot('explorer-4-filtered.png');
  await page.fill('#from-date', '');
  await page.dispatchEvent('#from-date', 'change');
  report.steps.edges_after_clearing = await count('#edge-list li');

  for (const [button, name] of [['#png-button', 'png'], ['#view-button', 'view']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const saved = path.join(shotDir, `explorer-export.${name === 'png' ? 'png' : 'json'}`);
    await download.saveAs(saved);
    report.downloads[name] = fs.readFileSync(saved).toString(name === 'png' ? 'base64' : 'utf8');
  }

  // Downloads of the traced selection (and the brief on the open entity), as the server wrote them.
  for (const format of ['brief', 'graphml', 'svg', 'bundle']) {
    await page.selectOption('#download-format', format);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-button')]);
    const saved = path.join(shotDir, download.suggestedFilename());
    await download.saveAs(saved);
    report.downloads[format] = fs.readFileSync(saved).toString(format === 'bundle' ? 'base64' : 'utf8');
    report.downloads[`${format}_file`] = saved;
  }

  // The supplier screen: a list naming what was searched, uploaded from a file.
  const list = path.join(shotDir, 'suppliers.csv');
  fs.writeFileSync(list, `name,country\n"${query}",\nNo Such Supplier Anywhere Ltd,DE\n`);
  await page.setInputFiles('#screen-file', list);
  await page.waitForSelector('#screen-results table');
  report.steps.screen_rows = await page.$$eval('#screen-results tbody tr', (rows) => rows.map((row) => row.textContent));

  // The review queue: load the pairs, judge the first unsure, undo it.
  await page.click('#review-button');
  await page.waitForFunction(() => /pairs to judge|error/.test(document.getElementById('review-status').textContent));
  report.steps.review_status = await page.textContent('#review-status');
  report.steps.review_pairs = await count('#review-pairs li');
  if (report.steps.review_pairs > 0) {
    await page.locator('#review-pairs li').first().locator('button', { hasText: 'unsure' }).click();
    await page.waitForSelector('#review-judged li button');
    report.steps.review_judged = await page.textContent('#review-judged li');
    await page.click('#review-judged li button');
    await page.waitForFunction(() => /undone/.test(document.getElementById('review-status').textContent));
    report.steps.review_undone = await page.textContent('#review-judged li');
  }
  await shot('explorer-5-tools.png');

  if (control === '--control') {
    await page.evaluate(() => {
      console.error('control: an error on the console');
      const script = document.createElement('script');
      script.textContent = 'window.controlRan = true;';
      document.body.append(script);
    });
    await page.waitForTimeout(300);
  }
  // A search for a protected name as a user might type it: the answer must not know it.
  if (process.env.FLGRAPH_PROTECTED_QUERY) {
    await page.fill('#search', process.env.FLGRAPH_PROTECTED_QUERY);
    await page.press('#search', 'Enter');
    await page.waitForFunction(() => /candidates for/.test(document.getElementById('status').textContent));
  }
  report.control_ran = await page.evaluate(() => window.controlRan === true);
  report.csp = await page.evaluate(() => window.cspViolations);
  report.dom = await page.content();
  for (const body of await Promise.allSettled(bodies)) {
    if (body.status === 'fulfilled') report.responses.push(body.value);
    else report.unread_responses = (report.unread_responses || 0) + 1;
  }
  if (control === '--control') {
    // The CSP stops requests from scripts; a link followed is a navigation, which it does not.
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = 'http://192.0.2.1/control';
      document.body.append(link);
      link.click();
    });
    await page.waitForTimeout(1000);
  }
  await browser.close();
  process.stdout.write(JSON.stringify(report));
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
