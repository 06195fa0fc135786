/*
 * dates.c: find time expressions in news text and resolve them against
 * the story date.
 *
 * The input is a stretch of story text, normally one sentence, as bytes:
 * not NUL-terminated and not necessarily valid UTF-8.  A small lexer cuts
 * it into words, numbers and punctuation.  White space is the ASCII blanks
 * plus U+00A0, U+1680, U+2000-U+200B, U+202F, U+205F, U+3000 and U+FEFF;
 * every dash (U+2010-U+2015, U+2212) reads as '-', curly quotes and
 * guillemets as ' and ", U+2026 as '.'.  Any other non-ASCII character,
 * and any invalid byte, counts as a letter, so "Mayé" is not "May".  Words
 * match without regard to case, except that "May", "March" and the month
 * abbreviations ("Jan", "Mar", "Sept", ...) need a capital first letter,
 * because "may", "march" and "jan" are ordinary words too.  An expression
 * is made of whole words: nothing may be glued to either end, so "A6",
 * "2020s", "1,500", "2020-21", "pre-2020", "6/1" and "Thursday-Friday"
 * give nothing for the glued part.
 *
 * Every form accepted, with what it gives for a story dated Thursday
 * 2022-01-06, [how/precision]:
 *
 * Full dates [explicit/day]
 *   6 January 2022          6 Jan 2022, 6 Jan. 2022, 6 January, 2022
 *   6th January 2022        the 6th of January 2022, 6th of January, 2022
 *   January 6, 2022         January 6 2022, Jan. 6, 2022, January 6th, 2022
 *   Thursday, January 6, 2022   Thursday 6 January 2022, Thursday the 6th
 *                           of January 2022 (the weekday is not checked)
 *   2022-01-06              ISO; also 2022/01/06 and the dotted 2022.01.06
 *                           of datelines; month and day one or two digits
 *   06.01.2022              dotted with the year last is always day first,
 *                           the continental order: 6.1.2022 is 6 January
 *   13/1/2022, 1/13/2022    slashed or hyphened with the year last only
 *                           when the order is certain: one of the first two
 *                           numbers is over 12, or they are equal
 *                           (6/6/2022).  "6/1/2022" and "06-01-2022" give
 *                           nothing, nor does any two-digit year ("6/1/22")
 *   January 6-7, 2022       a range of days gives its first day; also
 *                           6-7 January 2022, January 6–7 (en dash)
 *   Years in full dates are 1000-2999; an impossible date ("February 30,
 *   2022", "31.04.2022") gives nothing.
 *
 * Month and day with the year from the story [partial/day].  The year is
 * the one that puts the date nearest the story date (a tie goes to the
 * earlier); "February 29" looks up to four years each way for a leap year.
 *   January 2               Jan. 2, January 2nd, 2 January, 2nd January,
 *                           the 2nd of January, 2nd of January, Sunday,
 *                           January 2, January 2-3 -> 20220102
 *   December 30             -> 20211230, not 20221230
 *
 * Weekdays [relative/day]
 *   Thursday, on Thursday   the latest such day on or before the story
 *                           date -> 20220106 (the news convention: a
 *                           Thursday story's "on Thursday" is that day)
 *   last Thursday           strictly before -> 20211230; also "this past
 *                           Thursday"
 *   next Thursday           strictly after -> 20220113; also "this coming
 *                           Thursday", "coming Thursday"
 *   this Thursday           on or after -> 20220106
 *   A weekday after good, black, bloody, super, ash, palm, easter, holy,
 *   maundy, shrove or cyber, or before times, telegraph, express, mirror,
 *   mail, herald, post, tribune, sport, people, observer, independent,
 *   star or school ("Good Friday", "the Sunday Times") is a name, not a
 *   date.  "the last Friday of the month" is not a date either.
 *
 * Days named from the story date [relative/day]
 *   today, tonight, this morning, this afternoon, this evening, earlier
 *   today, later today                     -> 20220106
 *   yesterday, last night, last evening    -> 20220105
 *   the day before yesterday               -> 20220104
 *   tomorrow                               -> 20220107
 *   the day after tomorrow                 -> 20220108
 *   "USA Today", "Russia Today" and "the Today programme/show" are names.
 *
 * Parts of a day wrap any day form above and keep its date
 *   Thursday morning        also afternoon, evening and night, after a
 *                           weekday form, "yesterday" or "tomorrow"
 *   early Thursday          late Thursday, early on Thursday, late on
 *                           Wednesday, late last night, early January 6
 *   the night of January 6  the morning/afternoon/evening of ..., the
 *                           early hours of Thursday
 *
 * Weeks, months and years from the story date [relative].  A week is the
 * ISO week, Monday to Sunday, and is given by its Monday.
 *   this week, earlier this week, later this week  [week]  -> 20220103
 *   last week -> 20211227, next week -> 20220110   [week]
 *   this month, earlier this month, later this month [month] -> 20220101
 *   last month -> 20211201, next month -> 20220201 [month]
 *   this year, earlier this year, later this year  [year]  -> 20220101
 *   last year -> 20210101, next year -> 20230101   [year]
 *   early next week, late last year, mid-next year: early/late/mid keep
 *   the period.  "the last week", "the next year" are spans of time, not
 *   dates, and give nothing.
 *
 * Counted from the story date [offset].  The unit sets the precision.
 *   two days ago -> 20220104 [day]      a week ago -> 20211227 [week]
 *   three months ago -> 20211001 [month]
 *   three years ago -> 20190101 [year]  three days from now -> 20220109
 *   The count is 1-9999 in digits, a, an, one to twenty, thirty to ninety
 *   or twenty-one style.  "two days later", "10 days earlier", "a week
 *   after" count from some other event, not from the story, and give
 *   nothing; so do vague counts ("a few days ago", "years ago").
 *
 * Months [month/month]
 *   in March                the latest March not after the story month
 *                           -> 20210301; the same after since, from,
 *                           during, by, until, till, before, after,
 *                           through and throughout (not "on")
 *   early March             late March, mid-March, mid March: the prefix
 *                           is enough, no signal word needed
 *   last March              strictly before the story month -> 20210301
 *   next March              strictly after -> 20220301
 *   this March              in the story year -> 20220301
 *   January 2022            [explicit/month]: Jan. 2022, January, 2022;
 *                           no signal word needed
 *   A month alone with no signal word is not a date: "the March on
 *   Washington", "May I ask", "January-December figures".
 *
 * Years [year/year]
 *   in 2020                 a year 1800-2199 after one of the signal
 *                           words of "in March", or after early, late or
 *                           mid ("early 2020", "in mid-2020")
 *   A year with no signal word is not a date: "the 2022 World Cup".
 *
 * Signal words.  "since 2019", "since Thursday", "from March" are returned
 * like any other expression, with mod DY_DATE_MOD_SINCE so the coder can
 * tell when something started from when it happened; "before", "by",
 * "until" and "till" give DY_DATE_MOD_BEFORE and "after" gives
 * DY_DATE_MOD_AFTER.  The span never includes a signal word, nor "on" or
 * "in": "on Thursday" gives "Thursday", as in TimeML.
 *
 * With no valid story date only the forms carrying their own year (full
 * dates, "January 2022", "in 2020") are returned.
 *
 * Not handled: times of day, weekends ("over the weekend"), seasons,
 * decades, holidays, "the end of March", "Thursday week", "on the 6th",
 * "hours ago", ranges across months ("January 30-February 2").
 * Overlapping readings: the one with more tokens wins, a tie goes to the
 * earlier ("on 6 January 20 people" gives "6 January").
 *
 * NEEDSWORK: "will meet on Friday" resolves to the past Friday (tense is
 * not known here); "in January 20 people died" reads "January 20" and
 * "in 2000 cases" reads the year 2000.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "base/str.h"
#include "dates.h"

#define DY_DATES_LOOK 24        /* tokens one candidate may read */
#define WIN_HIST 2              /* tokens kept before the current one */
#define WIN_SIZE (WIN_HIST + 2 * DY_DATES_LOOK + 16)
#define DY_DATES_MAX_WORD 12    /* longest keyword in bytes, plus one */
#define DY_DATES_YEAR_MIN 1000  /* a year written in a full date */
#define DY_DATES_YEAR_MAX 2999
#define DY_DATES_BARE_MIN 1800  /* a year written alone: "in 2020" */
#define DY_DATES_BARE_MAX 2199
#define DY_DATES_MAX_COUNT 9999 /* "9999 days ago" */
#define DY_DATES_NEAR_YEARS 4   /* how far a partial date's year may go */
#define NUM_BIG UINT32_MAX      /* a number too long to matter */

/* Lexer ------------------------------------------------------------- */

enum tok_kind { TK_END, TK_WORD, TK_NUM, TK_PUNCT };

struct tok {
	uint32_t off;   /* first byte */
	uint32_t end;   /* one past the last byte */
	uint32_t val;   /* TK_NUM: its value, NUM_BIG when over 9 digits */
	uint8_t kind;   /* enum tok_kind */
	uint8_t sp;     /* white space or the start of text comes first */
	uint8_t ch;     /* TK_PUNCT: the ASCII form ('-' for any dash) */
	uint8_t ndig;   /* TK_NUM: digits, saturating at 255 */
	uint8_t cls;    /* TK_WORD: enum kw_class, KC_NONE if no keyword */
	uint8_t kv;     /* TK_WORD: the keyword's value in its class */
	uint8_t kflags; /* TK_WORD: the keyword's KF_* */
};

enum kw_class {
	KC_NONE,  /* not a keyword */
	KC_MONTH, /* kv 1-12 */
	KC_WDAY,  /* kv 0-6, Monday 0 */
	KC_NUMW,  /* kv the number */
	KC_UNIT,  /* kv enum unit */
	KC_PART,  /* kv enum part */
	KC_SIG,   /* kv enum sig */
	KC_ORD,   /* st nd rd th */
	KC_W,     /* kv enum word */
};

enum unit { U_DAY, U_WEEK, U_MONTH, U_YEAR };
enum part { P_MORNING, P_AFTERNOON, P_EVENING, P_NIGHT };
enum sig {
	S_IN, S_ON, S_SINCE, S_FROM, S_DURING, S_BY, S_UNTIL, S_BEFORE,
	S_AFTER, S_THROUGH
};
enum word {
	W_THE, W_OF, W_TODAY, W_TONIGHT, W_YESTERDAY, W_TOMORROW, W_THIS,
	W_LAST, W_NEXT, W_COMING, W_PAST, W_EARLIER, W_LATER, W_EARLY,
	W_LATE, W_MID, W_AGO, W_NOW, W_HOURS
};

#define KF_CAP 1  /* needs a capital first letter */
#define KF_ABBR 2 /* abbreviated month: may take a '.' */
#define KF_ART 4  /* the article "a"/"an" as the number one */

static const struct kw {
	const char *name; /* lower case */
	uint8_t cls;      /* enum kw_class */
	uint8_t val;      /* value within the class */
	uint8_t flags;    /* KF_* */
} kw_table[] = {
	{ "january", KC_MONTH, 1, 0 },	{ "february", KC_MONTH, 2, 0 },
	{ "march", KC_MONTH, 3, KF_CAP }, { "april", KC_MONTH, 4, 0 },
	{ "may", KC_MONTH, 5, KF_CAP },	{ "june", KC_MONTH, 6, 0 },
	{ "july", KC_MONTH, 7, 0 },	{ "august", KC_MONTH, 8, 0 },
	{ "september", KC_MONTH, 9, 0 }, { "october", KC_MONTH, 10, 0 },
	{ "november", KC_MONTH, 11, 0 }, { "december", KC_MONTH, 12, 0 },
	{ "jan", KC_MONTH, 1, KF_CAP | KF_ABBR },
	{ "feb", KC_MONTH, 2, KF_CAP | KF_ABBR },
	{ "mar", KC_MONTH, 3, KF_CAP | KF_ABBR },
	{ "apr", KC_MONTH, 4, KF_CAP | KF_ABBR },
	{ "jun", KC_MONTH, 6, KF_CAP | KF_ABBR },
	{ "jul", KC_MONTH, 7, KF_CAP | KF_ABBR },
	{ "aug", KC_MONTH, 8, KF_CAP | KF_ABBR },
	{ "sep", KC_MONTH, 9, KF_CAP | KF_ABBR },
	{ "sept", KC_MONTH, 9, KF_CAP | KF_ABBR },
	{ "oct", KC_MONTH, 10, KF_CAP | KF_ABBR },
	{ "nov", KC_MONTH, 11, KF_CAP | KF_ABBR },
	{ "dec", KC_MONTH, 12, KF_CAP | KF_ABBR },
	{ "monday", KC_WDAY, 0, 0 },	{ "tuesday", KC_WDAY, 1, 0 },
	{ "wednesday", KC_WDAY, 2, 0 }, { "thursday", KC_WDAY, 3, 0 },
	{ "friday", KC_WDAY, 4, 0 },	{ "saturday", KC_WDAY, 5, 0 },
	{ "sunday", KC_WDAY, 6, 0 },
	{ "a", KC_NUMW, 1, KF_ART },	{ "an", KC_NUMW, 1, KF_ART },
	{ "one", KC_NUMW, 1, 0 },	{ "two", KC_NUMW, 2, 0 },
	{ "three", KC_NUMW, 3, 0 },	{ "four", KC_NUMW, 4, 0 },
	{ "five", KC_NUMW, 5, 0 },	{ "six", KC_NUMW, 6, 0 },
	{ "seven", KC_NUMW, 7, 0 },	{ "eight", KC_NUMW, 8, 0 },
	{ "nine", KC_NUMW, 9, 0 },	{ "ten", KC_NUMW, 10, 0 },
	{ "eleven", KC_NUMW, 11, 0 },	{ "twelve", KC_NUMW, 12, 0 },
	{ "thirteen", KC_NUMW, 13, 0 }, { "fourteen", KC_NUMW, 14, 0 },
	{ "fifteen", KC_NUMW, 15, 0 },	{ "sixteen", KC_NUMW, 16, 0 },
	{ "seventeen", KC_NUMW, 17, 0 }, { "eighteen", KC_NUMW, 18, 0 },
	{ "nineteen", KC_NUMW, 19, 0 }, { "twenty", KC_NUMW, 20, 0 },
	{ "thirty", KC_NUMW, 30, 0 },	{ "forty", KC_NUMW, 40, 0 },
	{ "fifty", KC_NUMW, 50, 0 },	{ "sixty", KC_NUMW, 60, 0 },
	{ "seventy", KC_NUMW, 70, 0 },	{ "eighty", KC_NUMW, 80, 0 },
	{ "ninety", KC_NUMW, 90, 0 },
	{ "day", KC_UNIT, U_DAY, 0 },	{ "days", KC_UNIT, U_DAY, 0 },
	{ "week", KC_UNIT, U_WEEK, 0 }, { "weeks", KC_UNIT, U_WEEK, 0 },
	{ "month", KC_UNIT, U_MONTH, 0 }, { "months", KC_UNIT, U_MONTH, 0 },
	{ "year", KC_UNIT, U_YEAR, 0 }, { "years", KC_UNIT, U_YEAR, 0 },
	{ "morning", KC_PART, P_MORNING, 0 },
	{ "afternoon", KC_PART, P_AFTERNOON, 0 },
	{ "evening", KC_PART, P_EVENING, 0 },
	{ "night", KC_PART, P_NIGHT, 0 },
	{ "in", KC_SIG, S_IN, 0 },	{ "on", KC_SIG, S_ON, 0 },
	{ "since", KC_SIG, S_SINCE, 0 }, { "from", KC_SIG, S_FROM, 0 },
	{ "during", KC_SIG, S_DURING, 0 }, { "by", KC_SIG, S_BY, 0 },
	{ "until", KC_SIG, S_UNTIL, 0 }, { "till", KC_SIG, S_UNTIL, 0 },
	{ "before", KC_SIG, S_BEFORE, 0 }, { "after", KC_SIG, S_AFTER, 0 },
	{ "through", KC_SIG, S_THROUGH, 0 },
	{ "throughout", KC_SIG, S_THROUGH, 0 },
	{ "st", KC_ORD, 0, 0 },		{ "nd", KC_ORD, 0, 0 },
	{ "rd", KC_ORD, 0, 0 },		{ "th", KC_ORD, 0, 0 },
	{ "the", KC_W, W_THE, 0 },	{ "of", KC_W, W_OF, 0 },
	{ "today", KC_W, W_TODAY, 0 },	{ "tonight", KC_W, W_TONIGHT, 0 },
	{ "yesterday", KC_W, W_YESTERDAY, 0 },
	{ "tomorrow", KC_W, W_TOMORROW, 0 },
	{ "this", KC_W, W_THIS, 0 },	{ "last", KC_W, W_LAST, 0 },
	{ "next", KC_W, W_NEXT, 0 },	{ "coming", KC_W, W_COMING, 0 },
	{ "past", KC_W, W_PAST, 0 },	{ "earlier", KC_W, W_EARLIER, 0 },
	{ "later", KC_W, W_LATER, 0 },	{ "early", KC_W, W_EARLY, 0 },
	{ "late", KC_W, W_LATE, 0 },	{ "mid", KC_W, W_MID, 0 },
	{ "ago", KC_W, W_AGO, 0 },	{ "now", KC_W, W_NOW, 0 },
	{ "hours", KC_W, W_HOURS, 0 },
};

#define KW_COUNT (sizeof(kw_table) / sizeof(kw_table[0]))

/* Words that make a neighbouring weekday or "today" part of a name. */
static const char *const wday_before[] = {
	"good", "black", "bloody", "super", "ash", "palm", "easter", "holy",
	"maundy", "shrove", "cyber", NULL
};
static const char *const wday_after[] = {
	"times", "telegraph", "express", "mirror", "mail", "herald", "post",
	"tribune", "sport", "people", "observer", "independent", "star",
	"school", NULL
};
static const char *const today_before[] = { "usa", "russia", NULL };
static const char *const today_after[] = { "programme", "program", "show",
					   NULL };

struct lexer {
	const char *p; /* the text */
	size_t n;      /* its length, at most UINT32_MAX */
	size_t pos;    /* the next byte to read */
};

enum char_class { CC_SPACE, CC_ALPHA, CC_DIGIT, CC_PUNCT, CC_LETTER };

/* The ASCII stand-in for a non-ASCII code point: ' ' for a space, '-' for
 * a dash and so on, or 0 for one that counts as a letter. */
static int uni_punct(uint32_t cp)
{
	if ((cp >= 0x2000 && cp <= 0x200b) || cp == 0x00a0 ||
	    cp == 0x1680 || cp == 0x202f || cp == 0x205f || cp == 0x3000 ||
	    cp == 0xfeff)
		return ' ';
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
		return '-';
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x201a || cp == 0x201b)
		return '\'';
	if (cp == 0x201c || cp == 0x201d || cp == 0x201e || cp == 0x00ab ||
	    cp == 0x00bb)
		return '"';
	if (cp == 0x2026)
		return '.';
	return 0;
}

/* Class of the character at s[0..n), n > 0; its length goes to *len and,
 * for CC_PUNCT, its ASCII form to *ch. */
static int char_class(const char *s, size_t n, size_t *len, int *ch)
{
	unsigned char c = (unsigned char)s[0];
	uint32_t cp;
	size_t k;

	*len = 1;
	*ch = c;
	if (c < 0x80) {
		if (dy_isspace(c))
			return CC_SPACE;
		if (dy_isalpha(c))
			return CC_ALPHA;
		if (dy_isdigit(c))
			return CC_DIGIT;
		return CC_PUNCT;
	}
	k = dy_utf8_decode(s, n, &cp);
	if (k == 0)
		return CC_LETTER; /* a stray byte: part of some word */
	*len = k;
	*ch = uni_punct(cp);
	if (*ch == ' ')
		return CC_SPACE;
	return *ch ? CC_PUNCT : CC_LETTER;
}

/* kw_table sorted by name, and where each first letter starts in it:
 * every word of every sentence with an event is looked up, so this is
 * built once for all threads */
static pthread_once_t kw_once = PTHREAD_ONCE_INIT;
static uint16_t kw_order[KW_COUNT];
static uint16_t kw_first[27];

static int kw_cmp(const void *a, const void *b)
{
	return strcmp(kw_table[*(const uint16_t *)a].name,
		      kw_table[*(const uint16_t *)b].name);
}

static void kw_index(void)
{
	size_t i;
	int c;

	for (i = 0; i < KW_COUNT; i++)
		kw_order[i] = (uint16_t)i;
	qsort(kw_order, KW_COUNT, sizeof *kw_order, kw_cmp);
	for (c = 0, i = 0; c <= 26; c++) {
		while (i < KW_COUNT &&
		       kw_table[kw_order[i]].name[0] < 'a' + c)
			i++;
		kw_first[c] = (uint16_t)i;
	}
}

static void kw_lookup(struct tok *t, const char *p, size_t n)
{
	char low[DY_DATES_MAX_WORD];
	size_t i;

	if (n >= sizeof(low))
		return;
	for (i = 0; i < n; i++)
		low[i] = (char)dy_tolower((unsigned char)p[i]);
	low[n] = '\0';
	pthread_once(&kw_once, kw_index);
	if (low[0] < 'a' || low[0] > 'z')
		return;
	/* the words of this first letter, in name order */
	for (i = kw_first[low[0] - 'a']; i < kw_first[low[0] - 'a' + 1];
	     i++) {
		const struct kw *k = &kw_table[kw_order[i]];
		int c = strcmp(k->name, low);

		if (c < 0)
			continue;
		if (c > 0)
			return;
		if ((k->flags & KF_CAP) && !(p[0] >= 'A' && p[0] <= 'Z'))
			return;
		t->cls = k->cls;
		t->kv = k->val;
		t->kflags = k->flags;
		return;
	}
}

/* number -> digit+ */
static void lex_number(struct lexer *lx, struct tok *t)
{
	const char *p = lx->p + lx->pos, *end = lx->p + lx->n, *q = p;
	unsigned long v;

	while (q < end && dy_isdigit((unsigned char)*q))
		q++;
	t->kind = TK_NUM;
	t->ndig = (uint8_t)(q - p > 255 ? 255 : q - p);
	t->val = NUM_BIG;
	lx->pos += (size_t)(q - p);
	if (q - p <= 9 && dy_parse_uint(&p, q, 999999999UL, &v) == DY_OK)
		t->val = (uint32_t)v;
}

/* word -> (ASCII letter | other non-ASCII character | invalid byte)+ */
static void lex_word(struct lexer *lx, struct tok *t)
{
	size_t start = lx->pos, len;
	int ascii = 1, ch, cls;

	/* ASCII letters without the general classifier */
	while (lx->pos < lx->n && dy_isalpha((unsigned char)lx->p[lx->pos]))
		lx->pos++;
	while (lx->pos < lx->n) {
		cls = char_class(lx->p + lx->pos, lx->n - lx->pos, &len, &ch);
		if (cls == CC_LETTER)
			ascii = 0;
		else if (cls != CC_ALPHA)
			break;
		lx->pos += len;
	}
	t->kind = TK_WORD;
	if (ascii)
		kw_lookup(t, lx->p + start, lx->pos - start);
}

/* Read the next token; at the end of the text, a TK_END. */
static void lex_next(struct lexer *lx, struct tok *t)
{
	size_t len = 0;
	int cls = CC_SPACE, ch = 0;

	memset(t, 0, sizeof(*t));
	t->sp = lx->pos == 0;
	while (lx->pos < lx->n && lx->p[lx->pos] == ' ') {
		t->sp = 1;
		lx->pos++;
	}
	while (lx->pos < lx->n) {
		cls = char_class(lx->p + lx->pos, lx->n - lx->pos, &len, &ch);
		if (cls != CC_SPACE)
			break;
		t->sp = 1;
		lx->pos += len;
	}
	t->off = (uint32_t)lx->pos;
	if (lx->pos >= lx->n) {
		t->kind = TK_END;
		t->sp = 1;
	} else if (cls == CC_DIGIT) {
		lex_number(lx, t);
	} else if (cls == CC_PUNCT) {
		t->kind = TK_PUNCT;
		t->ch = (uint8_t)ch;
		lx->pos += len;
	} else {
		lex_word(lx, t);
	}
	t->end = (uint32_t)lx->pos;
}

/* Token window ------------------------------------------------------ */

/* A sliding window over the tokens: t[cur] is being looked at, the
 * WIN_HIST before it stay for left context, and at least 2 *
 * DY_DATES_LOOK follow, so that a candidate starting anywhere inside
 * another (see prefer_longer) can still read DY_DATES_LOOK tokens. */
struct win {
	struct lexer lx;        /* where the tokens come from */
	struct tok t[WIN_SIZE]; /* the window; TK_END past the text */
	int n;                  /* slots filled */
	int cur;                /* the current token */
};

static void win_fill(struct win *w)
{
	while (w->n < WIN_SIZE)
		lex_next(&w->lx, &w->t[w->n++]);
}

static void win_init(struct win *w, const char *text, size_t n)
{
	int i;

	w->lx.p = text;
	w->lx.n = n;
	w->lx.pos = 0;
	for (i = 0; i < WIN_HIST; i++) {
		memset(&w->t[i], 0, sizeof(w->t[i]));
		w->t[i].kind = TK_END;
		w->t[i].sp = 1;
	}
	w->n = WIN_HIST;
	w->cur = WIN_HIST;
	win_fill(w);
}

static void win_advance(struct win *w, int k)
{
	int shift;

	w->cur += k;
	if (w->cur <= WIN_SIZE - 2 * DY_DATES_LOOK)
		return;
	shift = w->cur - WIN_HIST;
	memmove(w->t, w->t + shift, (size_t)(w->n - shift) * sizeof(w->t[0]));
	w->n -= shift;
	w->cur = WIN_HIST;
	win_fill(w);
}

/* What a rule sees: t[0] is the candidate's first token. */
struct view {
	const struct tok *t; /* t[-WIN_HIST..n) may be read */
	int n;               /* tokens after t[0], at most DY_DATES_LOOK */
};

static const struct tok tok_end = { .kind = TK_END, .sp = 1 };

static const struct tok *at(const struct view *v, int i)
{
	if (i < -WIN_HIST || i >= v->n)
		return &tok_end;
	return &v->t[i];
}

static int is_w(const struct tok *t, int word)
{
	return t->kind == TK_WORD && t->cls == KC_W && t->kv == word;
}

static int is_cls(const struct tok *t, int cls)
{
	return t->kind == TK_WORD && t->cls == cls;
}

static int is_sig(const struct tok *t, int sig)
{
	return is_cls(t, KC_SIG) && t->kv == sig;
}

static int is_p(const struct tok *t, int ch)
{
	return t->kind == TK_PUNCT && t->ch == ch;
}

/* t follows the previous token with no space between */
static int glued(const struct tok *t)
{
	return t->kind != TK_END && !t->sp;
}

/* Nothing glued on the left of t[0] that makes it part of a longer word
 * or number: "A6", "1,2022", "pre-2020". */
static int left_ok(const struct view *v)
{
	const struct tok *t = at(v, 0), *p = at(v, -1), *pp = at(v, -2);

	if (t->sp || p->kind == TK_END)
		return 1;
	if (p->kind != TK_PUNCT)
		return 0;
	if (p->sp)
		return 1;
	if ((p->ch == '-' || p->ch == '/') &&
	    (pp->kind == TK_WORD || pp->kind == TK_NUM))
		return 0;
	if ((p->ch == '.' || p->ch == ',' || p->ch == ':') &&
	    pp->kind == TK_NUM && t->kind == TK_NUM)
		return 0;
	return 1;
}

/* The same on the right of t[e-1]: "2020s", "2020-21", "6,000". */
static int right_ok(const struct view *v, int e)
{
	const struct tok *t = at(v, e), *nx = at(v, e + 1);

	if (t->kind == TK_END || t->sp)
		return 1;
	if (t->kind != TK_PUNCT)
		return 0;
	if (!glued(nx))
		return 1;
	if ((t->ch == '-' || t->ch == '/') &&
	    (nx->kind == TK_WORD || nx->kind == TK_NUM))
		return 0;
	if ((t->ch == '.' || t->ch == ',' || t->ch == ':') &&
	    nx->kind == TK_NUM)
		return 0;
	return 1;
}

/* Resolution --------------------------------------------------------- */

struct res {
	const char *text; /* for the stop lists */
	int ref_ok;       /* the story date is valid */
	long ref_days;    /* it, in days since 1970-01-01 */
	long ref_y;       /* its year */
	long ref_m;       /* its month */
	long ref_wd;      /* its weekday, Monday 0 */
};

struct hit {
	int end;  /* tokens in the expression */
	long ymd; /* the date */
	int prec; /* enum dy_date_prec */
	int how;  /* enum dy_date_how */
};

static long weekday(long days)
{
	long r = (days + 3) % 7; /* 1970-01-01 was a Thursday */

	return r < 0 ? r + 7 : r;
}

static int set_ymd(struct hit *h, int end, long ymd, int prec, int how)
{
	if (!dy_ymd_valid(ymd))
		return 0;
	h->end = end;
	h->ymd = ymd;
	h->prec = prec;
	h->how = how;
	return end;
}

/* The day `days`, or the week, month or year holding it. */
static int set_days(struct hit *h, int end, long days, int prec, int how)
{
	long ymd;

	if (prec == DY_PREC_WEEK)
		days -= weekday(days);
	ymd = dy_days_to_ymd(days);
	if (!dy_ymd_valid(ymd))
		return 0;
	if (prec == DY_PREC_MONTH)
		ymd = ymd / 100 * 100 + 1;
	else if (prec == DY_PREC_YEAR)
		ymd = ymd / 10000 * 10000 + 101;
	return set_ymd(h, end, ymd, prec, how);
}

/* The first of the month `k` months from the story's. */
static int set_month(const struct res *x, struct hit *h, int end, long k,
		     int how)
{
	long total = x->ref_y * 12 + x->ref_m - 1 + k;

	if (total < 12)
		return 0;
	return set_ymd(h, end, total / 12 * 10000 + (total % 12 + 1) * 100 + 1,
		       DY_PREC_MONTH, how);
}

static int set_year(struct hit *h, int end, long y, int how)
{
	if (y < 1 || y > 9999)
		return 0;
	return set_ymd(h, end, y * 10000 + 101, DY_PREC_YEAR, how);
}

/* Month m, day d in the year nearest the story date. */
static int set_partial(const struct res *x, struct hit *h, int end, long m,
		       long d)
{
	long y, ymd, diff, best = 0, bestdiff = 0;

	if (!x->ref_ok)
		return 0;
	for (y = x->ref_y - DY_DATES_NEAR_YEARS;
	     y <= x->ref_y + DY_DATES_NEAR_YEARS; y++) {
		ymd = y * 10000 + m * 100 + d;
		if (!dy_ymd_valid(ymd))
			continue;
		diff = labs(dy_ymd_to_days(ymd) - x->ref_days);
		if (!best || diff < bestdiff) {
			best = ymd;
			bestdiff = diff;
		}
	}
	if (!best)
		return 0;
	return set_ymd(h, end, best, DY_PREC_DAY, DY_HOW_PARTIAL);
}

static int word_in(const struct res *x, const struct tok *t,
		   const char *const *list)
{
	struct dy_str s;

	if (t->kind != TK_WORD)
		return 0;
	s = dy_str_make(x->text + t->off, t->end - t->off);
	for (; *list; list++)
		if (dy_str_ieqc(s, *list))
			return 1;
	return 0;
}

/* Day grammar --------------------------------------------------------- */

/* day -> NUM [ORD]     NUM 1-31 in one or two digits, ORD glued */
static int p_day(const struct view *v, int i, long *d, int *ord)
{
	const struct tok *t = at(v, i);

	if (t->kind != TK_NUM || t->ndig > 2 || t->val < 1 || t->val > 31)
		return 0;
	*d = t->val;
	*ord = is_cls(at(v, i + 1), KC_ORD) && glued(at(v, i + 1));
	return i + 1 + *ord;
}

/* days -> day ['-' day]     a range "6-7" gives its first day */
static int p_days(const struct view *v, int i, long *d, int *ord)
{
	long d2;
	int j, k, ord2;

	j = p_day(v, i, d, ord);
	if (!j || !is_p(at(v, j), '-') || !glued(at(v, j)) ||
	    !glued(at(v, j + 1)))
		return j;
	k = p_day(v, j + 1, &d2, &ord2);
	return k && d2 > *d ? k : j;
}

/* year -> NUM     four digits, lo..hi */
static int p_year(const struct view *v, int i, long lo, long hi, long *y)
{
	const struct tok *t = at(v, i);

	if (t->kind != TK_NUM || t->ndig != 4 || t->val < (uint32_t)lo ||
	    t->val > (uint32_t)hi)
		return 0;
	*y = t->val;
	return i + 1;
}

/* optyear -> [','] year     the year spaced off: "6, 2022", not "6,2022" */
static int p_opt_year(const struct view *v, int i, long *y)
{
	if (is_p(at(v, i), ','))
		i++;
	if (!at(v, i)->sp)
		return 0;
	return p_year(v, i, DY_DATES_YEAR_MIN, DY_DATES_YEAR_MAX, y);
}

/* After month token i, the '.' of an abbreviation ("Jan."), if any. */
static int skip_abbr_dot(const struct view *v, int i)
{
	if ((at(v, i)->kflags & KF_ABBR) && is_p(at(v, i + 1), '.') &&
	    glued(at(v, i + 1)))
		return i + 2;
	return i + 1;
}

/* mdy -> MONTH ['.'] days [optyear] */
static int p_mdy(const struct res *x, const struct view *v, int i,
		 struct hit *h)
{
	long d, y;
	int j, k, ord;

	if (!is_cls(at(v, i), KC_MONTH))
		return 0;
	j = p_days(v, skip_abbr_dot(v, i), &d, &ord);
	if (!j)
		return 0;
	if ((k = p_opt_year(v, j, &y)))
		return set_ymd(h, k, y * 10000 + at(v, i)->kv * 100 + d,
			       DY_PREC_DAY, DY_HOW_EXPLICIT);
	return set_partial(x, h, j, at(v, i)->kv, d);
}

/* dmy -> ['the'] days ['of'] MONTH [['.'] optyear]
 * "the" and "of" only with an ordinal: "the 2nd of January" */
static int p_dmy(const struct res *x, const struct view *v, int i,
		 struct hit *h)
{
	long d, y;
	int j = i, k, ord, the = 0, m;

	if (is_w(at(v, j), W_THE)) {
		the = 1;
		j++;
	}
	j = p_days(v, j, &d, &ord);
	if (!j)
		return 0;
	if (is_w(at(v, j), W_OF)) {
		if (!ord)
			return 0;
		j++;
	} else if (the && !ord) {
		return 0;
	}
	if (!is_cls(at(v, j), KC_MONTH))
		return 0;
	m = at(v, j)->kv;
	if ((k = p_opt_year(v, skip_abbr_dot(v, j), &y)))
		return set_ymd(h, k, y * 10000 + m * 100 + d, DY_PREC_DAY,
			       DY_HOW_EXPLICIT);
	return set_partial(x, h, j + 1, m, d);
}

/* textdate -> [WDAY [',']] (mdy | dmy) */
static int p_textdate(const struct res *x, const struct view *v, int i,
		      struct hit *h)
{
	if (is_cls(at(v, i), KC_WDAY)) {
		i++;
		if (is_p(at(v, i), ','))
			i++;
	}
	return is_cls(at(v, i), KC_MONTH) ? p_mdy(x, v, i, h)
					 : p_dmy(x, v, i, h);
}

/* numeric -> yyyy SEP m SEP d | d SEP m SEP yyyy | m SEP d SEP yyyy
 * SEP is '-', '/' or '.', the same twice, everything glued.  With the
 * year last, '.' means day first; '-' and '/' need a certain order. */
static int p_numeric(const struct view *v, int i, struct hit *h)
{
	const struct tok *a = at(v, i), *s1 = at(v, i + 1), *b = at(v, i + 2),
			 *s2 = at(v, i + 3), *c = at(v, i + 4);
	long y, m, d;

	if (a->kind != TK_NUM || b->kind != TK_NUM || c->kind != TK_NUM ||
	    s1->kind != TK_PUNCT || s2->kind != TK_PUNCT ||
	    s1->ch != s2->ch || !glued(s1) || !glued(b) || !glued(s2) ||
	    !glued(c) || b->ndig > 2)
		return 0;
	if (s1->ch != '-' && s1->ch != '/' && s1->ch != '.')
		return 0;
	if (a->ndig == 4 && c->ndig <= 2) {
		y = a->val;
		m = b->val;
		d = c->val;
	} else if (a->ndig <= 2 && c->ndig == 4) {
		y = c->val;
		if (s1->ch == '.' || (a->val > 12 && b->val <= 12) ||
		    a->val == b->val) {
			d = a->val;
			m = b->val;
		} else if (b->val > 12 && a->val <= 12) {
			m = a->val;
			d = b->val;
		} else {
			return 0;
		}
	} else {
		return 0;
	}
	if (y < DY_DATES_YEAR_MIN || y > DY_DATES_YEAR_MAX)
		return 0;
	return set_ymd(h, i + 5, y * 10000 + m * 100 + d, DY_PREC_DAY,
		       DY_HOW_EXPLICIT);
}

/* weekday -> ['last' | 'next' | 'this' ['coming' | 'past'] | 'coming']
 *	      WDAY */
static int p_weekday(const struct res *x, const struct view *v, int i,
		     struct hit *h)
{
	enum { ON_BEFORE, BEFORE, AFTER, ON_AFTER } mode = ON_BEFORE;
	const struct tok *t = at(v, i);
	long delta, wd;
	int j = i;

	if (is_w(t, W_LAST) || is_w(t, W_NEXT)) {
		if (is_w(at(v, i - 1), W_THE))
			return 0; /* "the last Friday of the month" */
		mode = is_w(t, W_LAST) ? BEFORE : AFTER;
		j++;
	} else if (is_w(t, W_THIS)) {
		mode = ON_AFTER;
		j++;
		if (is_w(at(v, j), W_COMING))
			mode = AFTER, j++;
		else if (is_w(at(v, j), W_PAST))
			mode = BEFORE, j++;
	} else if (is_w(t, W_COMING)) {
		mode = AFTER;
		j++;
	}
	if (!is_cls(at(v, j), KC_WDAY) || !x->ref_ok)
		return 0;
	if (mode == ON_BEFORE && (word_in(x, at(v, j - 1), wday_before) ||
				  word_in(x, at(v, j + 1), wday_after) ||
				  is_w(at(v, j - 1), W_LAST) ||
				  is_w(at(v, j - 1), W_NEXT) ||
				  is_w(at(v, j - 1), W_THIS) ||
				  is_w(at(v, j - 1), W_COMING)))
		return 0; /* a name, or a "last" refused above */
	wd = at(v, j)->kv;
	if (mode == ON_BEFORE || mode == BEFORE) {
		delta = (x->ref_wd - wd + 7) % 7;
		if (mode == BEFORE && delta == 0)
			delta = 7;
		delta = -delta;
	} else {
		delta = (wd - x->ref_wd + 7) % 7;
		if (mode == AFTER && delta == 0)
			delta = 7;
	}
	return set_days(h, j + 1, x->ref_days + delta, DY_PREC_DAY,
			DY_HOW_RELATIVE);
}

/* deictic -> 'today' | 'tonight' | 'yesterday' | 'tomorrow'
 *	    | 'this' ('morning' | 'afternoon' | 'evening')
 *	    | 'last' ('night' | 'evening') | ('earlier' | 'later') 'today'
 *	    | 'the' 'day' ('before' 'yesterday' | 'after' 'tomorrow')
 * *suffix says whether a part of the day may follow ("yesterday
 * morning"). */
static int p_deictic(const struct res *x, const struct view *v, int i,
		     struct hit *h, int *suffix)
{
	const struct tok *t = at(v, i), *t1 = at(v, i + 1);
	long k;
	int e = 0;

	*suffix = 0;
	if (!x->ref_ok)
		return 0;
	if (is_w(t, W_TODAY) || is_w(t, W_TONIGHT)) {
		if (word_in(x, at(v, i - 1), today_before) ||
		    word_in(x, t1, today_after))
			return 0;
		k = 0, e = i + 1;
	} else if (is_w(t, W_YESTERDAY) || is_w(t, W_TOMORROW)) {
		k = is_w(t, W_YESTERDAY) ? -1 : 1, e = i + 1, *suffix = 1;
	} else if (is_w(t, W_THIS) && is_cls(t1, KC_PART) &&
		   t1->kv != P_NIGHT) {
		k = 0, e = i + 2;
	} else if (is_w(t, W_LAST) && is_cls(t1, KC_PART) &&
		   (t1->kv == P_NIGHT || t1->kv == P_EVENING)) {
		k = -1, e = i + 2;
	} else if ((is_w(t, W_EARLIER) || is_w(t, W_LATER)) &&
		   is_w(t1, W_TODAY)) {
		k = 0, e = i + 2;
	} else if (is_w(t, W_THE) && is_cls(t1, KC_UNIT) &&
		   t1->kv == U_DAY && is_sig(at(v, i + 2), S_BEFORE) &&
		   is_w(at(v, i + 3), W_YESTERDAY)) {
		k = -2, e = i + 4;
	} else if (is_w(t, W_THE) && is_cls(t1, KC_UNIT) &&
		   t1->kv == U_DAY && is_sig(at(v, i + 2), S_AFTER) &&
		   is_w(at(v, i + 3), W_TOMORROW)) {
		k = 2, e = i + 4;
	} else {
		return 0;
	}
	return set_days(h, e, x->ref_days + k, DY_PREC_DAY, DY_HOW_RELATIVE);
}

/* core -> numeric | textdate | weekday | deictic     the longest */
static int day_core(const struct res *x, const struct view *v, int i,
		    struct hit *h, int *suffix)
{
	struct hit t;
	int e, best = 0, s;

	*suffix = 0;
	if ((e = p_numeric(v, i, &t)) > best)
		best = e, *h = t;
	if ((e = p_textdate(x, v, i, &t)) > best)
		best = e, *h = t;
	if ((e = p_weekday(x, v, i, &t)) > best)
		best = e, *h = t, *suffix = 1;
	if ((e = p_deictic(x, v, i, &t, &s)) > best)
		best = e, *h = t, *suffix = s;
	return best;
}

/* day -> [dprefix] core [PART]
 * dprefix -> ('early' | 'late') ['on'] | 'the' PART 'of'
 *	    | 'the' 'early' 'hours' 'of'
 * PART may follow only a weekday, "yesterday" or "tomorrow", and not after
 * a "the ... of" prefix. */
static int r_day(const struct res *x, const struct view *v, struct hit *h)
{
	int j = 0, part_ok = 1, suffix, e;

	if (is_w(at(v, 0), W_EARLY) || is_w(at(v, 0), W_LATE)) {
		j = is_sig(at(v, 1), S_ON) ? 2 : 1;
	} else if (is_w(at(v, 0), W_THE) && is_cls(at(v, 1), KC_PART) &&
		   is_w(at(v, 2), W_OF)) {
		j = 3, part_ok = 0;
	} else if (is_w(at(v, 0), W_THE) && is_w(at(v, 1), W_EARLY) &&
		   is_w(at(v, 2), W_HOURS) && is_w(at(v, 3), W_OF)) {
		j = 4, part_ok = 0;
	}
	e = day_core(x, v, j, h, &suffix);
	if (!e)
		return 0;
	if (suffix && part_ok && is_cls(at(v, e), KC_PART))
		e++;
	h->end = e;
	return e;
}

/* Periods ------------------------------------------------------------ */

/* A word that lets a bare month or year be read as a date: any signal
 * but "on". */
static int is_trigger(const struct tok *t)
{
	return is_cls(t, KC_SIG) && t->kv != S_ON;
}

/* Weeks, months or years `k` from the story's. */
static int set_period(const struct res *x, struct hit *h, int end,
		      int unit, long k, int how)
{
	switch (unit) {
	case U_WEEK:
		return set_days(h, end, x->ref_days + 7 * k, DY_PREC_WEEK,
				how);
	case U_MONTH:
		return set_month(x, h, end, k, how);
	case U_YEAR:
		return set_year(h, end, x->ref_y + k, how);
	default:
		return set_days(h, end, x->ref_days + k, DY_PREC_DAY, how);
	}
}

/* relperiod -> ['earlier' | 'later'] 'this' UNIT | ('last' | 'next') UNIT
 * UNIT is week, month or year */
static int p_relperiod(const struct res *x, const struct view *v, int i,
		       int prefixed, struct hit *h)
{
	const struct tok *t = at(v, i);
	long k;

	if (!prefixed && (is_w(t, W_EARLIER) || is_w(t, W_LATER)) &&
	    is_w(at(v, i + 1), W_THIS))
		t = at(v, ++i);
	if (!is_cls(at(v, i + 1), KC_UNIT) || at(v, i + 1)->kv == U_DAY)
		return 0;
	if (is_w(t, W_THIS))
		k = 0;
	else if (is_w(t, W_LAST) && !is_w(at(v, i - 1), W_THE))
		k = -1;
	else if (is_w(t, W_NEXT) && !is_w(at(v, i - 1), W_THE))
		k = 1;
	else
		return 0;
	return set_period(x, h, i + 2, at(v, i + 1)->kv, k, DY_HOW_RELATIVE);
}

/* relmonth -> ('last' | 'next' | 'this') MONTH | MONTH
 * A bare MONTH needs `trig`: a signal word before or a prefix. */
static int p_relmonth(const struct res *x, const struct view *v, int i,
		      int trig, struct hit *h)
{
	const struct tok *t = at(v, i);
	long m, y;
	int e = i + 1;

	if (is_cls(t, KC_MONTH)) {
		if (!trig)
			return 0;
		m = t->kv;
		y = m <= x->ref_m ? x->ref_y : x->ref_y - 1;
	} else {
		if (!is_cls(at(v, i + 1), KC_MONTH) ||
		    is_w(at(v, i - 1), W_THE))
			return 0;
		m = at(v, i + 1)->kv;
		e = i + 2;
		if (is_w(t, W_LAST))
			y = m < x->ref_m ? x->ref_y : x->ref_y - 1;
		else if (is_w(t, W_NEXT))
			y = m > x->ref_m ? x->ref_y : x->ref_y + 1;
		else if (is_w(t, W_THIS))
			y = x->ref_y;
		else
			return 0;
	}
	return set_ymd(h, e, y * 10000 + m * 100 + 1, DY_PREC_MONTH,
		       DY_HOW_MONTH);
}

/* monthyear -> MONTH ['.'] [','] year */
static int p_monthyear(const struct view *v, int i, struct hit *h)
{
	long y;
	int k;

	if (!is_cls(at(v, i), KC_MONTH) ||
	    !(k = p_opt_year(v, skip_abbr_dot(v, i), &y)))
		return 0;
	return set_ymd(h, k, y * 10000 + at(v, i)->kv * 100 + 1,
		       DY_PREC_MONTH, DY_HOW_EXPLICIT);
}

/* period -> [pprefix] (relperiod | monthyear | relmonth | year)
 * pprefix -> 'early' | 'late' | 'mid' ['-']
 * A bare year (1800-2199) needs a signal word before or a prefix. */
static int r_period(const struct res *x, const struct view *v,
		    struct hit *h)
{
	struct hit t;
	long y;
	int j = 0, pre = 0, trig, e, best = 0;

	if (is_w(at(v, 0), W_EARLY) || is_w(at(v, 0), W_LATE)) {
		j = 1, pre = 1;
	} else if (is_w(at(v, 0), W_MID)) {
		j = 1, pre = 1;
		if (is_p(at(v, 1), '-') && glued(at(v, 1)) && glued(at(v, 2)))
			j = 2;
	}
	trig = pre || is_trigger(at(v, -1));
	if (x->ref_ok && (e = p_relperiod(x, v, j, pre, &t)) > best)
		best = e, *h = t;
	if ((e = p_monthyear(v, j, &t)) > best)
		best = e, *h = t;
	if (x->ref_ok && (e = p_relmonth(x, v, j, trig, &t)) > best)
		best = e, *h = t;
	if (trig && p_year(v, j, DY_DATES_BARE_MIN, DY_DATES_BARE_MAX, &y) &&
	    (e = set_year(&t, j + 1, y, DY_HOW_YEAR)) > best)
		best = e, *h = t;
	return best;
}

/* Offsets ------------------------------------------------------------ */

/* count -> NUM | NUMW | TENS '-' NUMW     1..DY_DATES_MAX_COUNT */
static int p_count(const struct view *v, int i, long *n)
{
	const struct tok *t = at(v, i), *u = at(v, i + 2);

	if (t->kind == TK_NUM) {
		if (t->val < 1 || t->val > DY_DATES_MAX_COUNT)
			return 0;
		*n = t->val;
		return i + 1;
	}
	if (!is_cls(t, KC_NUMW))
		return 0;
	*n = t->kv;
	if (t->kv >= 20 && t->kv % 10 == 0 && is_p(at(v, i + 1), '-') &&
	    glued(at(v, i + 1)) && glued(u) && is_cls(u, KC_NUMW) &&
	    !(u->kflags & KF_ART) && u->kv <= 9) {
		*n += u->kv;
		return i + 3;
	}
	return i + 1;
}

/* offset -> count UNIT ('ago' | 'from' 'now') */
static int r_offset(const struct res *x, const struct view *v,
		    struct hit *h)
{
	long n;
	int j, unit;

	if (!x->ref_ok || !(j = p_count(v, 0, &n)) ||
	    !is_cls(at(v, j), KC_UNIT))
		return 0;
	unit = at(v, j)->kv;
	j++;
	if (is_w(at(v, j), W_AGO))
		n = -n, j++;
	else if (is_sig(at(v, j), S_FROM) && is_w(at(v, j + 1), W_NOW))
		j += 2;
	else
		return 0;
	return set_period(x, h, j, unit, n, DY_HOW_OFFSET);
}

/* Driver ------------------------------------------------------------- */

typedef int (*rule_fn)(const struct res *x, const struct view *v,
		       struct hit *h);

static const rule_fn rules[] = { r_day, r_period, r_offset };

/* The longest expression that starts at window slot i, if any. */
static int match_at(const struct res *x, const struct win *w, int i,
		    struct hit *h)
{
	struct view v;
	struct hit t;
	size_t r;
	int e, best = 0;

	v.t = &w->t[i];
	v.n = w->n - i < DY_DATES_LOOK ? w->n - i : DY_DATES_LOOK;
	if (v.n <= 0 || v.t[0].kind == TK_END || !left_ok(&v))
		return 0;
	/* every form starts with a number, a keyword or a sign: most words
	 * of a sentence start none, and the rules need not be asked */
	if (v.t[0].kind == TK_WORD && v.t[0].cls == KC_NONE)
		return 0;
	for (r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		e = rules[r](x, &v, &t);
		if (e > best && right_ok(&v, e)) {
			best = e;
			*h = t;
			h->end = e;
		}
	}
	return best;
}

static uint32_t span_len(const struct win *w, int b, const struct hit *h)
{
	return w->t[b + h->end - 1].end - w->t[b].off;
}

/* The candidate at *b covers tokens *b..*b+h->end; one starting inside
 * it that reaches further and has more tokens wins over it ("on March 3
 * weeks ago" is "3 weeks ago").  Length is counted in tokens, not bytes,
 * and a tie keeps the earlier: "6 January 20 people" is "6 January". */
static void prefer_longer(const struct res *x, const struct win *w,
			  int *b, struct hit *h)
{
	struct hit h2;
	int j;

	for (j = *b + 1; j < *b + h->end && j < w->cur + DY_DATES_LOOK;
	     j++) {
		if (match_at(x, w, j, &h2) && j + h2.end > *b + h->end &&
		    h2.end > h->end) {
			*b = j;
			*h = h2;
		}
	}
}

static int mod_of(const struct tok *t)
{
	if (!is_cls(t, KC_SIG))
		return DY_DATE_MOD_NONE;
	switch (t->kv) {
	case S_SINCE:
	case S_FROM:
		return DY_DATE_MOD_SINCE;
	case S_BY:
	case S_UNTIL:
	case S_BEFORE:
		return DY_DATE_MOD_BEFORE;
	case S_AFTER:
		return DY_DATE_MOD_AFTER;
	default:
		return DY_DATE_MOD_NONE;
	}
}

size_t dy_dates_find(const char *text, size_t n, long ref,
		     struct dy_timex *out, size_t max)
{
	struct win w;
	struct res x;
	struct hit h;
	size_t count = 0;
	int b;

	if (!text || !out || max == 0)
		return 0;
	if (n > UINT32_MAX)
		n = UINT32_MAX;
	memset(&x, 0, sizeof(x));
	x.text = text;
	x.ref_ok = dy_ymd_valid(ref);
	if (x.ref_ok) {
		x.ref_days = dy_ymd_to_days(ref);
		x.ref_y = ref / 10000;
		x.ref_m = ref / 100 % 100;
		x.ref_wd = weekday(x.ref_days);
	}
	win_init(&w, text, n);
	while (count < max && w.t[w.cur].kind != TK_END) {
		b = w.cur;
		if (!match_at(&x, &w, b, &h)) {
			win_advance(&w, 1);
			continue;
		}
		prefer_longer(&x, &w, &b, &h);
		out[count].off = w.t[b].off;
		out[count].len = span_len(&w, b, &h);
		out[count].ymd = h.ymd;
		out[count].prec = (uint8_t)h.prec;
		out[count].how = (uint8_t)h.how;
		out[count].mod = (uint8_t)mod_of(&w.t[b - 1]);
		count++;
		win_advance(&w, b - w.cur + h.end);
	}
	return count;
}

const char *dy_date_how_name(int how)
{
	/* ORDER DY_HOW */
	static const char *const names[] = {
		"explicit", "partial", "relative", "offset", "month", "year"
	};

	if (how < 0 || (size_t)how >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[how];
}

const char *dy_date_prec_name(int prec)
{
	/* ORDER DY_PREC */
	static const char *const names[] = { "day", "month", "year", "week" };

	if (prec < 0 || (size_t)prec >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[prec];
}

const char *dy_date_mod_name(int mod)
{
	/* ORDER DY_DATE_MOD */
	static const char *const names[] = { "", "since", "before", "after" };

	if (mod < 0 || (size_t)mod >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[mod];
}
