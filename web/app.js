/*
 * app.js: the dyad dashboard.  Plain browser JavaScript, no libraries.
 *
 * Reads the JSON API of `dyad serve` (docs/query.md) with the filters of
 * the form and draws four views: a timeline of event counts by quad
 * class (stacked SVG bars), a network of the largest dyads (nodes on a
 * circle, arrows from source to target), a map of located events (a
 * latitude/longitude grid -- no tiles, nothing from the network) and an
 * event table.  Clicking an event shows its sentence with the source,
 * verb and target marked from the stored spans, and the dictionary
 * entry that fired.  Text from the database is only ever inserted with
 * textContent, never as HTML.  Loaded as a module: strict mode, and
 * nothing here is global.
 */
var SVG = 'http://www.w3.org/2000/svg';
var PAGE = 50;
var QUADS = [1, 2, 3, 4];
var QUAD_NAMES = ['', 'verbal cooperation', 'material cooperation',
	'verbal conflict', 'material conflict'];
var state = { offset: 0, total: 0, selected: null };

function $(id) { return document.getElementById(id); }

function el(tag, attrs, text) {
	var e = document.createElement(tag);
	setAttrs(e, attrs);
	if (text !== undefined && text !== null)
		e.textContent = String(text);
	return e;
}

function svg(tag, attrs, text) {
	var e = document.createElementNS(SVG, tag);
	setAttrs(e, attrs);
	if (text !== undefined && text !== null)
		e.textContent = String(text);
	return e;
}

function setAttrs(e, attrs) {
	for (var k in attrs || {})
		if (attrs[k] !== undefined && attrs[k] !== null)
			e.setAttribute(k, attrs[k]);
}

function clear(e) {
	while (e.firstChild)
		e.removeChild(e.firstChild);
}

function showError(msg) {
	var p = $('error');
	p.textContent = msg || '';
	p.hidden = !msg;
}

/* The form's filters as API parameters. */
function filters() {
	var f = $('filters'), p = new URLSearchParams();
	['actor', 'code', 'quad', 'from', 'to', 'text'].forEach(
		function (name) {
			var v = f.elements[name].value.trim();
			if (v)
				p.set(name, v);
		});
	if (f.elements.members.checked && p.has('actor'))
		p.set('members', '1');
	return p;
}

function api(path, extra) {
	var p = filters();
	for (var k in extra || {})
		p.set(k, extra[k]);
	var q = p.toString();
	return fetch('/api/' + path + (q ? '?' + q : ''), {
		headers: { 'Accept': 'application/json' }
	}).then(function (r) {
		return r.json().then(function (body) {
			if (!r.ok)
				throw new Error(body.error ||
					r.status + ' ' + r.statusText);
			return body;
		});
	});
}

/* ---- stats ---- */

function loadStats() {
	return fetch('/api/stats').then(function (r) { return r.json(); })
		.then(function (s) {
			$('stats').textContent = s.stories + ' stories, ' +
				s.events + ' events, ' + s.located +
				' located' + (s.first_date ? ', ' +
				s.first_date + ' to ' + s.last_date : '');
			return s;
		});
}

/* ---- timeline ---- */

/* Days between two YYYY-MM-DD dates. */
function days(a, b) {
	return (Date.parse(b) - Date.parse(a)) / 86400000;
}

function pickPeriod(stats) {
	var f = $('filters').elements;
	var a = f.from.value || stats.first_date;
	var b = f.to.value || stats.last_date;
	if (!a || !b)
		return 'day';
	var d = days(a, b);
	return d > 730 ? 'month' : d > 120 ? 'week' : 'day';
}

function periodEnd(start, period) {
	if (period === 'day')
		return start;
	if (period === 'week') {
		var t = new Date(Date.parse(start) + 6 * 86400000);
		return t.toISOString().slice(0, 10);
	}
	var y = +start.slice(0, 4), m = +start.slice(5, 7);
	var last = new Date(Date.UTC(y, m, 0));
	return last.toISOString().slice(0, 10);
}

/* The period after p (YYYY-MM-DD for days and weeks, YYYY-MM). */
function nextPeriod(p, period) {
	if (period === 'month') {
		var y = +p.slice(0, 4), m = +p.slice(5, 7) + 1;
		if (m > 12) {
			y++;
			m = 1;
		}
		return y + '-' + (m < 10 ? '0' : '') + m;
	}
	var t = Date.parse(p) + (period === 'week' ? 7 : 1) * 86400000;
	return new Date(t).toISOString().slice(0, 10);
}

function drawTimeline(rows, period) {
	var s = $('timeline');
	clear(s);
	$('period').textContent = '(per ' + period + ')';
	var byP = {}, order = [];
	rows.forEach(function (r) {
		if (!byP[r.period])
			byP[r.period] = { 1: 0, 2: 0, 3: 0, 4: 0 };
		byP[r.period][r.quad] = r.count;
	});
	var seen = Object.keys(byP).sort();
	if (!seen.length) {
		s.appendChild(svg('text', { x: 450, y: 110,
			'text-anchor': 'middle', 'class': 'empty' },
			'no dated events'));
		return;
	}
	/* every period from the first to the last, so gaps show */
	for (var p = seen[0]; p <= seen[seen.length - 1] &&
	     order.length < 2000; p = nextPeriod(p, period)) {
		order.push(p);
		byP[p] = byP[p] || { 1: 0, 2: 0, 3: 0, 4: 0 };
	}
	var W = 900, H = 220, L = 40, B = 30, T = 10;
	var max = 1;
	order.forEach(function (p) {
		var t = 0;
		QUADS.forEach(function (q) { t += byP[p][q]; });
		max = Math.max(max, t);
	});
	var bw = Math.min(40, (W - L - 10) / order.length);
	var y = function (v) { return H - B - (H - B - T) * v / max; };
	/* axis and gridlines */
	[0, 0.5, 1].forEach(function (f) {
		var v = Math.round(max * f);
		s.appendChild(svg('line', { x1: L, x2: W - 10, y1: y(v),
			y2: y(v), 'class': 'grid' }));
		s.appendChild(svg('text', { x: L - 4, y: y(v) + 4,
			'text-anchor': 'end', 'class': 'axis' }, v));
	});
	/* a label every 90 units at least */
	var every = Math.max(1, Math.ceil(90 / bw));
	order.forEach(function (p, i) {
		var x = L + i * bw, acc = 0;
		var g = svg('g', { 'class': 'period', 'data-period': p });
		QUADS.forEach(function (q) {
			var c = byP[p][q];
			if (!c)
				return;
			var r = svg('rect', {
				x: x + 1, width: Math.max(1, bw - 2),
				y: y(acc + c), height: y(acc) - y(acc + c),
				'class': 'bar q' + q, 'data-quad': q,
				'data-count': c
			});
			r.appendChild(svg('title', {}, p + ': ' + c + ' ' +
				QUAD_NAMES[q]));
			g.appendChild(r);
			acc += c;
		});
		g.addEventListener('click', function () {
			var f = $('filters').elements;
			f.from.value = p.length === 7 ? p + '-01' : p;
			f.to.value = periodEnd(f.from.value, period);
			reload();
		});
		s.appendChild(g);
		if (i % every === 0)
			s.appendChild(svg('text', { x: x + bw / 2, y: H - 10,
				'text-anchor': 'middle', 'class': 'axis' },
				p));
	});
}

function loadTimeline(stats) {
	var period = pickPeriod(stats);
	return api('counts', { period: period, by: 'quad' })
		.then(function (b) { drawTimeline(b.rows, period); });
}

/* ---- network ---- */

function drawNetwork(rows) {
	var s = $('network');
	clear(s);
	var defs = svg('defs');
	QUADS.concat([0]).forEach(function (k) {
		/* fixed size: not scaled by the edge's width */
		var m = svg('marker', { id: 'arrow' + k, viewBox: '0 0 10 10',
			refX: 10, refY: 5, markerWidth: 9,
			markerHeight: 9, markerUnits: 'userSpaceOnUse',
			orient: 'auto-start-reverse' });
		m.appendChild(svg('path', { d: 'M0,0 L10,5 L0,10 z',
			'class': 'arrow t' + k }));
		defs.appendChild(m);
	});
	s.appendChild(defs);
	if (!rows.length) {
		s.appendChild(svg('text', { x: 220, y: 220,
			'text-anchor': 'middle', 'class': 'empty' },
			'no dyads'));
		return;
	}
	var nodes = {}, list = [];
	function node(code, label, n) {
		if (!nodes[code]) {
			nodes[code] = { code: code, label: label || '', n: 0 };
			list.push(nodes[code]);
		}
		nodes[code].n += n;
	}
	rows.forEach(function (r) {
		node(r.source, r.source_label, r.count);
		node(r.target, r.target_label, r.count);
	});
	/* circle layout, busiest actors first */
	list.sort(function (a, b) { return b.n - a.n; });
	var C = 220, R = list.length > 1 ? 150 : 0;
	var maxN = list[0].n, maxE = rows[0].count;
	list.forEach(function (nd, i) {
		var a = 2 * Math.PI * i / list.length - Math.PI / 2;
		nd.x = C + R * Math.cos(a);
		nd.y = C + R * Math.sin(a);
		nd.r = 5 + 12 * Math.sqrt(nd.n / maxN);
		/* labels outside the circle, clear of the arrows */
		nd.lx = C + (R + nd.r + 6) * Math.cos(a);
		nd.ly = C + (R + nd.r + 6) * Math.sin(a) + 4;
		nd.anchor = Math.abs(Math.cos(a)) < 0.3 ? 'middle' :
			Math.cos(a) > 0 ? 'start' : 'end';
		if (R === 0) {
			nd.ly = C - nd.r - 6;
			nd.anchor = 'middle';
		}
	});
	rows.forEach(function (r) {
		var a = nodes[r.source], b = nodes[r.target];
		var tone = r.goldstein === undefined ? 0 :
			r.goldstein / r.count >= 0 ? 2 : 4;
		var w = 1 + 5 * Math.sqrt(r.count / maxE);
		var path;
		if (a === b) {
			path = 'M' + a.x + ',' + (a.y - a.r) +
				' c -30,-40 30,-40 0,0';
		} else {
			/* bend so a->b and b->a do not overlap */
			var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
			var dx = b.x - a.x, dy = b.y - a.y;
			var len = Math.sqrt(dx * dx + dy * dy) || 1;
			var cx = mx - dy / len * 25, cy = my + dx / len * 25;
			var ex = b.x - (b.x - cx) / len * b.r * 1.1;
			var ey = b.y - (b.y - cy) / len * b.r * 1.1;
			path = 'M' + a.x + ',' + a.y + ' Q' + cx + ',' + cy +
				' ' + ex + ',' + ey;
		}
		var e = svg('path', { d: path, 'class': 'edge t' + tone,
			'stroke-width': w.toFixed(1),
			'marker-end': 'url(#arrow' + tone + ')',
			'data-source': r.source, 'data-target': r.target });
		e.appendChild(svg('title', {}, r.source + ' \u2192 ' +
			r.target + ': ' + r.count + ' events' +
			(r.goldstein !== undefined ? ', Goldstein ' +
			r.goldstein : '')));
		s.appendChild(e);
	});
	list.forEach(function (nd) {
		var g = svg('g', { 'class': 'node', 'data-code': nd.code,
			tabindex: 0 });
		g.appendChild(svg('circle', { cx: nd.x, cy: nd.y, r: nd.r }));
		g.appendChild(svg('text', { x: nd.lx, y: nd.ly,
			'text-anchor': nd.anchor }, nd.code));
		g.appendChild(svg('title', {}, nd.code +
			(nd.label ? ' \u2014 ' + nd.label : '') + ': ' +
			nd.n + ' events'));
		g.addEventListener('click', function () {
			$('filters').elements.actor.value = nd.code;
			reload();
		});
		s.appendChild(g);
	});
}

function loadNetwork() {
	return api('dyads', { top: 25, goldstein: 1 })
		.then(function (b) { drawNetwork(b.rows); });
}

/* ---- map ---- */

function drawMap(body) {
	var s = $('map');
	clear(s);
	s.appendChild(svg('rect', { x: -180, y: -90, width: 360,
		height: 180, 'class': 'sea' }));
	for (var lon = -150; lon <= 150; lon += 30)
		s.appendChild(svg('line', { x1: lon, x2: lon, y1: -90,
			y2: 90, 'class': lon ? 'grat' : 'grat main' }));
	for (var lat = -60; lat <= 60; lat += 30)
		s.appendChild(svg('line', { x1: -180, x2: 180, y1: -lat,
			y2: -lat, 'class': lat ? 'grat' : 'grat main' }));
	[-120, -60, 0, 60, 120].forEach(function (l) {
		s.appendChild(svg('text', { x: l + 1, y: 88,
			'class': 'gratlabel' }, l + '\u00b0'));
	});
	$('map-count').textContent = '(' + body.total + ')';
	/* one dot per place, sized by events there */
	var at = {};
	body.rows.forEach(function (r) {
		var k = r.lat + ',' + r.lon;
		(at[k] = at[k] || []).push(r);
	});
	Object.keys(at).forEach(function (k) {
		var rs = at[k], r = rs[0];
		var c = svg('circle', { cx: r.lon, cy: -r.lat,
			r: Math.min(6, 1.5 + Math.sqrt(rs.length)),
			'class': 'dot q' + r.quad, 'data-id': r.id });
		c.appendChild(svg('title', {}, (r.loc_name || k) + ': ' +
			rs.length + ' event' + (rs.length > 1 ? 's' : '')));
		c.addEventListener('click', function () { showEvent(r.id); });
		s.appendChild(c);
	});
	if (!body.rows.length)
		s.appendChild(svg('text', { x: 0, y: 0,
			'text-anchor': 'middle', 'class': 'empty map-empty' },
			'no located events'));
}

function loadMap() {
	return api('map', { limit: 5000 }).then(drawMap);
}

/* ---- events ---- */

function drawEvents(body) {
	var tb = $('events').tBodies[0];
	clear(tb);
	state.total = body.total;
	$('events-count').textContent = '(' + body.total + ')';
	body.rows.forEach(function (r) {
		var tr = el('tr', { 'data-id': r.id, 'data-code': r.code,
			tabindex: 0, 'class': 'q' + r.quad });
		tr.appendChild(el('td', {}, r.date || ''));
		tr.appendChild(el('td', { title: r.source_label || '' },
			r.source));
		tr.appendChild(el('td', { 'class': 'code',
			title: r.plover || '' }, r.code));
		tr.appendChild(el('td', { title: r.target_label || '' },
			r.target));
		tr.appendChild(el('td', {}, r.verb_text || ''));
		tr.appendChild(el('td', { 'class': 'num' }, r.goldstein));
		tr.addEventListener('click', function () { showEvent(r.id); });
		tr.addEventListener('keydown', function (ev) {
			if (ev.key === 'Enter')
				showEvent(r.id);
		});
		if (state.selected === r.id)
			tr.classList.add('selected');
		tb.appendChild(tr);
	});
	if (!body.rows.length) {
		var tr = el('tr');
		tr.appendChild(el('td', { colspan: 6, 'class': 'muted' },
			'no events'));
		tb.appendChild(tr);
	}
	var last = Math.min(state.offset + PAGE, body.total);
	$('page').textContent = body.total ? (state.offset + 1) + '\u2013' +
		last + ' of ' + body.total : '';
	$('prev').disabled = state.offset === 0;
	$('next').disabled = last >= body.total;
}

function loadEvents() {
	return api('events', { limit: PAGE, offset: state.offset,
		columns: 'id,date,source,source_label,target,' +
			'target_label,code,quad,goldstein,plover,verb_text' })
		.then(drawEvents);
}

/* ---- one event ---- */

function field(dl, name, value) {
	if (value === null || value === undefined || value === '')
		return;
	dl.appendChild(el('dt', {}, name));
	var dd = el('dd');
	if (value instanceof Node)
		dd.appendChild(value);
	else
		dd.textContent = String(value);
	dl.appendChild(dd);
}

function actor(code, label) {
	return code + (label ? ' (' + label + ')' : '');
}

var MODES = ['negated', 'future', 'hypothetical', 'conditional',
	'reported', 'question'];

function drawDetail(d) {
	var box = $('detail'), e = d.event;
	clear(box);
	var p = el('p', { 'class': 'sentence' });
	if (d.sentence) {
		d.sentence.segments.forEach(function (s) {
			p.appendChild(s.role ? el('mark', { 'class': s.role,
				title: s.role }, s.text) :
				document.createTextNode(s.text));
		});
	} else {
		p.textContent = '(sentence not stored)';
	}
	box.appendChild(p);
	var dl = el('dl');
	field(dl, 'Event', e.id + ': ' + e.code + (e.plover ? ' \u2014 ' +
		e.plover : '') + ', quad ' + e.quad + ', Goldstein ' +
		e.goldstein);
	field(dl, 'Source', actor(e.source, e.source_label));
	field(dl, 'Target', actor(e.target, e.target_label));
	field(dl, 'Verb', e.verb_text);
	var pat = el('span');
	if (e.pattern_text)
		pat.appendChild(el('code', { 'class': 'pattern' },
			e.pattern_text));
	if (e.pattern)
		pat.appendChild(el('span', { 'class': 'where muted' },
			' ' + e.pattern));
	field(dl, 'Dictionary entry', e.pattern || e.pattern_text ?
		pat : null);
	field(dl, 'Date', (e.date || 'unknown') + (e.date_how ? ' (' +
		e.date_how + (e.date_text ? ': \u201c' + e.date_text +
		'\u201d' : '') + ')' : ''));
	var modes = MODES.filter(function (m, i) {
		return e.mode & (1 << i);
	});
	field(dl, 'Mode', modes.join(', '));
	field(dl, 'Reported by', e.reported_by ? actor(e.reported_by,
		e.reported_text) : null);
	field(dl, 'Location', e.loc_name ? e.loc_name + ' (' +
		(e.loc_country || '?') + ', ' + e.lat + ', ' + e.lon +
		')' : null);
	field(dl, 'Issues', e.issues);
	field(dl, 'Story', d.story.id + (d.story.title ? ': ' +
		d.story.title : '') + (d.story.source ? ' \u2014 ' +
		d.story.source : '') + (d.story.date ? ', ' +
		d.story.date : ''));
	field(dl, 'Sentence', d.sentence ? d.sentence.index : null);
	box.appendChild(dl);
}

function showEvent(id) {
	state.selected = id;
	Array.prototype.forEach.call(
		$('events').querySelectorAll('tr.selected'),
		function (tr) { tr.classList.remove('selected'); });
	var tr = $('events').querySelector('tr[data-id="' + id + '"]');
	if (tr)
		tr.classList.add('selected');
	fetch('/api/event/' + encodeURIComponent(id))
		.then(function (r) { return r.json(); })
		.then(function (d) {
			if (d.error)
				throw new Error(d.error);
			drawDetail(d);
		})
		.catch(function (err) { showError(err.message); });
}

/* ---- wiring ---- */

var stats = {};

function reload() {
	state.offset = 0;
	return refresh();
}

function refresh() {
	showError('');
	return Promise.all([loadTimeline(stats), loadNetwork(), loadMap(),
		loadEvents()])
		.then(function () {
			document.body.setAttribute('data-ready', '1');
		})
		.catch(function (err) { showError(err.message); });
}

document.addEventListener('DOMContentLoaded', function () {
	var f = $('filters');
	f.addEventListener('submit', function (ev) {
		ev.preventDefault();
		reload();
	});
	f.addEventListener('reset', function () {
		setTimeout(reload, 0);
	});
	$('prev').addEventListener('click', function () {
		state.offset = Math.max(0, state.offset - PAGE);
		loadEvents().catch(function (e) { showError(e.message); });
	});
	$('next').addEventListener('click', function () {
		state.offset += PAGE;
		loadEvents().catch(function (e) { showError(e.message); });
	});
	loadStats().then(function (s) {
		stats = s;
		return refresh();
	}).catch(function (err) { showError(err.message); });
});
