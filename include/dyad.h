/*
 * dyad.h: the public API of libdyad, a political event coder.
 *
 * dyad reads news stories, splits and parses their sentences, matches verb
 * patterns and actors from dictionaries, and produces events coded in the
 * CAMEO ontology (with PLOVER alongside): who did what to whom, when and
 * where.
 *
 * The objects:
 *
 *   struct dy_ctx     dictionaries, options and the last error message.
 *                     Load dictionaries once; after that the context is
 *                     read-only while coding, and one context may be shared
 *                     by threads that each code their own stories (options
 *                     must not change while threads are coding; dy_errmsg
 *                     then holds the last failure of any thread).
 *   struct dy_story   one story: its text, sentences, parses and coded
 *                     events, all in one arena freed by dy_story_free().
 *   struct dy_reader  a stream of stories from JSON Lines, plain text files
 *                     or PETRARCH XML.
 *   struct dy_event   one coded event; plain data owned by its story.
 *
 * Errors: every fallible function returns 0 (DY_OK) or a negative DY_E*
 * code; dy_strerror() gives a static text for the code and dy_errmsg() the
 * detailed message of the last failure on that context (for instance
 * "news.jsonl:12: story 'x': missing \"text\""), lower case, without a
 * trailing period or newline.  The library never prints and never exits.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DY_VERSION "0.1.0"

/* Public functions are exported from libdyad.so (it is built with
 * hidden visibility, so internal functions stay out). */
#if defined(__GNUC__)
#define DY_API __attribute__((visibility("default")))
#else
#define DY_API
#endif

/* ORDER DY_ERR: keep in step with the table in src/ctx.c */
enum dy_err {
	DY_OK = 0,
	DY_ENOMEM = -1,    /* out of memory (or an arena's limit reached) */
	DY_EIO = -2,       /* a file could not be read or written */
	DY_EPARSE = -3,    /* malformed input: story, parse or dictionary */
	DY_EINVAL = -4,    /* bad argument or option */
	DY_ELIMIT = -5,    /* input over a hard limit (DY_MAX_*) */
	DY_ENOTFOUND = -6, /* no such file, entry or record */
	DY_EDICT = -7,     /* dictionary content error */
	DY_EDB = -8,       /* database error */
	DY_ETIMEOUT = -9,  /* a parser gave up on its time limit */
};

/* Static English text for an error code; never NULL. */
DY_API const char *dy_strerror(int code);

/*
 * The allocator hook, with Lua's lua_Alloc contract: ptr == NULL
 * allocates nsize bytes, nsize == 0 frees ptr (osize bytes) and returns
 * NULL, otherwise resizes.  Returning NULL for an allocation is an
 * out-of-memory failure that the library reports as DY_ENOMEM.  The hook
 * is process-wide; set it before creating any object.  fn == NULL
 * restores the C library allocator.
 */
typedef void *(*dy_alloc_fn)(void *ud, void *ptr, size_t osize,
			     size_t nsize);
DY_API void dy_set_allocator(dy_alloc_fn fn, void *ud);

/* Hard limits.  Over these, input is refused with DY_ELIMIT and a message
 * naming the story, never truncated silently. */
#define DY_MAX_STORY_BYTES (4u << 20)   /* one story's text */
#define DY_MAX_LINE_BYTES (8u << 20)    /* one JSON Lines record */
#define DY_MAX_SENTENCE_TOKENS 400      /* longer sentences are skipped */
#define DY_MAX_TOKEN_LEN 256            /* longer "words" are split */
#define DY_MAX_PARSE_DEPTH 200          /* Treebank nesting */
#define DY_MAX_STORY_ARENA (256u << 20) /* memory one story may use */

/* ------------------------------------------------------------------ */
/* Context                                                             */
/* ------------------------------------------------------------------ */

struct dy_ctx;

/* Create an empty context (no dictionaries).  *out is NULL on failure. */
DY_API int dy_ctx_new(struct dy_ctx **out);
/* Free the context and everything loaded into it; NULL is a no-op. */
DY_API void dy_ctx_free(struct dy_ctx *ctx);
/* Message of the last failure on ctx ("" when none). */
DY_API const char *dy_errmsg(const struct dy_ctx *ctx);

/*
 * Options, named as in PETRARCH's <Config> records where one exists:
 *   frontend           "auto" (default), "treebank", "linkgrammar",
 *                      "shallow"; which parser codes raw text
 *   require_dyad       "source" (default): drop events without a known
 *                      source, keep those whose target is unknown ("---":
 *                      "the government resigned"); "true": drop events
 *                      missing either actor (PETRARCH); "false": keep all
 *   new_actor_length   0..: quote unknown noun phrases of at most this
 *                      many words as actors (0, the default, disables)
 *   comma_min comma_max comma_bmin comma_bmax comma_emin comma_emax
 *                      PETRARCH's comma-clause deletion bounds (words)
 *   lg_timeout         Link Grammar time limit per sentence, seconds
 *   lg_linkages        Link Grammar linkage limit
 *   one_a_story        "true": keep one event per (source,target,code)
 *   one_a_day          "true": keep one per (date,source,target,code)
 *   modes              "all" (default) or "asserted": whether events
 *                      flagged negated/future/hypothetical/... are kept
 *   date               default story date YYYY-MM-DD for undated input
 *   compat             "true": PETRARCH semantics (dyad validate sets
 *                      it): no story context or country inference, and
 *                      a coded reporting verb swallows what it reports
 *   context            "true" (default): read the story as a whole
 *                      (coreference, country inference, event dates,
 *                      places, attribution, modality); "false" codes
 *                      each sentence on its own, for comparison
 * Returns DY_EINVAL with a message for an unknown name or bad value.
 */
DY_API int dy_ctx_set_option(struct dy_ctx *ctx, const char *name,
		      const char *value);

/* ------------------------------------------------------------------ */
/* Dictionaries                                                        */
/* ------------------------------------------------------------------ */

/* ORDER DY_DICT */
enum dy_dict_kind {
	DY_DICT_VERBS,    /* PETRARCH-1/2 verb dictionary */
	DY_DICT_ACTORS,   /* PETRARCH actor dictionary */
	DY_DICT_AGENTS,   /* PETRARCH agent dictionary */
	DY_DICT_DISCARDS, /* PETRARCH discard list */
	DY_DICT_ISSUES,   /* PETRARCH issues list */
	DY_DICT_MEMBERS,  /* dyad IGO membership table (TSV) */
	DY_DICT_CAMEO,    /* dyad CAMEO code table (TSV) */
};

/*
 * Load one dictionary file into ctx; files of the same kind accumulate.
 * A malformed entry fails with DY_EDICT and the message
 * "FILE:LINE: what is wrong"; the context keeps what loaded before.
 */
DY_API int dy_dict_load(struct dy_ctx *ctx, enum dy_dict_kind kind,
		 const char *path);

/*
 * Lines of PETRARCH-format files that were skipped as malformed, one
 * "FILE:LINE: what is wrong (line skipped)" per line, or "".  PETRARCH's
 * published dictionaries have a few such lines, and PETRARCH skips them
 * too; dyad's own knowledge base is loaded strictly (dy_kb_load fails).
 */
DY_API const char *dy_dict_warnings(const struct dy_ctx *ctx);

/*
 * Load dyad's own knowledge base from a directory laid out as data/ in
 * the source tree (cameo.tsv, verbs/, actors/, agents.txt, members.tsv,
 * discards.txt, issues.txt, ...).  See docs/knowledge-base.md.
 */
DY_API int dy_kb_load(struct dy_ctx *ctx, const char *dir);

/* Default knowledge-base directory compiled into the library (the
 * DYAD_DATA environment variable overrides it). */
DY_API const char *dy_kb_default_dir(void);

/*
 * Load PETRARCH2's dictionary set from `dir`: CAMEO.2.0.txt,
 * Phoenix.{Countries,International,MilNonState}.actors.txt,
 * Phoenix.agents.txt, Phoenix.discards.txt, Phoenix.IssueCoding.txt
 * (missing optional files are skipped; a set in the same formats may use
 * the plain names verbs.txt, {countries,international,nonstate}.actors.txt,
 * agents.txt, discards.txt, issues.txt), plus dyad's CAMEO code table
 * from kb_dir (NULL = default) so events still carry Goldstein, quad
 * class and PLOVER type.
 */
DY_API int dy_petrarch_load(struct dy_ctx *ctx, const char *dir,
		     const char *kb_dir);

/*
 * Validate everything loaded: unknown CAMEO codes, bad or overlapping
 * dates, names with conflicting codes, unreachable verb patterns.  Each
 * problem goes to `report` as "FILE:LINE: message"; returns the number of
 * problems (0 = clean) or a negative error code.
 */
typedef void (*dy_report_fn)(void *ud, const char *msg);
DY_API int dy_dict_check(struct dy_ctx *ctx, dy_report_fn report, void *ud);

/*
 * Resolve a name as the actor resolver would on `date` (YYYY-MM-DD, or
 * NULL for the undated default).  Writes a human-readable, multi-line
 * explanation to `report`, one call per line.  Returns 1 when the name
 * resolved to a code, 0 when it did not, <0 on error.
 */
DY_API int dy_dict_lookup(struct dy_ctx *ctx, const char *name, const char *date,
		   dy_report_fn report, void *ud);

/* CAMEO code facts from the loaded code table. */
struct dy_cameo_info {
	const char *code;     /* "0234" */
	const char *name;     /* "Appeal for military protection ..." */
	double goldstein;     /* Goldstein weight, -10..10 */
	int quad;             /* 1 verbal coop, 2 material coop,
				 3 verbal conflict, 4 material conflict */
	const char *plover;   /* PLOVER event type, "AID" */
	const char *plover_mode; /* PLOVER mode or "" */
	const char *plover_context; /* PLOVER context or "" */
	const char *future;   /* the code of a stated future action of this
				 kind: an intent (03x) for cooperation, a
				 threat (13x) for conflict; "" to keep */
	const char *request;  /* the code of asking someone for this action
				 ("at X's request": 074 -> 0234), or "" */
	const char *implied;  /* who does it when the text does not say
				 ("a curfew was imposed"): a role code such as
				 GOV or COP, or "" */
	const char *refused;  /* the code of declining this action ("will not
				 accept refugees": 073 -> 1223), or "" */
};
/* NULL when the code is not in the table. */
DY_API const struct dy_cameo_info *dy_cameo_lookup(const struct dy_ctx *ctx,
					    const char *code);

/* IGO membership: 1 when `country` (ISO3) belongs to `igo` (e.g. IGOCSTO)
 * on `date` (YYYY-MM-DD, NULL = ever), 0 when not. */
DY_API int dy_igo_member(const struct dy_ctx *ctx, const char *igo,
		  const char *country, const char *date);
/* Member countries of igo on date: fills up to max codes, returns the
 * total count (may exceed max). */
DY_API size_t dy_igo_members(const struct dy_ctx *ctx, const char *igo,
		      const char *date, const char **out, size_t max);

/* ------------------------------------------------------------------ */
/* Stories and events                                                  */
/* ------------------------------------------------------------------ */

struct dy_story;

struct dy_story_info {
	const char *id;     /* story id; required */
	const char *date;   /* YYYY-MM-DD or NULL when unknown */
	const char *source; /* publisher, may be NULL */
	const char *title;  /* headline, may be NULL */
	const char *text;   /* body text (UTF-8, need not be valid) */
	size_t text_len;    /* bytes of text */
};

/*
 * Create a story; everything in info is copied.  The headline, when
 * given, becomes sentence 0 of the story.  Invalid UTF-8 is replaced by
 * U+FFFD in the story's copy and reported by dy_story_warnings().
 */
DY_API int dy_story_new(struct dy_ctx *ctx, const struct dy_story_info *info,
		 struct dy_story **out);
DY_API void dy_story_free(struct dy_story *story);

/*
 * Append a sentence that comes with a Penn Treebank parse (PETRARCH XML
 * input).  Stories built this way are not re-split into sentences.  The
 * parse is checked when the story is coded.
 */
DY_API int dy_story_add_parsed(struct dy_story *story, const char *sent_id,
			const char *text, size_t text_len, const char *parse,
			size_t parse_len);

/* Run the whole pipeline on a story: split, parse, resolve actors,
 * match verbs, resolve context (coreference, dates, places, attribution,
 * modality), dedup.  May be called once per story. */
DY_API int dy_code(struct dy_ctx *ctx, struct dy_story *story);

/* Byte range in the story text (the text as stored: see dy_story_text). */
struct dy_span {
	uint32_t off; /* first byte */
	uint32_t len; /* bytes; 0 when absent */
};

/* ORDER DY_MODE */
enum dy_mode_flags {
	DY_MODE_NEGATED = 1 << 0,      /* "did not attack" */
	DY_MODE_FUTURE = 1 << 1,       /* "will attack", "plans to attack" */
	DY_MODE_HYPOTHETICAL = 1 << 2, /* "would attack", "could attack" */
	DY_MODE_CONDITIONAL = 1 << 3,  /* "if ..., X will attack" */
	DY_MODE_REPORTED = 1 << 4,     /* "reportedly", "allegedly" */
	DY_MODE_QUESTION = 1 << 5,     /* "did X attack?" */
};

struct dy_location {
	const char *name;    /* "Almaty" */
	const char *country; /* ISO 3166 alpha-3, "KAZ" */
	double lat, lon;     /* degrees */
	int is_country;      /* 1 when only the country is known */
};

struct dy_event {
	int sentence;               /* sentence index in the story */
	int also_sentence;          /* another sentence stating it, or -1 */
	const char *sentence_id;    /* PETRARCH sentence id or NULL */
	const char *date;           /* YYYY-MM-DD of the event */
	const char *date_text;      /* time expression used, or NULL */
	const char *date_how;       /* "story", "explicit", "relative", ... */
	const char *source;         /* actor code, "---" unknown */
	const char *target;         /* actor code, "---" unknown */
	const char *code;           /* CAMEO event code */
	struct dy_span source_span; /* source as it appears in the text */
	struct dy_span target_span;
	struct dy_span verb_span;
	const char *source_text;    /* that text, NUL-terminated */
	const char *target_text;
	const char *verb_text;
	const char *pattern;        /* dictionary entry, "FILE:LINE" */
	double goldstein;           /* from the CAMEO table, 0 if unknown */
	int quad;                   /* 1..4, 0 if unknown */
	const char *plover;         /* PLOVER event type or NULL */
	unsigned mode;              /* enum dy_mode_flags */
	const char *reported_by;    /* actor code of the reporter, or NULL */
	const char *reported_text;  /* reporter as written, or NULL */
	const struct dy_location *location; /* NULL when none found */
	const char *issues;         /* "CODE 1, CODE 2" or NULL */
	int _clause;                /* private: the clause that coded it */
	int _refusal;               /* private: a negated deed coded as its
				       refusal */
};

DY_API size_t dy_story_event_count(const struct dy_story *story);
DY_API const struct dy_event *dy_story_event(const struct dy_story *story,
				      size_t i);
DY_API const char *dy_story_id(const struct dy_story *story);
DY_API const char *dy_story_date(const struct dy_story *story); /* NULL unknown */
DY_API const char *dy_story_source(const struct dy_story *story);
DY_API const char *dy_story_title(const struct dy_story *story);
/* The story text as stored (headline first when there is one, then the
 * body, with invalid UTF-8 replaced); spans index into this. */
DY_API const char *dy_story_text(const struct dy_story *story, size_t *len);
DY_API size_t dy_story_sentence_count(const struct dy_story *story);
/* Span of sentence i in the story text. */
DY_API struct dy_span dy_story_sentence(const struct dy_story *story, size_t i);
/* Code the story (if not yet coded) and write, for every sentence, its
 * text and the sentence form the coder saw: noun phrases with their actor
 * codes, clauses with verb, subject, objects and the pattern sequences.
 * For debugging dictionaries and front-ends. */
DY_API int dy_story_dump(struct dy_ctx *ctx, struct dy_story *story, FILE *out);

/* Problems found while coding that did not stop it (invalid UTF-8,
 * sentences over a limit, a parse that failed), one per line, or "". */
DY_API const char *dy_story_warnings(const struct dy_story *story);

/* ORDER DY_FORMAT */
enum dy_format {
	DY_FORMAT_JSON, /* JSON Lines, one event per line */
	DY_FORMAT_TSV,  /* PETRARCH-style tab-separated */
};

/* Write the story's events to `out`.  Returns DY_EIO on a write error. */
DY_API int dy_story_write(const struct dy_story *story, enum dy_format fmt,
		   FILE *out);

/* ------------------------------------------------------------------ */
/* Readers                                                             */
/* ------------------------------------------------------------------ */

/* ORDER DY_INPUT */
enum dy_input_format {
	DY_INPUT_AUTO,  /* by extension/content: .jsonl, .xml, else text */
	DY_INPUT_JSONL, /* {"id","date","source","title","text"} per line */
	DY_INPUT_TEXT,  /* one story per file; id = file name */
	DY_INPUT_XML,   /* PETRARCH <Sentence> batch or <Validation> file */
};

struct dy_reader;

/* Open a file, a directory of text files, or "-" for standard input. */
DY_API int dy_reader_open(struct dy_ctx *ctx, const char *path,
		   enum dy_input_format fmt, struct dy_reader **out);
/*
 * Read the next story: returns 1 and sets *story (caller frees it), 0 at
 * the end, or a negative code with "FILE:LINE: ..." on ctx.  After an
 * error in one record the reader stays usable: the next call continues
 * with the next record, so a caller may report and go on.
 */
DY_API int dy_reader_next(struct dy_reader *r, struct dy_story **story);
DY_API void dy_reader_free(struct dy_reader *r);

/* ------------------------------------------------------------------ */
/* Validation records                                                  */
/* ------------------------------------------------------------------ */

/* One PETRARCH validation record after coding. */
struct dy_valid_result {
	const char *id;       /* record id */
	const char *category; /* record category */
	const char *text;     /* sentence text */
	int passed;           /* 1 when produced == expected */
	const char *expected; /* "SRC TGT CODE" lines, or "no events" */
	const char *produced; /* same form */
	const char *error;    /* non-NULL when the record could not be coded */
};

typedef void (*dy_valid_fn)(void *ud, const struct dy_valid_result *r);

/*
 * Run a PETRARCH <Validation> file: load the dictionaries its
 * <Environment> names from dict_dir (NULL = the file's directory), code
 * every record (applying <Config> records as they come) and report each
 * to `fn`.  Stores the pass and fail counts.  The dictionaries are loaded
 * into ctx, which should be fresh.
 */
DY_API int dy_validate_file(struct dy_ctx *ctx, const char *path,
		     const char *dict_dir, dy_valid_fn fn, void *ud,
		     int *npassed, int *nfailed);

#ifdef __cplusplus
}
#endif
#endif
