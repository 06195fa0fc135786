/*
 * story.h: the story object's insides, shared by the pipeline stages.
 *
 * One arena per story holds its text, sentences, parses, NPs, clauses,
 * events and warnings; dy_story_free() releases it in one go.  The text
 * is stored sanitized (invalid UTF-8 replaced) with the headline first,
 * so every span in an event indexes dy_story_text().
 */
#ifndef DY_STORY_H
#define DY_STORY_H

#include "dyad.h"
#include "sent.h"
#include "base/arena.h"
#include "base/buf.h"

/* A coded mention in the discourse memory (coref.c). */
struct dy_mention {
	const char *code;  /* actor code */
	int16_t sent, np;  /* where */
	uint16_t tok;      /* its first token */
	uint8_t kind;      /* enum dy_mention_kind */
	uint8_t role;      /* 3 main-clause subject, 2 subject, 1 object */
};

struct dy_story {
	struct dy_arena arena;     /* everything of the story */
	struct dy_ctx *ctx;        /* context it was made with */
	const char *id;            /* story id */
	const char *source;        /* publisher or NULL */
	const char *title;         /* headline or NULL */
	char date_s[16];           /* "YYYY-MM-DD" or "" */
	long date;                 /* yyyymmdd, 0 unknown */
	char *text;                /* stored text, NUL-terminated */
	size_t text_len, text_cap; /* bytes, room */
	uint32_t body_off;         /* where the body starts in text */
	struct dy_sent *sents;     /* sentences */
	uint32_t nsent, capsent;
	int presplit;              /* sentences came with Treebank parses */
	struct dy_event *events;   /* coded events */
	uint32_t nev, capev;
	struct dy_buf warnings;    /* one problem per line */
	int coded;                 /* dy_code ran */
	int discarded;             /* story-level discard matched */
	struct dy_mention *ments;  /* discourse memory (coref.c) */
	uint32_t nment, capment;
	const char *dateline_country; /* country of a dateline place */
	const struct dy_location *dateline; /* "ALMATY, Jan 6 --" */
	const char *place;         /* PETRARCH 'place' attribute */
	const char *category;      /* PETRARCH 'category' attribute */
};

DY_INTERNAL void dy_story_warn(struct dy_story *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append an event (copied) and return it, or NULL on OOM. */
DY_INTERNAL struct dy_event *dy_story_push_event(struct dy_story *st,
						 const struct dy_event *ev);
/* Append a sentence span; returns it or NULL on OOM. */
DY_INTERNAL struct dy_sent *dy_story_push_sent(struct dy_story *st,
					       uint32_t off, uint32_t len);
/* A NUL-terminated arena copy of a text span. */
DY_INTERNAL const char *dy_story_span_text(struct dy_story *st,
					   struct dy_span sp);

#endif
