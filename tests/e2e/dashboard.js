/*
 * dashboard.js URL [CODE]: drive the dyad dashboard in Debian's Chromium
 * (tests/e2e/run.sh starts the server and calls this).
 *
 * Opens URL, waits for the four views, checks the timeline and the event
 * table show events, filters on CODE (a CAMEO code prefix; "" = any
 * event) and checks the timeline and the table then show such an event,
 * clicks it and checks the sentence appears with the source, verb and
 * target highlighted and the dictionary entry that fired.  Fails on any
 * page error and on any request that leaves the server (the dashboard
 * must work offline).  Never downloads a browser: playwright-core
 * launches /usr/bin/chromium with a fresh profile.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const url = process.argv[2];
const code = process.argv[3] || '';
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 15000;

function fail(msg) {
	throw new Error(msg);
}

async function main() {
	const origin = new URL(url).origin;
	const profile = fs.mkdtempSync(path.join(os.tmpdir(),
		'dyad-e2e-chromium-'));
	const problems = [];
	let ctx;

	try {
		/* a persistent context is how playwright takes a
		 * --user-data-dir; the directory is new and removed below */
		ctx = await chromium.launchPersistentContext(profile, {
			executablePath: chromiumPath,
			headless: true,
			args: ['--headless', '--no-sandbox',
				'--disable-gpu', '--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'],
			timeout: 60000,
		});
		const page = ctx.pages()[0] || await ctx.newPage();
		page.setDefaultTimeout(TIMEOUT);
		await page.route('**/*', (route) => {
			const u = route.request().url();
			if (u.startsWith(origin + '/'))
				return route.continue();
			problems.push('request left the server: ' + u);
			return route.abort();
		});
		page.on('pageerror', (e) => problems.push('page error: ' +
			e.message));
		page.on('console', (m) => {
			if (m.type() === 'error')
				problems.push('console error: ' + m.text());
		});

		await page.goto(url);
		await page.waitForSelector('body[data-ready="1"]');
		const bars = await page.locator('#timeline rect.bar').count();
		const rows = await page.locator('#events tbody tr[data-id]')
			.count();
		const nodes = await page.locator('#network g.node').count();
		if (!bars)
			fail('the timeline shows no bars');
		if (!rows)
			fail('the event table shows no events');
		if (!nodes)
			fail('the dyad network shows no actors');
		if (!await page.locator('#map rect.sea').count())
			fail('the map is not drawn');
		const stats = await page.locator('#stats').textContent();
		console.log('dashboard: ' + stats.trim() + '; ' + bars +
			' timeline bars, ' + rows + ' table rows, ' + nodes +
			' actors');

		/* filter on the code: the timeline and the table follow */
		if (code) {
			await page.fill('#filters input[name="code"]', code);
			await page.evaluate(() =>
				document.body.removeAttribute('data-ready'));
			await page.click('#filters button[type="submit"]');
			await page.waitForSelector('body[data-ready="1"]');
		}
		const sel = '#events tbody tr[data-code^="' + code + '"]';
		const hits = await page.locator(sel).count();
		if (!hits)
			fail('no event with a code starting "' + code +
				'" in the table');
		const others = await page.locator('#events tbody tr[data-id]')
			.count() - hits;
		if (code && others)
			fail(others + ' events in the table do not ' +
				'match code ' + code);
		const counted = await page.$$eval('#timeline rect.bar',
			(rs) => rs.reduce((n, r) =>
				n + Number(r.getAttribute('data-count')), 0));
		if (!counted)
			fail('the timeline shows no events for code ' + code);

		/* click the event: its sentence, highlighted */
		const row = page.locator(sel).first();
		const id = await row.getAttribute('data-id');
		const rowCode = await row.getAttribute('data-code');
		await row.click();
		await page.waitForSelector('#detail mark.verb');
		const marks = await page.$$eval('#detail mark', (ms) =>
			ms.map((m) => [m.className, m.textContent]));
		const roles = marks.map((m) => m[0]);
		if (!roles.includes('verb'))
			fail('no verb highlighted');
		if (!roles.includes('source') && !roles.includes('target'))
			fail('neither source nor target highlighted');
		const sentence = await page.locator('#detail p.sentence')
			.textContent();
		for (const [, text] of marks)
			if (!sentence.includes(text))
				fail('highlight "' + text +
					'" not in the sentence');
		const textOf = async (css) => await page.locator(css).count() ?
			page.locator(css).textContent() : '';
		const pattern = await textOf('#detail code.pattern');
		const where = await textOf('#detail .where');
		/* both: the entry's text and where it is ("FILE:LINE") */
		if (!pattern || !where)
			fail('the dictionary entry is not shown (text "' +
				(pattern || '') + '", at "' + (where || '') +
				'")');
		if (!await page.locator('#events tr.selected[data-id="' + id +
			'"]').count())
			fail('the clicked row is not marked');
		console.log('event ' + id + ' (' + rowCode + '): ' +
			marks.map((m) => m[0] + '="' + m[1] + '"').join(' ') +
			'; entry: ' + (pattern || '') + where);
		if (process.env.E2E_SCREENSHOT)
			await page.screenshot({
				path: process.env.E2E_SCREENSHOT,
				fullPage: true });
	} finally {
		if (ctx)
			await ctx.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	if (problems.length)
		fail(problems.join('\n'));
}

main().then(() => process.exit(0), (e) => {
	console.error('dashboard test: ' + e.message);
	process.exit(1);
});
