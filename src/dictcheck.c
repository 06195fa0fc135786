/*
 * dictcheck.c: `dyad dict check`, `dyad dict lookup`, and loading
 * PETRARCH2's dictionary set.
 *
 * The check reports, one "FILE:LINE: message" each:
 *   - event codes of verbs and patterns missing from the CAMEO table;
 *   - synsets used but never defined (their patterns cannot match);
 *   - patterns that can never be chosen: an identical pattern earlier in
 *     the same block, or a block without verbs;
 *   - a verb given a bare code in two blocks with different codes;
 *   - actors whose dated ranges for different codes overlap, and actor
 *     phrases listed twice with different codes on some date;
 *   - agent phrases listed twice with different codes;
 *   - membership rows for an IGO that has no actor entry, and country
 *     codes that are not three upper-case letters;
 *   - CAMEO codes of the table that no verb or pattern produces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "ctx.h"
#include "dict.h"
#include "text.h"
#include "base/buf.h"
#include "base/str.h"

struct checker {
	struct dy_ctx *ctx;
	dy_report_fn report;
	void *ud;
	int n;
};

static void problem(struct checker *c, const char *where, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));

static void problem(struct checker *c, const char *where, const char *fmt,
		    ...)
{
	char msg[1024];
	int k;
	va_list ap;

	k = snprintf(msg, sizeof msg, "%s: ", where ? where : "?");
	va_start(ap, fmt);
	if (k > 0 && (size_t)k < sizeof msg)
		vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
	va_end(ap);
	c->n++;
	if (c->report)
		c->report(c->ud, msg);
}

static int known_code(const struct dy_dict *d, const char *code)
{
	const char *colon;

	if (!code || !strcmp(code, "---"))
		return 1;
	if (d->cameo.count == 0)
		return 1; /* no table loaded: nothing to check against */
	colon = strchr(code, ':');
	if (colon) /* symmetric "a:b" (or PETRARCH-2's ":b") */
		return (colon == code ||
			dy_hash_get(&d->cameo, code, (size_t)(colon - code))) &&
		       (!colon[1] || known_code(d, colon + 1));
	return dy_hash_get(&d->cameo, code, strlen(code)) != NULL;
}

static int same_pels(const struct dy_pel *a, const struct dy_pel *b, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (a[i].kind != b[i].kind || a[i].open != b[i].open ||
		    a[i].word != b[i].word || a[i].syn != b[i].syn)
			return 0;
	return 1;
}

static void check_verbs(struct checker *c, const struct dy_dict *d,
			struct dy_hash *used)
{
	uint32_t i, j, k;
	size_t it = 0;
	struct dy_hash_slot *sl;

	for (i = 0; i < d->nblocks; i++) {
		const struct dy_vblock *b = d->blocks[i];

		if (!known_code(d, b->code))
			problem(c, b->where, "block code '%s' is not a CAMEO "
				"code", b->code);
		if (!b->lemma && b->npats)
			problem(c, b->where, "block '%s' has patterns but no "
				"verbs", b->name);
		for (j = 0; j < b->npats; j++) {
			const struct dy_pattern *p = &b->pats[j];

			if (!known_code(d, p->code))
				problem(c, p->where, "code '%s' is not a CAMEO "
					"code", p->code);
			if (p->code2 && !known_code(d, p->code2))
				problem(c, p->where, "code '%s' is not a CAMEO "
					"code", p->code2);
			dy_hash_put(used, p->code, strlen(p->code), (void *)1);
			if (p->code2)
				dy_hash_put(used, p->code2, strlen(p->code2),
					    (void *)1);
			for (k = 0; k < j; k++) {
				const struct dy_pattern *q = &b->pats[k];

				if (q->nupper == p->nupper &&
				    q->nlower == p->nlower &&
				    same_pels(q->upper, p->upper, p->nupper) &&
				    same_pels(q->lower, p->lower, p->nlower)) {
					problem(c, p->where, "pattern can never "
						"match: same as %s", q->where);
					break;
				}
			}
		}
	}
	/* verb forms: codes, and bare codes given twice */
	while ((sl = dy_hash_next(&d->verbs, &it)) != NULL) {
		const struct dy_vform *v, *w;

		for (v = sl->val; v; v = v->next) {
			if (v->code && strcmp(v->code, "---")) {
				char base[32];
				const char *colon = strchr(v->code, ':');
				size_t n = colon ? (size_t)(colon - v->code)
						 : strlen(v->code);

				if (n < sizeof base) {
					memcpy(base, v->code, n);
					base[n] = '\0';
					if (!known_code(d, base))
						problem(c, v->where, "verb code "
							"'%s' is not a CAMEO "
							"code", v->code);
					else
						dy_hash_put(used,
							dy_dict_intern(
							(struct dy_dict *)d,
							base, n), n, (void *)1);
				}
			}
			if (v->lemma != (const char *)sl->key)
				continue; /* report once, on the base form */
			for (w = v->next; w; w = w->next)
				if (w->nmw == v->nmw && w->block != v->block &&
				    w->code && v->code &&
				    strcmp(w->code, "---") &&
				    strcmp(v->code, "---") &&
				    strcmp(w->code, v->code))
					problem(c, w->where, "verb '%s' also has "
						"code %s at %s", v->lemma,
						v->code, v->where);
		}
	}
	it = 0;
	while ((sl = dy_hash_next(&d->synsets, &it)) != NULL) {
		const struct dy_synset *s = sl->val;

		if (!s->defined)
			problem(c, s->ref_where, "synset '%s' is used but never "
				"defined", s->name);
	}
}

static int overlap(const struct dy_arange *a, const struct dy_arange *b)
{
	long af = a->kind == DY_AR_AFTER || a->kind == DY_AR_RANGE ? a->from
								  : 0;
	long au = a->kind == DY_AR_BEFORE || a->kind == DY_AR_RANGE ? a->until
								   : 0;
	long bf = b->kind == DY_AR_AFTER || b->kind == DY_AR_RANGE ? b->from
								  : 0;
	long bu = b->kind == DY_AR_BEFORE || b->kind == DY_AR_RANGE ? b->until
								   : 0;

	if (!au)
		au = 99999999;
	if (!bu)
		bu = 99999999;
	return af <= bu && bf <= au;
}

static void check_actors(struct checker *c, const struct dy_dict *d)
{
	uint32_t i;
	size_t it = 0;
	struct dy_hash_slot *sl;

	for (i = 0; i < d->nactors; i++) {
		const struct dy_actor *a = d->actorv[i];
		uint16_t j, k;

		if (a->ncodes == 0)
			problem(c, a->where, "actor '%s' has no code", a->name);
		for (j = 0; j < a->ncodes; j++) {
			const struct dy_arange *x = &a->codes[j];

			if (x->kind == DY_AR_DEFAULT)
				continue;
			for (k = 0; k < j; k++) {
				const struct dy_arange *y = &a->codes[k];

				if (y->kind == DY_AR_DEFAULT ||
				    !strcmp(x->code, y->code))
					continue;
				if (overlap(x, y))
					problem(c, a->where, "actor '%s': "
						"terms %s and %s overlap "
						"(lines %u and %u)", a->name,
						y->code, x->code, y->line,
						x->line);
			}
		}
	}
	/* the same phrase under two actors with different codes */
	while ((sl = dy_hash_next(&d->actors, &it)) != NULL) {
		const struct dy_phrase *p, *q;

		for (p = sl->val; p; p = p->next)
			for (q = p->next; q; q = q->next) {
				int k, same = p->nwords == q->nwords;

				for (k = 0; same && k < p->nwords; k++)
					same = p->words[k] == q->words[k];
				if (!same || p->actor == q->actor)
					continue;
				if (strcmp(dy_actor_code_on(p->actor, 0) ?
					   dy_actor_code_on(p->actor, 0) : "",
					   dy_actor_code_on(q->actor, 0) ?
					   dy_actor_code_on(q->actor, 0) : "") ||
				    p->actor->ncodes != q->actor->ncodes)
					problem(c, q->where, "'%s' is also at %s "
						"with other codes",
						q->actor->name, p->where);
			}
	}
	it = 0;
	while ((sl = dy_hash_next(&d->agents, &it)) != NULL) {
		const struct dy_phrase *p, *q;

		for (p = sl->val; p; p = p->next)
			for (q = p->next; q; q = q->next) {
				int k, same = p->nwords == q->nwords;

				for (k = 0; same && k < p->nwords; k++)
					same = p->words[k] == q->words[k];
				if (same && (p->agent_code != q->agent_code ||
					     p->agent_prefix != q->agent_prefix))
					problem(c, q->where, "agent phrase also "
						"at %s with code %s",
						p->where, p->agent_code);
			}
	}
}

static void check_members(struct checker *c, const struct dy_dict *d)
{
	uint32_t i, j;

	for (i = 0; i < d->nmembers; i++) {
		const struct dy_member *m = &d->members[i];
		int seen = 0, k;
		const char *p;

		for (j = 0; j < i && !seen; j++)
			seen = d->members[j].igo == m->igo;
		if (!seen) {
			int found = 0;

			for (j = 0; j < d->nactors && !found; j++) {
				const struct dy_actor *a = d->actorv[j];

				for (k = 0; k < a->ncodes && !found; k++)
					found = !strcmp(a->codes[k].code,
							m->igo);
			}
			if (!found)
				problem(c, "members.tsv", "IGO '%s' has no "
					"actor entry", m->igo);
		}
		for (p = m->country, k = 0; *p; p++, k++)
			if (*p < 'A' || *p > 'Z')
				break;
		if (*p || k != 3)
			problem(c, "members.tsv", "'%s' is not a country code",
				m->country);
	}
}

int dy_dict_check(struct dy_ctx *ctx, dy_report_fn report, void *ud)
{
	struct checker c = { ctx, report, ud, 0 };
	const struct dy_dict *d = ctx->dict;
	struct dy_hash used;
	size_t it = 0;
	struct dy_hash_slot *sl;

	if (!d)
		return dy_fail(ctx, DY_EINVAL, "no dictionaries loaded");
	dy_hash_init(&used);
	check_verbs(&c, d, &used);
	check_actors(&c, d);
	check_members(&c, d);
	while (d->npatterns && (sl = dy_hash_next(&d->cameo, &it)) != NULL) {
		const struct dy_cameo_info *ci = sl->val;

		/* the two-digit roots are categories, not codes anyone
		 * writes; every other code must be reachable */
		const char *const rel[] = { ci->future, ci->request,
					    ci->refused };
		const char *const what[] = { "future", "request", "refused" };
		size_t k;

		if (strlen(ci->code) > 2 &&
		    !dy_hash_get(&used, ci->code, strlen(ci->code)))
			problem(&c, "cameo.tsv", "no verb or pattern codes "
				"%s (%s)", ci->code, ci->name);
		/* the codes a row points to must be rows too */
		for (k = 0; k < 3; k++)
			if (rel[k] && *rel[k] &&
			    !dy_hash_get(&d->cameo, rel[k], strlen(rel[k])))
				problem(&c, "cameo.tsv", "%s code of %s is %s, "
					"which is not in the table", what[k],
					ci->code, rel[k]);
	}
	dy_hash_release(&used);
	return c.n;
}

static void say(dy_report_fn fn, void *ud, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(dy_report_fn fn, void *ud, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fn(ud, msg);
}

static void date_str(long ymd, char *out, size_t n)
{
	if (!ymd)
		snprintf(out, n, "...");
	else
		snprintf(out, n, "%04d-%02d-%02d", (int)(ymd / 10000),
			 (int)(ymd / 100 % 100), (int)(ymd % 100));
}

int dy_dict_lookup(struct dy_ctx *ctx, const char *name, const char *date,
		   dy_report_fn report, void *ud)
{
	struct dy_arena a = DY_ARENA_INIT;
	struct dy_sent s;
	struct dy_np np;
	struct dy_actor_result r;
	long ymd = 0;
	int rc, k;

	if (!ctx->dict)
		return dy_fail(ctx, DY_EINVAL, "no dictionaries loaded");
	if (date && dy_parse_ymd(dy_str_c(date), &ymd))
		return dy_fail(ctx, DY_EINVAL, "bad date '%s' (want "
			       "YYYY-MM-DD)", date);
	memset(&s, 0, sizeof s);
	rc = dy_text_tokenize(&a, name, 0, (uint32_t)strlen(name), &s.toks,
			      &s.ntok);
	if (rc || s.ntok == 0) {
		dy_arena_release(&a);
		return rc ? dy_fail(ctx, rc, "cannot read '%s'", name)
			  : dy_fail(ctx, DY_EINVAL, "empty name");
	}
	dy_sent_intern(ctx->dict, &s);
	dy_np_init(&np, 0, s.ntok, (uint16_t)(s.ntok - 1));
	if (!dy_actor_phrase(ctx->dict, &s, &np, ymd, &r)) {
		say(report, ud, "'%s': no actor or agent matches", name);
		dy_arena_release(&a);
		return 0;
	}
	say(report, ud, "'%s' on %s: %s", name, date ? date : "(no date)",
	    r.code);
	if (r.actor) {
		const struct dy_actor *ac = r.actor;

		say(report, ud, "  actor  %s  (%s)", ac->name, ac->where);
		for (k = 0; k < ac->ncodes; k++) {
			const struct dy_arange *x = &ac->codes[k];
			char f[16], u[16];
			int in_force = 0;

			date_str(x->from, f, sizeof f);
			date_str(x->until, u, sizeof u);
			if (x->kind != DY_AR_DEFAULT && ymd)
				in_force = (!x->from || ymd >= x->from) &&
					   (!x->until || ymd <= x->until);
			say(report, ud, "    %s %-10s %s%s%s%s", in_force ? "*" : " ",
			    x->code,
			    x->kind == DY_AR_DEFAULT ? "default" : f,
			    x->kind == DY_AR_DEFAULT ? "" : " to ",
			    x->kind == DY_AR_DEFAULT ? "" : u,
			    x->note ? "" : "");
			if (x->note)
				say(report, ud, "        # %s", x->note);
		}
	}
	if (r.agent)
		say(report, ud, "  agent  %s%s  (%s)", r.agent->agent_prefix ?
		    "" : "~", r.agent->agent_code, r.agent->where);
	dy_arena_release(&a);
	return 1;
}

int dy_petrarch_load(struct dy_ctx *ctx, const char *dir, const char *kb)
{
	/* PETRARCH2's names, or plain ones for a set of one's own (the
	 * store tests' fixture) */
	static const struct {
		const char *name, *plain;
		enum dy_dict_kind kind;
		int optional;
	} files[] = {
		{ "CAMEO.2.0.txt", "verbs.txt", DY_DICT_VERBS, 0 },
		{ "Phoenix.Countries.actors.txt", "countries.actors.txt",
		  DY_DICT_ACTORS, 0 },
		{ "Phoenix.International.actors.txt",
		  "international.actors.txt", DY_DICT_ACTORS, 0 },
		{ "Phoenix.MilNonState.actors.txt", "nonstate.actors.txt",
		  DY_DICT_ACTORS, 0 },
		{ "Phoenix.agents.txt", "agents.txt", DY_DICT_AGENTS, 0 },
		{ "Phoenix.discards.txt", "discards.txt", DY_DICT_DISCARDS, 1 },
		{ "Phoenix.IssueCoding.txt", "issues.txt", DY_DICT_ISSUES, 1 },
	};
	char path[4096];
	size_t i;
	int rc;
	FILE *f;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i].plain);
		if ((f = fopen(path, "r")) != NULL)
			fclose(f);
		else
			snprintf(path, sizeof path, "%s/%s", dir,
				 files[i].name);
		if (files[i].optional && !(f = fopen(path, "r")))
			continue;
		if (files[i].optional)
			fclose(f);
		rc = dy_dict_load(ctx, files[i].kind, path);
		if (rc)
			return rc;
	}
	snprintf(path, sizeof path, "%s/cameo.tsv",
		 kb ? kb : dy_kb_default_dir());
	if ((f = fopen(path, "r")) != NULL) {
		fclose(f);
		rc = dy_dict_load(ctx, DY_DICT_CAMEO, path);
		if (rc)
			return rc;
	}
	return dy_ctx_prepare(ctx);
}
