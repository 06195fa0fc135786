/*
 * text.h: the text stage -- a story's bytes to sentences and tokens.
 *
 * Order of use: dy_text_sanitize() once per story (the sanitized copy is
 * the story text every later span indexes), dy_text_split() once over
 * that copy, then dy_text_tokenize() per sentence.  Everything returned
 * lives in the caller's arena.  The functions are thread-safe: the ICU
 * sentence iterator is cached per thread (see text.c).
 */
#ifndef DY_TEXT_H
#define DY_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "dyad.h"
#include "base/arena.h"
#include "sent.h"

/*
 * Copy s[0..n) into the arena, replacing each invalid UTF-8 sequence by
 * U+FFFD (one per maximal ill-formed subpart, as ICU and WHATWG do, so
 * offsets shift; callers store and index the sanitized copy).  Also
 * normalises CR LF and lone CR to LF.  *nbad counts replacements and
 * *first_bad gets the input offset of the first one (or n).  The copy is
 * NUL-terminated (*outn excludes the NUL).  Returns 0, DY_ENOMEM (arena
 * out of memory) or DY_ELIMIT (n too large to represent).
 */
DY_INTERNAL int dy_text_sanitize(struct dy_arena *a, const char *s, size_t n,
				 char **out, size_t *outn, size_t *nbad,
				 size_t *first_bad);

/*
 * Split text[0..n) (valid UTF-8) into sentences: *out is an arena array
 * of spans (offsets into text, trimmed of surrounding white space, in
 * increasing order, never empty, never overlapping), *nout the count
 * (0 and *out NULL for empty or blank text).  Returns 0, DY_ENOMEM,
 * DY_ELIMIT (n over INT32_MAX, ICU's index type) or DY_EPARSE (ICU
 * failed).  See text.c for the rules.
 */
DY_INTERNAL int dy_text_split(struct dy_arena *a, const char *text,
			      size_t n, struct dy_span **out, size_t *nout);

/*
 * Tokenize text[off..off+len) Treebank-style into an arena array of
 * dy_tok: off/len index `text` exactly, form = dy_text_fold() of those
 * bytes (but `` and '' get the form " and ` the form '), lemma = form,
 * pos = DY_POS_OTHER except for punctuation classes, flags CAP (first
 * character upper case), ALLCAP (an upper-case letter and no lower-case
 * one), SPACE (white space before it in `text`, looking before off for
 * the first token) and NEG (not n't never no nor).  Tokens are never
 * empty; an abbreviation ending the sentence ("... in the U.S.") keeps
 * its period and no "." token follows it.  Returns 0; DY_ELIMIT with
 * the first DY_MAX_SENTENCE_TOKENS tokens in *out and *nout when there
 * are more; DY_ENOMEM (*out NULL, *nout 0); DY_EINVAL when off + len
 * overflows.
 */
DY_INTERNAL int dy_text_tokenize(struct dy_arena *a, const char *text,
				 uint32_t off, uint32_t len,
				 struct dy_tok **out, uint16_t *nout);

/*
 * The matching form of s[0..n): upper case; typographic quotes, primes,
 * dashes and spaces folded to ASCII (' " - and space, "..." for U+2026);
 * soft hyphens and zero-width characters dropped; Latin letters with
 * diacritics folded to ASCII (TOKAYEV, COTE D'IVOIRE, SS for sharp s);
 * other scripts upper-cased as UTF-8 (ICU simple case mapping).  Invalid
 * UTF-8 becomes U+FFFD and NUL a space, so strlen(result) == *outlen.
 * NUL-terminated arena copy, or NULL with the arena's oom set.
 */
DY_INTERNAL char *dy_text_fold(struct dy_arena *a, const char *s, size_t n,
			       size_t *outlen);

#endif
