/*
 * shallow.c: the shallow front-end -- tokens to the sentence form of
 * sent.h without a parser.
 *
 * Input: a sentence tokenized by dy_text_tokenize() (upper-case forms,
 * CAP/ALLCAP/NEG flags, punctuation classes).  Output: a Penn tag and a
 * lemma per token, flat NP chunks, PPs and one clause per verb group, in
 * four passes, each left to right and without recursion:
 *
 *  1. tagging.  Every word gets the set of tags it can have: closed-class
 *     words from the table below; open-class words from the WordNet table
 *     generated into shallow_lex.h by tools/mklex.c (base forms, WordNet's
 *     irregular forms, regular -s/-ed/-ing/-er/-est forms found by
 *     stripping the suffix and looking the stem up); unknown words from
 *     capitalisation ("Tokayev" NNP), digits (CD) and suffixes (-tion NN,
 *     -ous JJ, -ly RB, -ed VBD, -s NNS).  Context then picks one, after
 *     the Brill-style rules in choose(): a determiner, adjective or
 *     possessive before a word makes it a noun ("the attack"), "to" or a
 *     modal a base verb ("to attack", "will send"), have a participle
 *     ("has sent"), a noun subject a finite verb ("the government bans
 *     rallies"), with number agreement and a look at the next word
 *     ("government forces attacked": forces is a noun).  SemCor counts
 *     carried in the table break ties.
 *
 *  2. chunking.  NPs are maximal runs of (PDT)? (DT|PRP$)? (CD|JJ*|NN*|
 *     VBN|VBG)* ending in a noun, number or pronoun.  "X's Y" gives two
 *     chunks, X a DY_NP_POSSESSOR owning Y ("Kazakh President Tokayev's
 *     adherers"); "X, Y and Z" and "X and Y" of like chunks become a
 *     DY_NP_COORD umbrella over conjunct NPs; "X, head of Y," marks the
 *     second chunk DY_NP_APPOS of the first.
 *
 *  3. verb groups: (MD|be|have|do|to|RB)* verb (RP)?, the last verb the
 *     head ("had been sent", "will not send", "step down"); "going to V"
 *     is one group with DY_AUX_WILL.
 *
 *  4. clauses, one per group, in text order: the subject is the nearest
 *     chunk before the group, passing over PPs attached to it,
 *     appositions and relative clauses; objects and PPs follow the group
 *     up to the next clause.  Relations: "said (that) X V" DY_REL_CCOMP,
 *     "decided to V" DY_REL_XCOMP (subject inherited, or the object for
 *     "asked X to V"), "V and V" DY_REL_CONJ with the subject shared,
 *     "protesters who V" DY_REL_RELCL with the antecedent as subject,
 *     "after X V" DY_REL_ADVCL, "troops sent to" DY_REL_PARTMOD.
 *
 * PPs: a preposition followed by a chunk.  "of" attaches to the chunk
 * before it, as does any PP before the clause's verb; others attach to
 * the clause whose verb phrase holds them.  A clause's PPs are contiguous
 * in s->pps (they are sorted by clause at the end).
 *
 * Limits: sentences of DY_MAX_SENTENCE_TOKENS tokens (the tokenizer's
 * cap); the work is linear in the sentence length except the subject
 * search, which is bounded by the number of clauses.
 */
#include <stdint.h>
#include <string.h>

#include "dyad.h"
#include "shallow.h"
#include "base/hash.h"
#include "base/mem.h"
#include "base/str.h"

#include "shallow_lex.h" /* generated: tools/mklex.c */

#define B(t) ((uint64_t)1 << DY_POS_##t)
#define NOUNS (B(NN) | B(NNS) | B(NNP) | B(NNPS))
#define VERBS (B(VB) | B(VBD) | B(VBG) | B(VBN) | B(VBP) | B(VBZ))
#define FINITE (B(VBD) | B(VBP) | B(VBZ))
#define ADJS (B(JJ) | B(JJR) | B(JJS))
#define ADVS (B(RB) | B(RBR) | B(RBS))
#define MAXTOK DY_MAX_SENTENCE_TOKENS

/* Word classes the rules ask about (closed-class table). */
enum {
	W_BE = 1 << 0,     /* a form of "be" */
	W_HAVE = 1 << 1,   /* a form of "have" */
	W_DO = 1 << 2,     /* a form of "do" */
	W_WILL = 1 << 3,   /* will shall 'll */
	W_WOULD = 1 << 4,  /* would should 'd */
	W_MODAL = 1 << 5,  /* can could may might must */
	W_SUB = 1 << 6,    /* subordinator: after because while if ... */
	W_SAY = 1 << 7,    /* verb lemma taking a clause: say report ... */
	W_OCTRL = 1 << 8,  /* verb lemma whose object is the subject of its
			      "to V": ask urge order ... */
	W_PART = 1 << 9,   /* can be a particle: up down off out ... */
	W_PLURAL = 1 << 10, /* plural pronoun or determiner */
	W_TIME = 1 << 11,  /* day or month name */
	W_NONPL = 1 << 12, /* singular subject pronoun: he she it */
};

struct cword {
	const char *w;  /* upper-case form */
	uint64_t mask;  /* tags it can have; 0: only `cls` is given */
	uint8_t tag;    /* the usual one */
	uint16_t cls;   /* W_* */
};

#define CW(w, m, t, c) { w, m, DY_POS_##t, c }

static const struct cword closed[] = {
	/* determiners and quantifiers */
	CW("A", B(DT), DT, 0), CW("AN", B(DT), DT, 0),
	CW("THE", B(DT), DT, 0), CW("THIS", B(DT), DT, 0),
	CW("THAT", B(IN) | B(DT) | B(WDT), IN, 0),
	CW("THESE", B(DT), DT, W_PLURAL), CW("THOSE", B(DT), DT, W_PLURAL),
	CW("EACH", B(DT), DT, 0), CW("EVERY", B(DT), DT, 0),
	CW("ANY", B(DT), DT, 0), CW("SOME", B(DT), DT, 0),
	CW("NO", B(DT), DT, 0), CW("ANOTHER", B(DT), DT, 0),
	CW("EITHER", B(DT) | B(CC), DT, 0),
	CW("NEITHER", B(DT) | B(CC), DT, 0),
	CW("BOTH", B(DT) | B(CC), DT, W_PLURAL),
	CW("ALL", B(DT) | B(PDT), DT, W_PLURAL),
	CW("HALF", B(PDT) | B(NN), NN, 0),
	CW("SUCH", B(JJ) | B(PDT), JJ, 0),
	CW("MANY", B(JJ), JJ, W_PLURAL), CW("MUCH", B(JJ) | B(RB), JJ, 0),
	CW("FEW", B(JJ), JJ, W_PLURAL), CW("SEVERAL", B(JJ), JJ, W_PLURAL),
	CW("OTHER", B(JJ), JJ, 0), CW("OWN", B(JJ), JJ, 0),
	CW("SAME", B(JJ), JJ, 0), CW("NEXT", B(JJ), JJ, 0),
	CW("LAST", B(JJ), JJ, 0), CW("FIRST", B(JJ) | B(RB), JJ, 0),
	CW("MORE", B(JJR) | B(RBR), JJR, 0),
	CW("MOST", B(JJS) | B(RBS), JJS, 0),
	CW("LESS", B(JJR) | B(RBR), JJR, 0),
	CW("LEAST", B(JJS) | B(RBS), JJS, 0),
	CW("FEWER", B(JJR), JJR, 0),
	/* pronouns */
	CW("I", B(PRP), PRP, 0), CW("ME", B(PRP), PRP, 0),
	CW("YOU", B(PRP), PRP, W_PLURAL), CW("HE", B(PRP), PRP, W_NONPL),
	CW("HIM", B(PRP), PRP, 0), CW("SHE", B(PRP), PRP, W_NONPL),
	CW("IT", B(PRP), PRP, W_NONPL), CW("WE", B(PRP), PRP, W_PLURAL),
	CW("US", B(PRP), PRP, 0), CW("THEY", B(PRP), PRP, W_PLURAL),
	CW("THEM", B(PRP), PRP, 0), CW("MYSELF", B(PRP), PRP, 0),
	CW("YOURSELF", B(PRP), PRP, 0), CW("HIMSELF", B(PRP), PRP, 0),
	CW("HERSELF", B(PRP), PRP, 0), CW("ITSELF", B(PRP), PRP, 0),
	CW("OURSELVES", B(PRP), PRP, 0), CW("THEMSELVES", B(PRP), PRP, 0),
	CW("HER", B(PRP) | B(PRPS), PRPS, 0), CW("MY", B(PRPS), PRPS, 0),
	CW("YOUR", B(PRPS), PRPS, 0), CW("HIS", B(PRPS), PRPS, 0),
	CW("ITS", B(PRPS), PRPS, 0), CW("OUR", B(PRPS), PRPS, 0),
	CW("THEIR", B(PRPS), PRPS, 0),
	/* wh-words */
	CW("WHO", B(WP), WP, 0), CW("WHOM", B(WP), WP, 0),
	CW("WHAT", B(WP) | B(WDT), WP, 0), CW("WHOSE", B(WPS), WPS, 0),
	CW("WHICH", B(WDT), WDT, 0), CW("WHATEVER", B(WDT), WDT, 0),
	CW("WHEN", B(WRB), WRB, W_SUB), CW("WHERE", B(WRB), WRB, W_SUB),
	CW("WHY", B(WRB), WRB, 0), CW("HOW", B(WRB), WRB, 0),
	CW("WHENEVER", B(WRB), WRB, W_SUB),
	/* prepositions and subordinators */
	CW("ABOARD", B(IN), IN, 0), CW("ABOUT", B(IN) | B(RB), IN, 0),
	CW("ABOVE", B(IN), IN, 0), CW("ACROSS", B(IN), IN, 0),
	CW("AFTER", B(IN), IN, W_SUB), CW("AGAINST", B(IN), IN, 0),
	CW("ALONG", B(IN), IN, 0), CW("ALONGSIDE", B(IN), IN, 0),
	CW("ALTHOUGH", B(IN), IN, W_SUB), CW("AMID", B(IN), IN, 0),
	CW("AMIDST", B(IN), IN, 0), CW("AMONG", B(IN), IN, 0),
	CW("AMONGST", B(IN), IN, 0), CW("AROUND", B(IN) | B(RB), IN, 0),
	CW("AS", B(IN) | B(RB), IN, W_SUB), CW("AT", B(IN), IN, 0),
	CW("ATOP", B(IN), IN, 0), CW("BECAUSE", B(IN), IN, W_SUB),
	CW("BEFORE", B(IN), IN, W_SUB), CW("BEHIND", B(IN), IN, 0),
	CW("BELOW", B(IN), IN, 0), CW("BENEATH", B(IN), IN, 0),
	CW("BESIDE", B(IN), IN, 0), CW("BESIDES", B(IN), IN, 0),
	CW("BETWEEN", B(IN), IN, 0), CW("BEYOND", B(IN), IN, 0),
	CW("BY", B(IN), IN, 0), CW("DESPITE", B(IN), IN, 0),
	CW("DURING", B(IN), IN, 0), CW("EXCEPT", B(IN), IN, 0),
	CW("FOR", B(IN), IN, 0), CW("FROM", B(IN), IN, 0),
	CW("IF", B(IN), IN, W_SUB), CW("IN", B(IN) | B(RP), IN, 0),
	CW("INSIDE", B(IN), IN, 0), CW("INTO", B(IN), IN, 0),
	CW("LIKE", B(IN) | B(VB) | B(VBP), IN, 0), CW("NEAR", B(IN), IN, 0),
	CW("OF", B(IN), IN, 0), CW("OFF", B(IN) | B(RP), IN, W_PART),
	CW("ON", B(IN) | B(RP), IN, 0), CW("ONCE", B(RB) | B(IN), RB, 0),
	CW("ONTO", B(IN), IN, 0), CW("OUT", B(IN) | B(RP), IN, W_PART),
	CW("OUTSIDE", B(IN), IN, 0), CW("OVER", B(IN) | B(RP), IN, 0),
	CW("PER", B(IN), IN, 0), CW("SINCE", B(IN), IN, W_SUB),
	CW("THAN", B(IN), IN, 0), CW("THOUGH", B(IN), IN, W_SUB),
	CW("THROUGH", B(IN), IN, 0), CW("THROUGHOUT", B(IN), IN, 0),
	CW("TILL", B(IN), IN, W_SUB), CW("TOWARD", B(IN), IN, 0),
	CW("TOWARDS", B(IN), IN, 0), CW("UNDER", B(IN), IN, 0),
	CW("UNLESS", B(IN), IN, W_SUB), CW("UNLIKE", B(IN), IN, 0),
	CW("UNTIL", B(IN), IN, W_SUB), CW("UPON", B(IN), IN, 0),
	CW("VIA", B(IN), IN, 0), CW("WHEREAS", B(IN), IN, W_SUB),
	CW("WHETHER", B(IN), IN, W_SUB), CW("WHILE", B(IN), IN, W_SUB),
	CW("WITH", B(IN), IN, 0), CW("WITHIN", B(IN), IN, 0),
	CW("WITHOUT", B(IN), IN, 0), CW("UP", B(RP) | B(IN), RP, W_PART),
	CW("DOWN", B(RP) | B(IN), RP, W_PART),
	CW("AWAY", B(RB) | B(RP), RB, W_PART),
	CW("BACK", B(RB) | B(RP), RB, W_PART),
	CW("TO", B(TO), TO, 0),
	/* conjunctions */
	CW("AND", B(CC), CC, 0), CW("OR", B(CC), CC, 0),
	CW("BUT", B(CC), CC, 0), CW("NOR", B(CC), CC, 0),
	CW("PLUS", B(CC), CC, 0), CW("YET", B(RB) | B(CC), RB, 0),
	/* modals */
	CW("WILL", B(MD), MD, W_WILL), CW("SHALL", B(MD), MD, W_WILL),
	CW("'LL", B(MD), MD, W_WILL), CW("WO", B(MD), MD, W_WILL),
	CW("WOULD", B(MD), MD, W_WOULD), CW("SHOULD", B(MD), MD, W_WOULD),
	CW("'D", B(MD), MD, W_WOULD), CW("CAN", B(MD), MD, W_MODAL),
	CW("CA", B(MD), MD, W_MODAL), CW("COULD", B(MD), MD, W_MODAL),
	CW("MAY", B(MD), MD, W_MODAL), CW("MIGHT", B(MD), MD, W_MODAL),
	CW("MUST", B(MD), MD, W_MODAL), CW("CANNOT", B(MD), MD, W_MODAL),
	/* be, have, do */
	CW("BE", B(VB), VB, W_BE), CW("AM", B(VBP), VBP, W_BE),
	CW("IS", B(VBZ), VBZ, W_BE), CW("ARE", B(VBP), VBP, W_BE),
	CW("WAS", B(VBD), VBD, W_BE), CW("WERE", B(VBD), VBD, W_BE),
	CW("BEEN", B(VBN), VBN, W_BE), CW("BEING", B(VBG), VBG, W_BE),
	CW("'M", B(VBP), VBP, W_BE), CW("'RE", B(VBP), VBP, W_BE),
	CW("HAVE", B(VBP) | B(VB), VBP, W_HAVE),
	CW("HAS", B(VBZ), VBZ, W_HAVE),
	CW("HAD", B(VBD) | B(VBN), VBD, W_HAVE),
	CW("HAVING", B(VBG), VBG, W_HAVE), CW("'VE", B(VBP), VBP, W_HAVE),
	CW("DO", B(VBP) | B(VB), VBP, W_DO), CW("DOES", B(VBZ), VBZ, W_DO),
	CW("DID", B(VBD), VBD, W_DO),
	/* adverbs the rules look at */
	CW("NOT", B(RB), RB, 0), CW("N'T", B(RB), RB, 0),
	CW("NEVER", B(RB), RB, 0), CW("ALSO", B(RB), RB, 0),
	CW("ALREADY", B(RB), RB, 0), CW("STILL", B(RB), RB, 0),
	CW("JUST", B(RB), RB, 0), CW("ONLY", B(RB) | B(JJ), RB, 0),
	CW("EVEN", B(RB), RB, 0), CW("AGO", B(RB), RB, 0),
	CW("HOWEVER", B(RB), RB, 0), CW("ALMOST", B(RB), RB, 0),
	CW("NOW", B(RB), RB, 0), CW("THEN", B(RB), RB, 0),
	CW("SOON", B(RB), RB, 0), CW("AGAIN", B(RB), RB, 0),
	CW("VERY", B(RB), RB, 0), CW("TOO", B(RB), RB, 0),
	CW("ALWAYS", B(RB), RB, 0), CW("OFTEN", B(RB), RB, 0),
	CW("PERHAPS", B(RB), RB, 0), CW("EVER", B(RB), RB, 0),
	CW("HERE", B(RB), RB, 0), CW("SO", B(RB) | B(IN), RB, 0),
	CW("THERE", B(EX) | B(RB), RB, 0), CW("INSTEAD", B(RB), RB, 0),
	CW("NEARLY", B(RB), RB, 0), CW("ABROAD", B(RB), RB, 0),
	CW("AHEAD", B(RB), RB, 0), CW("TOGETHER", B(RB), RB, 0),
	CW("WELL", B(RB) | B(JJ), RB, 0), CW("LATER", B(RB) | B(JJR), RB, 0),
	CW("EARLIER", B(RBR) | B(JJR), RB, 0), CW("ELSE", B(RB), RB, 0),
	/* numbers */
	CW("ZERO", B(CD), CD, 0), CW("ONE", B(CD) | B(PRP), CD, 0),
	CW("TWO", B(CD), CD, 0), CW("THREE", B(CD), CD, 0),
	CW("FOUR", B(CD), CD, 0), CW("FIVE", B(CD), CD, 0),
	CW("SIX", B(CD), CD, 0), CW("SEVEN", B(CD), CD, 0),
	CW("EIGHT", B(CD), CD, 0), CW("NINE", B(CD), CD, 0),
	CW("TEN", B(CD), CD, 0), CW("ELEVEN", B(CD), CD, 0),
	CW("TWELVE", B(CD), CD, 0), CW("THIRTEEN", B(CD), CD, 0),
	CW("FIFTEEN", B(CD), CD, 0), CW("TWENTY", B(CD), CD, 0),
	CW("THIRTY", B(CD), CD, 0), CW("FORTY", B(CD), CD, 0),
	CW("FIFTY", B(CD), CD, 0), CW("SIXTY", B(CD), CD, 0),
	CW("SEVENTY", B(CD), CD, 0), CW("EIGHTY", B(CD), CD, 0),
	CW("NINETY", B(CD), CD, 0), CW("HUNDRED", B(CD), CD, 0),
	CW("THOUSAND", B(CD), CD, 0), CW("MILLION", B(CD), CD, 0),
	CW("BILLION", B(CD), CD, 0), CW("TRILLION", B(CD), CD, 0),
	CW("DOZEN", B(CD) | B(NN), NN, 0),
	/* others */
	CW("ACCORDING", B(VBG), VBG, 0), CW("INCLUDING", B(VBG), VBG, 0),
	CW("SAID", B(VBD) | B(VBN), VBD, 0), CW("MR.", B(NNP), NNP, 0),
	CW("MRS.", B(NNP), NNP, 0), CW("MS.", B(NNP), NNP, 0),
	CW("DR.", B(NNP), NNP, 0), CW("%", B(NN), NN, 0),
	CW("PERCENT", B(NN), NN, 0), CW("PEOPLE", B(NNS), NNS, W_PLURAL),
	CW("POLICE", B(NNS) | B(NN), NNS, W_PLURAL),
	CW("NEWS", B(NN), NN, 0), CW("SO-CALLED", B(JJ), JJ, 0),
	/* days and months: names when capitalised */
	CW("MONDAY", 0, NNP, W_TIME), CW("TUESDAY", 0, NNP, W_TIME),
	CW("WEDNESDAY", 0, NNP, W_TIME), CW("THURSDAY", 0, NNP, W_TIME),
	CW("FRIDAY", 0, NNP, W_TIME), CW("SATURDAY", 0, NNP, W_TIME),
	CW("SUNDAY", 0, NNP, W_TIME), CW("JANUARY", 0, NNP, W_TIME),
	CW("FEBRUARY", 0, NNP, W_TIME), CW("MARCH", 0, NNP, W_TIME),
	CW("APRIL", 0, NNP, W_TIME), CW("JUNE", 0, NNP, W_TIME),
	CW("JULY", 0, NNP, W_TIME), CW("AUGUST", 0, NNP, W_TIME),
	CW("SEPTEMBER", 0, NNP, W_TIME), CW("OCTOBER", 0, NNP, W_TIME),
	CW("NOVEMBER", 0, NNP, W_TIME), CW("DECEMBER", 0, NNP, W_TIME),
	/* verbs taking a clause ("said (that) X ...") */
	CW("SAY", 0, VB, W_SAY), CW("ANNOUNCE", 0, VB, W_SAY),
	CW("REPORT", 0, VB, W_SAY), CW("CLAIM", 0, VB, W_SAY),
	CW("STATE", 0, VB, W_SAY), CW("ADD", 0, VB, W_SAY),
	CW("WARN", 0, VB, W_SAY | W_OCTRL), CW("TELL", 0, VB,
					      W_SAY | W_OCTRL),
	CW("BELIEVE", 0, VB, W_SAY), CW("THINK", 0, VB, W_SAY),
	CW("DENY", 0, VB, W_SAY), CW("CONFIRM", 0, VB, W_SAY),
	CW("INSIST", 0, VB, W_SAY), CW("ARGUE", 0, VB, W_SAY),
	CW("ACKNOWLEDGE", 0, VB, W_SAY), CW("NOTE", 0, VB, W_SAY),
	CW("FEAR", 0, VB, W_SAY), CW("HOPE", 0, VB, W_SAY),
	CW("KNOW", 0, VB, W_SAY), CW("SHOW", 0, VB, W_SAY),
	CW("INDICATE", 0, VB, W_SAY), CW("SUGGEST", 0, VB, W_SAY),
	CW("ALLEGE", 0, VB, W_SAY), CW("PREDICT", 0, VB, W_SAY),
	CW("DECLARE", 0, VB, W_SAY), CW("ADMIT", 0, VB, W_SAY),
	CW("ASSERT", 0, VB, W_SAY), CW("EXPLAIN", 0, VB, W_SAY),
	CW("REVEAL", 0, VB, W_SAY), CW("WRITE", 0, VB, W_SAY),
	CW("STRESS", 0, VB, W_SAY), CW("REITERATE", 0, VB, W_SAY),
	CW("EMPHASIZE", 0, VB, W_SAY), CW("EMPHASISE", 0, VB, W_SAY),
	CW("ESTIMATE", 0, VB, W_SAY), CW("AGREE", 0, VB, W_SAY),
	CW("DECIDE", 0, VB, W_SAY), CW("SEE", 0, VB, W_SAY),
	CW("FIND", 0, VB, W_SAY),
	CW("EXPECT", 0, VB, W_SAY | W_OCTRL), CW("FEEL", 0, VB, W_SAY),
	CW("CHARGE", 0, VB, W_SAY),
	CW("COMPLAIN", 0, VB, W_SAY), CW("PROMISE", 0, VB, W_SAY),
	CW("PLEDGE", 0, VB, W_SAY), CW("VOW", 0, VB, W_SAY),
	CW("SIGNAL", 0, VB, W_SAY), CW("MAINTAIN", 0, VB, W_SAY),
	/* object control: "asked X to V" */
	CW("ASK", 0, VB, W_OCTRL), CW("URGE", 0, VB, W_OCTRL),
	CW("ORDER", 0, VB, W_OCTRL), CW("FORCE", 0, VB, W_OCTRL),
	CW("ALLOW", 0, VB, W_OCTRL), CW("INVITE", 0, VB, W_OCTRL),
	CW("PERSUADE", 0, VB, W_OCTRL), CW("REQUEST", 0, VB, W_OCTRL),
	CW("ENCOURAGE", 0, VB, W_OCTRL), CW("PERMIT", 0, VB, W_OCTRL),
	CW("AUTHORIZE", 0, VB, W_OCTRL), CW("AUTHORISE", 0, VB, W_OCTRL),
	CW("INSTRUCT", 0, VB, W_OCTRL), CW("DIRECT", 0, VB, W_OCTRL),
	CW("COMPEL", 0, VB, W_OCTRL), CW("PRESSURE", 0, VB, W_OCTRL),
	CW("PRESS", 0, VB, W_OCTRL), CW("ADVISE", 0, VB, W_OCTRL),
	CW("WANT", 0, VB, W_OCTRL), CW("CALL", 0, VB, W_OCTRL),
	CW("HELP", 0, VB, W_OCTRL), CW("ENABLE", 0, VB, W_OCTRL),
	CW("REQUIRE", 0, VB, W_OCTRL), CW("OBLIGE", 0, VB, W_OCTRL),
};

struct dy_shallow {
	struct dy_hash closed; /* form -> const struct cword * */
};

/* ------------------------------------------------------------------ */
/* Lexicon                                                             */
/* ------------------------------------------------------------------ */

struct lex {
	const char *word;  /* the table's copy (NUL-terminated) */
	const char *lemma; /* irregular form's lemma, or NULL */
	unsigned fl;       /* LX_* */
	uint8_t cnt[4];    /* noun verb adj adv: 0 or 1 + log2(count) */
};

static int lex_get(const char *w, size_t n, struct lex *out)
{
	uint32_t h;

	if (n == 0 || n >= 64)
		return 0;
	h = lx_hash(w, n) & (LX_NSLOTS - 1);
	while (lx_slots[h]) {
		const char *r = lx_blob + lx_slots[h] - 1;

		if (!memcmp(r + 4, w, n) && r[4 + n] == '\0') {
			const unsigned char *u = (const unsigned char *)r;

			out->word = r + 4;
			out->lemma = r[4 + n + 1] ? r + 4 + n + 1 : NULL;
			out->fl = u[0] | (unsigned)u[1] << 8;
			out->cnt[0] = u[2] >> 4;
			out->cnt[1] = u[2] & 15;
			out->cnt[2] = u[3] >> 4;
			out->cnt[3] = u[3] & 15;
			return 1;
		}
		h = (h + 1) & (LX_NSLOTS - 1);
	}
	return 0;
}

static const struct cword *closed_get(const struct dy_shallow *sh,
				      const char *w, size_t n)
{
	return dy_hash_get(&sh->closed, w, n);
}

int dy_shallow_open(struct dy_shallow **out, const char **err)
{
	struct dy_shallow *sh;
	size_t i;

	*out = NULL;
	sh = dy_calloc(1, sizeof *sh);
	if (!sh) {
		*err = "out of memory loading the shallow lexicon";
		return DY_ENOMEM;
	}
	dy_hash_init(&sh->closed);
	for (i = 0; i < sizeof closed / sizeof closed[0]; i++) {
		const struct cword *c = &closed[i];
		void **slot = dy_hash_slot(&sh->closed, c->w, strlen(c->w));

		if (!slot) {
			dy_shallow_close(sh);
			*err = "out of memory loading the shallow lexicon";
			return DY_ENOMEM;
		}
		*slot = (void *)(uintptr_t)c; /* words are listed once */
	}
	*out = sh;
	return 0;
}

void dy_shallow_close(struct dy_shallow *sh)
{
	if (!sh)
		return;
	dy_hash_release(&sh->closed);
	dy_free(sh, sizeof *sh);
}

/* Classes of a verb lemma (W_SAY, W_OCTRL), 0 when none. */
static unsigned lemma_cls(const struct dy_shallow *sh, const char *lemma)
{
	const struct cword *c = closed_get(sh, lemma, strlen(lemma));

	return c && !c->mask ? c->cls : 0;
}

/* ------------------------------------------------------------------ */
/* Word analysis: the tags a word can have                             */
/* ------------------------------------------------------------------ */

struct cand {
	uint64_t mask;      /* possible tags */
	const char *vlem;   /* verb lemma, NULL when the form is one */
	const char *nlem;   /* noun lemma of a plural */
	uint16_t cls;       /* W_* */
	uint8_t cn, cv;     /* noun / verb counts (log scale) */
	uint8_t cj;         /* adjective count */
	uint8_t tag;        /* the tag chosen */
	uint8_t dflt;       /* the tag without context */
	uint8_t proper;     /* a name in WordNet */
	uint8_t known;      /* in a table */
};

static int ends(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n > k && !memcmp(w + n - k, suf, k);
}

/* Look stem w[0..n) + add up in the table; *out gets the entry. */
static int stem_get(const char *w, size_t n, const char *add,
		    struct lex *out)
{
	char buf[72];
	size_t k = strlen(add);

	if (n == 0 || n + k >= sizeof buf)
		return 0;
	memcpy(buf, w, n);
	memcpy(buf + n, add, k + 1);
	return lex_get(buf, n + k, out);
}

/* Try the regular inflections of w: -s, -ed, -ing, -er, -est.  Adds
 * tags to c. */
static void inflections(const char *w, size_t n, struct cand *c)
{
	struct lex L;

	if (ends(w, n, "S") && !ends(w, n, "SS") && n > 3) {
		int got = 0;

		if (ends(w, n, "IES") && stem_get(w, n - 3, "Y", &L))
			got = 1;
		else if (ends(w, n, "ES") && stem_get(w, n - 2, "", &L) &&
			 (L.fl & (LX_N | LX_V)))
			got = 1;
		else if (stem_get(w, n - 1, "", &L))
			got = 1;
		if (got && (L.fl & LX_N)) {
			c->mask |= (L.fl & LX_PROPER) ? B(NNPS) : B(NNS);
			c->nlem = L.word;
			if (L.cnt[0] > c->cn)
				c->cn = L.cnt[0];
		}
		if (got && (L.fl & LX_V)) {
			c->mask |= B(VBZ);
			c->vlem = L.word;
			if (L.cnt[1] > c->cv)
				c->cv = L.cnt[1];
		}
	}
	if (ends(w, n, "ED") && n >= 4) {
		int got = 0;

		if (ends(w, n, "IED") && stem_get(w, n - 3, "Y", &L) &&
		    (L.fl & LX_V))
			got = 1;
		else if (stem_get(w, n - 1, "", &L) && (L.fl & LX_V))
			got = 1;  /* hoped -> hope */
		else if (stem_get(w, n - 2, "", &L) && (L.fl & LX_V))
			got = 1;  /* attacked -> attack */
		else if (n > 5 && w[n - 3] == w[n - 4] &&
			 stem_get(w, n - 3, "", &L) && (L.fl & LX_V))
			got = 1;  /* banned -> ban */
		if (got) {
			c->mask |= B(VBD) | B(VBN);
			c->vlem = L.word;
			if (L.cnt[1] > c->cv)
				c->cv = L.cnt[1];
		}
	}
	if (ends(w, n, "ING") && n >= 5) {
		int got = 0;

		if (stem_get(w, n - 3, "", &L) && (L.fl & LX_V))
			got = 1;
		else if (stem_get(w, n - 3, "E", &L) && (L.fl & LX_V))
			got = 1;
		else if (n > 6 && w[n - 4] == w[n - 5] &&
			 stem_get(w, n - 4, "", &L) && (L.fl & LX_V))
			got = 1;
		if (got) {
			c->mask |= B(VBG);
			c->vlem = L.word;
			if (L.cnt[1] > c->cv)
				c->cv = L.cnt[1];
		}
	}
	if (ends(w, n, "ER") && n > 4 && !(c->mask & NOUNS)) {
		if ((stem_get(w, n - 2, "", &L) && (L.fl & LX_J)) ||
		    (stem_get(w, n - 1, "", &L) && (L.fl & LX_J)) ||
		    (ends(w, n, "IER") && stem_get(w, n - 3, "Y", &L) &&
		     (L.fl & LX_J)) ||
		    (w[n - 3] == w[n - 4] && stem_get(w, n - 3, "", &L) &&
		     (L.fl & LX_J)))
			c->mask |= B(JJR);
	}
	if (ends(w, n, "EST") && n > 5) {
		if ((stem_get(w, n - 3, "", &L) && (L.fl & LX_J)) ||
		    (stem_get(w, n - 2, "", &L) && (L.fl & LX_J)) ||
		    (ends(w, n, "IEST") && stem_get(w, n - 4, "Y", &L) &&
		     (L.fl & LX_J)) ||
		    (w[n - 4] == w[n - 5] && stem_get(w, n - 4, "", &L) &&
		     (L.fl & LX_J)))
			c->mask |= B(JJS);
	}
}

/* Suffix guesses for a word no table knows. */
static void guess(const char *w, size_t n, struct cand *c)
{
	static const char *const nsuf[] = {
		"TION", "SION", "MENT", "NESS", "ITY", "ISM", "SHIP",
		"ANCE", "ENCE", "HOOD", "IST", "EER", "URE", "AGE",
	};
	static const char *const jsuf[] = {
		"OUS", "FUL", "IVE", "ABLE", "IBLE", "AL", "IC", "ISH",
		"LESS", "ARY", "IAN", "ESE", "ERN",
	};
	size_t i;

	if (ends(w, n, "LY")) {
		c->mask = B(RB);
		return;
	}
	if (ends(w, n, "ING")) {
		c->mask = B(VBG) | B(NN);
		return;
	}
	if (ends(w, n, "ED")) {
		c->mask = B(VBD) | B(VBN) | B(JJ);
		return;
	}
	for (i = 0; i < sizeof nsuf / sizeof nsuf[0]; i++)
		if (ends(w, n, nsuf[i])) {
			c->mask = B(NN);
			return;
		}
	if (ends(w, n, "S") && !ends(w, n, "SS") && !ends(w, n, "US") &&
	    !ends(w, n, "IS")) {
		c->mask = B(NNS) | B(VBZ);
		return;
	}
	for (i = 0; i < sizeof jsuf / sizeof jsuf[0]; i++)
		if (ends(w, n, jsuf[i])) {
			c->mask = B(JJ);
			return;
		}
	if (ends(w, n, "IZE") || ends(w, n, "ISE") || ends(w, n, "ATE") ||
	    ends(w, n, "IFY")) {
		c->mask = B(VB) | B(VBP) | B(NN);
		return;
	}
	c->mask = B(NN);
}

/* Default among the candidates, from counts and a fixed preference. */
static int default_tag(const struct cand *c)
{
	static const uint8_t pref[] = {
		DY_POS_NNP, DY_POS_NNPS, DY_POS_CD, DY_POS_NNS, DY_POS_NN,
		DY_POS_VBD, DY_POS_VBN, DY_POS_VBZ, DY_POS_JJ, DY_POS_VBG,
		DY_POS_JJR, DY_POS_JJS, DY_POS_RB, DY_POS_VB, DY_POS_VBP,
		DY_POS_IN, DY_POS_RP, DY_POS_RBR, DY_POS_RBS, DY_POS_DT,
		DY_POS_PRP, DY_POS_PRPS, DY_POS_MD, DY_POS_CC,
	};
	uint64_t m = c->mask;
	size_t i;

	if ((m & B(JJ)) && (m & NOUNS) && c->cj > c->cn + 1)
		return DY_POS_JJ;
	if ((m & B(JJ)) && !(m & NOUNS) && (m & (B(VBD) | B(VBN))) &&
	    c->cj >= c->cv)
		return DY_POS_JJ;
	if ((m & (B(VB) | B(VBP))) && (m & B(NN)) && c->cv > c->cn + 2)
		return DY_POS_VB;
	if ((m & B(RB)) && (m & (NOUNS | ADJS)) && !c->cn && !c->cj)
		return DY_POS_RB;
	for (i = 0; i < sizeof pref; i++)
		if (m & ((uint64_t)1 << pref[i]))
			return pref[i];
	for (i = 1; i < DY_POS__COUNT; i++)
		if (m & ((uint64_t)1 << i))
			return (int)i;
	return DY_POS_NN;
}

static int has_digit(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (dy_isdigit((unsigned char)w[i]))
			return 1;
	return 0;
}

/* The candidates of one word form, without context. */
static void analyse(const struct dy_shallow *sh, const char *w, size_t n,
		    struct cand *c)
{
	const struct cword *cw = closed_get(sh, w, n);
	struct lex L;
	const char *dash;

	memset(c, 0, sizeof *c);
	if (cw) {
		c->cls = cw->cls;
		c->known = 1;
		if (cw->mask) {
			c->mask = cw->mask;
			c->dflt = cw->tag;
			if (cw->cls & (W_BE | W_HAVE | W_DO))
				c->vlem = (cw->cls & W_BE) ? "BE" :
					  (cw->cls & W_HAVE) ? "HAVE" : "DO";
			if (!strcmp(w, "SAID"))
				c->vlem = "SAY";
			c->cls |= W_SAY & lemma_cls(sh, c->vlem ? c->vlem
							       : w);
			return;
		}
	}
	if (dy_isdigit((unsigned char)w[0]) && memchr(w, '-', n) &&
	    dy_isalpha((unsigned char)w[n - 1])) {
		c->mask = B(JJ);   /* "12-year" */
		c->dflt = DY_POS_JJ;
		c->known = 1;
		return;
	}
	if (n > 1 && w[n - 1] == '-') {
		c->mask = B(JJ);   /* "anti-" */
		c->dflt = DY_POS_JJ;
		return;
	}
	if (dy_isdigit((unsigned char)w[0]) ||
	    ((w[0] == '-' || w[0] == '+' || w[0] == '.') && n > 1 &&
	     dy_isdigit((unsigned char)w[1]))) {
		c->mask = B(CD);
		c->dflt = DY_POS_CD;
		c->known = 1;
		return;
	}
	if (!dy_isalpha((unsigned char)w[0]) && !has_digit(w, n) &&
	    !(n > 1 && dy_isalpha((unsigned char)w[1]))) {
		/* symbols: "$", "&", "#" (Penn's "$" and "#" are not in
		 * enum dy_pos) */
		c->mask = B(OTHER);
		c->dflt = DY_POS_OTHER;
		return;
	}
	if (lex_get(w, n, &L)) {
		c->known = 1;
		if (L.fl & LX_N)
			c->mask |= (L.fl & LX_PROPER) ? B(NNP) : B(NN);
		if (L.fl & LX_V)
			c->mask |= B(VB) | B(VBP);
		if (L.fl & LX_J)
			c->mask |= B(JJ);
		if (L.fl & LX_R)
			c->mask |= B(RB);
		if (L.fl & LX_NNS) {
			c->mask |= B(NNS);
			c->nlem = L.lemma;
		}
		if (L.fl & (LX_VBD | LX_VBN | LX_VBG | LX_VBZ)) {
			c->mask |= (L.fl & LX_VBD ? B(VBD) : 0) |
				   (L.fl & LX_VBN ? B(VBN) : 0) |
				   (L.fl & LX_VBG ? B(VBG) : 0) |
				   (L.fl & LX_VBZ ? B(VBZ) : 0);
			c->vlem = L.lemma;
		}
		if (L.fl & LX_JJR)
			c->mask |= B(JJR);
		if (L.fl & LX_JJS)
			c->mask |= B(JJS);
		c->proper = !!(L.fl & LX_PROPER);
		c->cn = L.cnt[0];
		c->cv = L.cnt[1];
		c->cj = L.cnt[2];
		if (L.lemma && (L.fl & (LX_VBD | LX_VBN | LX_VBG | LX_VBZ))) {
			struct lex M;

			if (lex_get(L.lemma, strlen(L.lemma), &M) &&
			    M.cnt[1] > c->cv)
				c->cv = M.cnt[1];
		}
	}
	inflections(w, n, c);
	if (c->mask)
		c->known = 1;
	/* "-ed" words WordNet lists as nouns are rarely nouns in news */
	if ((c->mask & B(VBD)) && ends(w, n, "ED") && !c->cn)
		c->mask &= ~(B(NN) | B(VB) | B(VBP));
	if (!c->mask) {
		dash = memchr(w, '-', n);
		if (dash && dash + 1 < w + n && (dash - w == 2 ||
		    dash - w == 3) && (!memcmp(w, "RE-", 3) ||
		    !memcmp(w, "CO-", 3) || !memcmp(w, "PRE-", 4))) {
			/* "re-open", "co-sponsor": the word after the
			 * prefix, verbs included */
			struct cand d;

			analyse(sh, dash + 1, n - (size_t)(dash + 1 - w), &d);
			c->mask = d.mask;
			c->known = d.known;
			c->cn = d.cn;
			c->cv = d.cv;
			c->cj = d.cj;
		} else if (dash && dash > w && dash + 1 < w + n) {
			/* "high-speed", "year-earlier": the last part */
			struct cand d;

			analyse(sh, dash + 1, n - (size_t)(dash + 1 - w), &d);
			c->mask = (d.mask & (NOUNS | ADJS)) ? B(JJ) | B(NN)
							     : B(JJ);
			if (d.mask & B(NNS))
				c->mask |= B(NNS);
			if (d.mask & (B(VBN) | B(VBG)))
				c->mask = B(JJ);
			c->known = d.known;
		} else {
			guess(w, n, c);
		}
	}
	c->cls = (uint16_t)(c->cls | (c->vlem ? lemma_cls(sh, c->vlem)
				      : (c->mask & B(VB)) ? lemma_cls(sh, w)
							  : 0));
	if (cw)
		c->cls |= cw->cls;
	c->dflt = (uint8_t)default_tag(c);
}

enum dy_pos dy_shallow_word_tag(const struct dy_shallow *sh, const char *w,
				size_t n)
{
	struct cand c;

	if (n == 0 || n > DY_MAX_TOKEN_LEN)
		return DY_POS_OTHER;
	analyse(sh, w, n, &c);
	return (enum dy_pos)c.dflt;
}

/* ------------------------------------------------------------------ */
/* Parse state                                                         */
/* ------------------------------------------------------------------ */

struct group {
	uint16_t first;   /* first token (aux, "to", adverb) */
	uint16_t verb;    /* head verb */
	uint16_t last;    /* one past the group (particle included) */
	int16_t particle; /* particle token, -1 */
	uint8_t aux;      /* DY_AUX_* */
	uint8_t passive;
	uint8_t neg;
	uint8_t finite;   /* has a tensed verb or a modal */
};

struct tpp {
	uint16_t prep;
	int16_t np;
	int16_t clause;
	int16_t np_head;
};

struct P {
	const struct dy_shallow *sh;
	struct dy_arena *a;
	struct dy_sent *s;
	int n;
	int caps_off;                /* capitals carry no information */
	struct cand c[MAXTOK];
	int16_t np_at[MAXTOK];       /* top-level chunk at a token, -1 */
	int16_t grp_at[MAXTOK];      /* group of a token, -1 */
	int16_t cl_of_grp[MAXTOK];   /* clause of a group */
	struct group g[MAXTOK];
	int ng;
	struct tpp pp[MAXTOK];
	int npp;
	int16_t pp_at[MAXTOK];       /* PP whose preposition is here, -1 */
};

static int tag(const struct P *p, int i)
{
	return i >= 0 && i < p->n ? p->c[i].tag : DY_POS_OTHER;
}

static int is_form(const struct P *p, int i, const char *w)
{
	return i >= 0 && i < p->n && !strcmp(p->s->toks[i].form, w);
}

static int cls(const struct P *p, int i)
{
	return i >= 0 && i < p->n ? p->c[i].cls : 0;
}

static int in(uint64_t m, int t)
{
	return (m >> t) & 1;
}

static int is_noun_tag(int t)
{
	return dy_pos_is_noun(t);
}

/* ------------------------------------------------------------------ */
/* Tagging                                                             */
/* ------------------------------------------------------------------ */

static int sentence_start(const struct P *p, int i)
{
	int k;

	for (k = i - 1; k >= 0; k--) {
		int t = p->s->toks[k].pos;

		if (t != DY_POS_QUOTE && t != DY_POS_LRB &&
		    t != DY_POS_COLON)
			return 0;
	}
	return 1;
}

static void initial(struct P *p)
{
	int i, caps = 0, words = 0;

	for (i = 0; i < p->n; i++) {
		const struct dy_tok *t = &p->s->toks[i];

		if (dy_isalpha((unsigned char)t->form[0])) {
			words++;
			caps += (t->flags & DY_TOK_ALLCAP) && t->flen > 1;
		}
	}
	/* an all-capitals headline: read it as lower case */
	p->caps_off = words >= 3 && caps * 10 >= words * 7;
	for (i = 0; i < p->n; i++) {
		struct dy_tok *t = &p->s->toks[i];
		struct cand *c = &p->c[i];

		if (t->pos != DY_POS_OTHER && t->pos != DY_POS_POS) {
			memset(c, 0, sizeof *c);
			c->mask = (uint64_t)1 << t->pos;
			c->tag = c->dflt = t->pos;
			c->known = 1;
			continue;
		}
		if (t->pos == DY_POS_POS) {
			memset(c, 0, sizeof *c);
			c->mask = B(POS) | B(VBZ);
			c->tag = c->dflt = DY_POS_POS;
			c->vlem = "BE";
			c->known = 1;
			continue;
		}
		analyse(p->sh, t->form, t->flen, c);
		if (p->caps_off || !(t->flags & DY_TOK_CAP) ||
		    !dy_isalpha((unsigned char)t->form[0])) {
			c->tag = c->dflt;
			continue;
		}
		/* capitalised words */
		if (sentence_start(p, i) && c->known && !c->proper &&
		    !(c->cls & W_TIME) && c->mask != B(NNP)) {
			c->tag = c->dflt;
			continue;
		}
		if (!strcmp(t->form, "I")) {
			c->tag = DY_POS_PRP;
			continue;
		}
		if ((t->flags & DY_TOK_ALLCAP) && t->flen > 1 &&
		    !(c->mask & B(CD))) {
			c->mask = B(NNP);
			c->tag = DY_POS_NNP;
			continue;
		}
		if (c->mask & (B(DT) | B(PRP) | B(PRPS) | B(IN) | B(CC) |
			       B(TO) | B(WP) | B(WDT) | B(WRB)) &&
		    !(c->cls & W_MODAL)) {
			c->tag = c->dflt;
			continue;
		}
		/* a nationality before a noun: "Kazakh President" JJ */
		if ((c->mask & B(JJ)) && c->proper) {
			c->mask = B(JJ) | B(NNP) | B(NNPS);
			c->tag = DY_POS_NNP;
			continue;
		}
		if (c->mask & (B(NNS) | B(NNPS)) && !(c->mask & B(NN)) &&
		    t->form[t->flen - 1] == 'S') {
			c->mask = B(NNPS) | B(NNP);
			c->tag = DY_POS_NNPS;
			continue;
		}
		c->mask = B(NNP) | (c->mask & B(JJ));
		c->tag = DY_POS_NNP;
	}
}

static int prev_skip_rb(const struct P *p, int i)
{
	int k = i - 1;

	while (k >= 0 && (tag(p, k) == DY_POS_RB || tag(p, k) == DY_POS_RBR)
	       && !(cls(p, k) & W_PART))
		k--;
	return k;
}

/* Does token i start a noun phrase, by its candidates? */
static int np_start_like(const struct P *p, int i)
{
	uint64_t m;
	int t;

	if (i >= p->n)
		return 0;
	m = p->c[i].mask;
	t = p->c[i].tag;
	if (t == DY_POS_DT || t == DY_POS_PRPS || t == DY_POS_CD ||
	    t == DY_POS_NNP || t == DY_POS_NNPS || t == DY_POS_PDT)
		return 1;
	if (t == DY_POS_PRP && !(p->c[i].cls & W_NONPL) &&
	    !is_form(p, i, "WE") && !is_form(p, i, "THEY") &&
	    !is_form(p, i, "I"))
		return 1;
	return !(m & VERBS) && (m & (NOUNS | ADJS)) &&
	       !(p->c[i].cls & W_PART);
}

/* Is token i surely a verb (no noun or adjective reading)? */
static int verb_like(const struct P *p, int i)
{
	uint64_t m;

	if (i >= p->n)
		return 0;
	m = p->c[i].mask;
	if (p->c[i].tag == DY_POS_MD)
		return 1;
	return (m & FINITE) && !(m & NOUNS) && p->c[i].tag != DY_POS_POS &&
	       !(p->c[i].tag == DY_POS_JJ && !(m & B(VBD)));
}

/* The subject before token i looks plural (for agreement). */
static int plural_subject(const struct P *p, int k)
{
	int j;

	if (k < 0)
		return 0;
	if (tag(p, k) == DY_POS_NNS || tag(p, k) == DY_POS_NNPS)
		return 1;
	if (tag(p, k) == DY_POS_PRP)
		return (cls(p, k) & W_PLURAL) || is_form(p, k, "I");
	/* "Belarus and Russia" */
	for (j = k - 1; j >= 0 && j >= k - 6; j--) {
		if (tag(p, j) == DY_POS_CC && is_form(p, j, "AND"))
			return 1;
		if (!is_noun_tag(tag(p, j)) && tag(p, j) != DY_POS_COMMA)
			break;
	}
	return 0;
}

/* The finite verb chosen since the last clause boundary before i, or
 * -1. */
static int finite_at(const struct P *p, int i)
{
	int k;

	for (k = i - 1; k >= 0; k--) {
		int t = tag(p, k);

		if (t == DY_POS_COMMA || t == DY_POS_CC || t == DY_POS_WDT ||
		    t == DY_POS_WP || t == DY_POS_COLON ||
		    (cls(p, k) & W_SUB) || is_form(p, k, "THAT"))
			return -1;
		if (t == DY_POS_MD || t == DY_POS_VBD || t == DY_POS_VBZ ||
		    t == DY_POS_VBP)
			return k;
	}
	return -1;
}

/* Was there one? */
static int finite_before(const struct P *p, int i)
{
	return finite_at(p, i) >= 0;
}

/* Is there a preposition between tokens a and b? */
static int prep_between(const struct P *p, int a, int b)
{
	int k;

	for (k = a + 1; k < b; k++)
		if (tag(p, k) == DY_POS_IN)
			return 1;
	return 0;
}

/* Pick a tag for token i from its candidates, the tags already chosen
 * before it and the candidates after it. */
static int choose(struct P *p, int i)
{
	struct cand *c = &p->c[i];
	uint64_t m = c->mask;
	int k = prev_skip_rb(p, i), pt = tag(p, i - 1), kt = tag(p, k);
	int kc = cls(p, k);

	if (!(m & (m - 1)) || c->tag == DY_POS_POS)
		return c->tag;
	/* capitalised in mid-sentence: a name, or a nationality before a
	 * noun ("Kazakh President") */
	if ((p->s->toks[i].flags & DY_TOK_CAP) && !p->caps_off &&
	    (c->tag == DY_POS_NNP || c->tag == DY_POS_NNPS)) {
		int nx = i + 1;

		/* "Russian and Belarusian troops" */
		if (nx + 1 < p->n && tag(p, nx) == DY_POS_CC &&
		    in(p->c[nx + 1].mask, DY_POS_JJ))
			nx += 1;
		if (in(m, DY_POS_JJ) && nx < p->n &&
		    (c->proper || !(p->s->toks[nx].flags & DY_TOK_CAP)) &&
		    (p->c[nx].mask & (NOUNS | B(JJ))) && !verb_like(p, nx))
			return DY_POS_JJ;
		return c->tag;
	}
	/* "that" */
	if (is_form(p, i, "THAT")) {
		if (dy_pos_is_verb(pt) || pt == DY_POS_COMMA)
			return DY_POS_IN;
		if (is_noun_tag(pt) && (verb_like(p, i + 1) ||
					tag(p, i + 1) == DY_POS_RB))
			return DY_POS_WDT;
		if (np_start_like(p, i + 1) && !(p->c[i + 1].mask &
						 (B(PRP) | B(DT))))
			return DY_POS_DT;
		if (i + 1 >= p->n || tag(p, i + 1) == DY_POS_PERIOD ||
		    verb_like(p, i + 1))
			return DY_POS_DT;
		return DY_POS_IN;
	}
	if (is_form(p, i, "HER"))
		return np_start_like(p, i + 1) && !(p->c[i + 1].mask & B(IN))
		       ? DY_POS_PRPS : DY_POS_PRP;
	if (is_form(p, i, "THERE"))
		return (cls(p, i + 1) & (W_BE | W_MODAL | W_WILL | W_WOULD |
					 W_HAVE)) ||
		       is_form(p, i + 1, "SEEMS") ? DY_POS_EX : DY_POS_RB;
	if (m & B(PDT))
		return (tag(p, i + 1) == DY_POS_DT ||
			tag(p, i + 1) == DY_POS_PRPS) ? DY_POS_PDT
		       : in(m, DY_POS_DT) ? DY_POS_DT : DY_POS_NN;
	if (is_form(p, i, "BOTH") || is_form(p, i, "EITHER") ||
	    is_form(p, i, "NEITHER")) {
		int j;

		for (j = i + 2; j < p->n && j < i + 8; j++)
			if (is_form(p, j, "AND") || is_form(p, j, "OR") ||
			    is_form(p, j, "NOR"))
				return DY_POS_CC;
		return DY_POS_DT;
	}
	if (is_form(p, i, "ABOUT") && tag(p, i + 1) == DY_POS_CD)
		return DY_POS_RB;
	if (m & (B(JJR) | B(RBR)) && !(m & NOUNS))
		return (p->c[i + 1 < p->n ? i + 1 : i].mask & (ADJS | ADVS))
		       && !(p->c[i + 1 < p->n ? i + 1 : i].mask & NOUNS)
		       ? (in(m, DY_POS_RBR) ? DY_POS_RBR : DY_POS_JJR)
		       : in(m, DY_POS_JJR) ? DY_POS_JJR : DY_POS_RBR;
	if (m & (B(JJS) | B(RBS)) && !(m & NOUNS) && in(m, DY_POS_RBS))
		return (p->c[i + 1 < p->n ? i + 1 : i].mask & ADJS) &&
		       !(p->c[i + 1 < p->n ? i + 1 : i].mask & NOUNS)
		       ? DY_POS_RBS : DY_POS_JJS;
	/* particles: "step down", "cut off" */
	if ((m & B(RP)) && dy_pos_is_verb(pt) && !(cls(p, i - 1) & W_BE)) {
		if (c->cls & W_PART)
			return is_form(p, i + 1, "OF") ? DY_POS_IN
							: DY_POS_RP;
		if (i + 1 >= p->n || tag(p, i + 1) == DY_POS_PERIOD ||
		    tag(p, i + 1) == DY_POS_COMMA)
			return DY_POS_RP;
	}
	if (m & (B(IN) | B(RP)) && in(m, DY_POS_IN))
		return DY_POS_IN;
	if ((m & B(RP)) && (m & B(RB)))
		return dy_pos_is_verb(pt) ? DY_POS_RP : DY_POS_RB;
	/* modals as nouns: "the will of" */
	if (c->tag == DY_POS_MD || in(m, DY_POS_MD))
		return (pt == DY_POS_DT || pt == DY_POS_JJ) ? DY_POS_NN
							    : DY_POS_MD;
	if (in(m, DY_POS_CD) && (m & NOUNS))
		return DY_POS_CD;
	/* after "to": a base verb if it can be one */
	if (kt == DY_POS_TO) {
		/* "alternatives to oil," */
		if (in(m, DY_POS_VB) && !((m & NOUNS) && c->cn > c->cv + 1 &&
					  !np_start_like(p, i + 1)))
			return DY_POS_VB;
		if (m & NOUNS)
			return c->dflt == DY_POS_NNS ||
			       (in(m, DY_POS_NNS) && !in(m, DY_POS_NN))
			       ? DY_POS_NNS
			       : is_noun_tag(c->dflt) ? c->dflt : DY_POS_NN;
	}
	/* after a modal or do-support: a base verb */
	if ((kt == DY_POS_MD || (kc & W_DO)) && in(m, DY_POS_VB))
		return DY_POS_VB;
	/* after have: a participle */
	if ((kc & W_HAVE) && in(m, DY_POS_VBN) && kt != DY_POS_NN)
		return DY_POS_VBN;
	/* after be: participle, -ing, adjective */
	if (kc & W_BE) {
		if (in(m, DY_POS_VBN))
			return DY_POS_VBN;
		if (in(m, DY_POS_VBG) && !(m & B(JJ)))
			return DY_POS_VBG;
		if (in(m, DY_POS_JJ) && !in(m, DY_POS_VBG))
			return DY_POS_JJ;
		if (in(m, DY_POS_VBG))
			return DY_POS_VBG;
	}
	/* determiners, adjectives, possessives, prepositions before it:
	 * nominal */
	if (pt == DY_POS_DT || pt == DY_POS_PRPS || pt == DY_POS_POS ||
	    pt == DY_POS_JJ || pt == DY_POS_JJS || pt == DY_POS_JJR ||
	    pt == DY_POS_CD || pt == DY_POS_IN || pt == DY_POS_PDT ||
	    pt == DY_POS_WPS || (pt == DY_POS_VBN && i >= 2 &&
				 tag(p, i - 2) == DY_POS_DT)) {
		int nextn = i + 1 < p->n &&
			    (p->c[i + 1].mask & (NOUNS)) &&
			    !verb_like(p, i + 1) &&
			    tag(p, i + 1) != DY_POS_POS;

		if (pt == DY_POS_IN && in(m, DY_POS_VBG) &&
		    !is_form(p, i - 1, "OF") && np_start_like(p, i + 1))
			return DY_POS_VBG;
		if ((m & ADJS) && nextn)
			return in(m, DY_POS_JJ) ? DY_POS_JJ : c->dflt;
		if (in(m, DY_POS_VBN) && nextn && !(m & NOUNS))
			return DY_POS_VBN;
		if (in(m, DY_POS_VBG) && nextn && !(m & B(NN)))
			return DY_POS_VBG;
		if (m & NOUNS) {
			if (in(m, DY_POS_NNS) || in(m, DY_POS_NNPS))
				return in(m, DY_POS_NNPS) ? DY_POS_NNPS
							  : DY_POS_NNS;
			if (in(m, DY_POS_NNP) && !in(m, DY_POS_NN))
				return DY_POS_NNP;
			if ((m & ADJS) && c->cj > c->cn + 1 &&
			    pt != DY_POS_JJ)
				return DY_POS_JJ;
			return DY_POS_NN;
		}
		if (m & ADJS)
			return in(m, DY_POS_JJ) ? DY_POS_JJ : c->dflt;
		if (in(m, DY_POS_VBG))
			return DY_POS_VBG;
		if (pt == DY_POS_IN && in(m, DY_POS_VBD))
			return DY_POS_VBN;
	}
	/* a noun or pronoun before it: a finite verb if it can be one */
	if ((is_noun_tag(kt) || kt == DY_POS_PRP || kt == DY_POS_WP ||
	     kt == DY_POS_WDT || kt == DY_POS_EX) && (m & (FINITE | B(VBN)))) {
		int pl = plural_subject(p, k);
		int nounish = (m & NOUNS) != 0;

		if (nounish && is_noun_tag(kt) && k == i - 1 &&
		    (verb_like(p, i + 1) || (tag(p, i + 1) == DY_POS_POS)))
			goto noun;
		/* "in forthcoming peace talks." */
		if (nounish && is_noun_tag(kt) && k == i - 1 &&
		    (finite_before(p, i) ||
		     (!np_start_like(p, i + 1) && i + 1 < p->n &&
		      !(p->c[i + 1].mask & (VERBS | ADVS | B(TO) | NOUNS)) &&
		      !is_form(p, i + 1, "THAT"))))
			goto noun;
		/* "forces attack": the first of two ambiguous words is the
		 * noun unless number agreement says otherwise */
		if (nounish && is_noun_tag(kt) && k == i - 1 &&
		    i + 1 < p->n && (p->c[i + 1].mask & FINITE) &&
		    (p->c[i + 1].mask & NOUNS) && !np_start_like(p, i + 1)) {
			uint64_t nx = p->c[i + 1].mask;

			if (!(in(m, DY_POS_NNS) && !(nx & B(VBP))))
				goto noun;
		}
		if (in(m, DY_POS_VBZ) && !pl && kt != DY_POS_PRP)
			return DY_POS_VBZ;
		if (in(m, DY_POS_VBZ) && kt == DY_POS_PRP && !pl &&
		    !is_form(p, k, "I") && !is_form(p, k, "YOU"))
			return DY_POS_VBZ;
		if (in(m, DY_POS_VBD)) {
			int f = finite_at(p, k + 1);

			/* "issued warrants for men sought in ...": a
			 * participle, unless a verb of saying went first */
			if (in(m, DY_POS_VBN) && is_noun_tag(kt) && f >= 0 &&
			    !(cls(p, f) & W_SAY) &&
			    !(p->c[f].vlem && !strcmp(p->c[f].vlem, "BE")) &&
			    prep_between(p, f, k))
				return DY_POS_VBN;
			return is_form(p, i + 1, "BY") && nounish
			       ? DY_POS_VBN : DY_POS_VBD;
		}
		if (in(m, DY_POS_VBP) && (pl || kt == DY_POS_PRP ||
					  kt == DY_POS_WP ||
					  kt == DY_POS_WDT))
			return DY_POS_VBP;
		if (in(m, DY_POS_VBN) && !nounish)
			return DY_POS_VBN;
		if (in(m, DY_POS_VBP) && !nounish)
			return DY_POS_VBP;
	}
	/* "a visit starting on Sunday" */
	if (in(m, DY_POS_VBG) && !sentence_start(p, i) &&
	    !is_form(p, i + 1, "OF") && !(p->c[i + 1 < p->n ? i + 1 : i].mask
					  & B(NN) && !(m & B(NN))))
		return DY_POS_VBG;
noun:
	if (kt == DY_POS_CC && k > 0 && dy_pos_is_verb(tag(p, k - 1)) &&
	    (m & VERBS)) {
		int pv = tag(p, k - 1);

		if (in(m, pv))
			return pv;
	}
	/* sentence start or after a comma or conjunction: the default,
	 * but a verb-only reading before an NP stays a verb */
	if (in(m, DY_POS_VBN) && is_form(p, i + 1, "BY"))
		return DY_POS_VBN;
	if (m & NOUNS) {
		if (is_noun_tag(c->dflt))
			return c->dflt;
		if ((m & ADJS) && np_start_like(p, i + 1))
			return c->dflt;
		if (in(m, DY_POS_NNS))
			return DY_POS_NNS;
		if (c->dflt == DY_POS_VB && !(kt == DY_POS_OTHER ||
					      kt == DY_POS_COMMA))
			return in(m, DY_POS_NN) ? DY_POS_NN : c->dflt;
	}
	if (c->dflt == DY_POS_VB && in(m, DY_POS_VBP) && is_noun_tag(kt))
		return DY_POS_VBP;
	return c->dflt;
}

static int aux_like(const struct P *p, int i)
{
	return tag(p, i) == DY_POS_MD ||
	       (cls(p, i) & (W_BE | W_HAVE)) != 0;
}

/* Second pass: repairs that need the tags on both sides. */
static void repair(struct P *p)
{
	int i;

	for (i = 0; i < p->n; i++) {
		struct cand *c = &p->c[i];
		int t = c->tag;

		/* "X said" after a noun phrase is a verb, never JJ */
		/* a participle between a noun and "by" */
		if (t == DY_POS_VBD && is_form(p, i + 1, "BY") &&
		    in(c->mask, DY_POS_VBN))
			c->tag = DY_POS_VBN;
		/* "the detained protesters": modifier participle */
		if (t == DY_POS_VBD && i > 0 &&
		    (tag(p, i - 1) == DY_POS_DT ||
		     tag(p, i - 1) == DY_POS_IN ||
		     tag(p, i - 1) == DY_POS_PRPS) &&
		    in(c->mask, DY_POS_VBN))
			c->tag = DY_POS_VBN;
		/* "and detained protesters were released" */
		if (t == DY_POS_VBD && in(c->mask, DY_POS_VBN) &&
		    i + 2 < p->n && is_noun_tag(tag(p, i + 1)) &&
		    !(p->c[i + 1].mask & VERBS) &&
		    (aux_like(p, i + 2) || verb_like(p, i + 2)))
			c->tag = DY_POS_VBN;
		/* "POS" after a pronoun is "is" */
		if (t == DY_POS_POS && i > 0 && (tag(p, i - 1) == DY_POS_PRP ||
						 tag(p, i - 1) == DY_POS_EX ||
						 tag(p, i - 1) == DY_POS_WP ||
						 is_form(p, i - 1, "THAT")))
			c->tag = DY_POS_VBZ;
	}
	/* a finite-verb-less stretch: "the government bans rallies" where
	 * bans was taken for a noun.  Between clause punctuation, if no
	 * verb was chosen, turn the best noun/verb word into a verb. */
	{
		int a = 0, b;

		while (a < p->n) {
			int has_verb = 0, best = -1;

			for (b = a; b < p->n; b++) {
				int t = tag(p, b);

				if (t == DY_POS_PERIOD || t == DY_POS_COLON ||
				    (t == DY_POS_CC && b > a))
					break;
				if (dy_pos_is_verb(t) || t == DY_POS_MD)
					has_verb = 1;
				if (best < 0 && b > a &&
				    is_noun_tag(tag(p, b - 1)) &&
				    is_noun_tag(t) &&
				    (p->c[b].mask & FINITE) &&
				    np_start_like(p, b + 1))
					best = b;
			}
			if (!has_verb && best >= 0) {
				uint64_t m = p->c[best].mask;

				p->c[best].tag = in(m, DY_POS_VBZ) ? DY_POS_VBZ
					: in(m, DY_POS_VBD) ? DY_POS_VBD
					: DY_POS_VBP;
			}
			a = b + 1;
		}
	}
}

static int tag_all(struct P *p)
{
	int i;

	initial(p);
	for (i = 0; i < p->n; i++)
		p->c[i].tag = (uint8_t)choose(p, i);
	repair(p);
	for (i = 0; i < p->n; i++) {
		struct dy_tok *t = &p->s->toks[i];
		const struct cand *c = &p->c[i];

		t->pos = c->tag;
		t->lemma = t->form;
		if (dy_pos_is_verb(c->tag) && c->vlem)
			t->lemma = c->vlem;
		else if ((c->tag == DY_POS_NNS || c->tag == DY_POS_NNPS) &&
			 c->nlem)
			t->lemma = c->nlem;
		else if (dy_pos_is_verb(c->tag) && !c->known &&
			 (c->tag == DY_POS_VBD || c->tag == DY_POS_VBN ||
			  c->tag == DY_POS_VBG || c->tag == DY_POS_VBZ)) {
			/* an unknown verb: strip the ending */
			size_t n = t->flen, cut = c->tag == DY_POS_VBG ? 3 :
					    c->tag == DY_POS_VBZ ? 1 : 2;

			if (n > cut + 2) {
				t->lemma = dy_arena_strndup(p->a, t->form,
							    n - cut);
				if (!t->lemma)
					return DY_ENOMEM;
			}
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Chunks                                                              */
/* ------------------------------------------------------------------ */

/* Tags a chunk may hold after its first token. */
static int chunk_inner(const struct P *p, int i)
{
	int t = tag(p, i);

	/* "the government today ordered": a time, not part of the NP */
	if (is_form(p, i, "TODAY") || is_form(p, i, "YESTERDAY") ||
	    is_form(p, i, "TONIGHT") || is_form(p, i, "TOMORROW"))
		return 0;

	if (is_noun_tag(t) || t == DY_POS_CD || t == DY_POS_JJ ||
	    t == DY_POS_JJR || t == DY_POS_JJS)
		return 1;
	/* "the detained protesters", "the ruling party" */
	if ((t == DY_POS_VBN || t == DY_POS_VBG) && i + 1 < p->n &&
	    (is_noun_tag(tag(p, i + 1)) || tag(p, i + 1) == DY_POS_JJ) &&
	    i > 0 && (tag(p, i - 1) == DY_POS_DT ||
		      tag(p, i - 1) == DY_POS_PRPS ||
		      tag(p, i - 1) == DY_POS_JJ ||
		      tag(p, i - 1) == DY_POS_POS ||
		      (is_noun_tag(tag(p, i - 1)) && t == DY_POS_VBG)))
		return 1;
	return 0;
}

static int chunk_start(const struct P *p, int i)
{
	int t = tag(p, i);

	if (t == DY_POS_DT || t == DY_POS_PDT || t == DY_POS_PRPS ||
	    t == DY_POS_WPS)
		return !is_form(p, i, "THAT") || t == DY_POS_DT;
	if (t == DY_POS_RB && (tag(p, i + 1) == DY_POS_CD))
		return 1;
	if (t == DY_POS_OTHER && is_form(p, i, "$") &&
	    tag(p, i + 1) == DY_POS_CD)
		return 1;
	if ((t == DY_POS_VBN || t == DY_POS_VBG) && i + 1 < p->n &&
	    is_noun_tag(tag(p, i + 1)) &&
	    (i == 0 || tag(p, i - 1) == DY_POS_IN ||
	     tag(p, i - 1) == DY_POS_COMMA || tag(p, i - 1) == DY_POS_CC))
		return 1;
	return chunk_inner(p, i);
}

static int is_head_tag(int t)
{
	return is_noun_tag(t) || t == DY_POS_CD || t == DY_POS_PRP;
}

static int add_np(struct P *p, int first, int last, int flags)
{
	struct dy_np np;
	int h = last - 1, k, i;

	while (h > first && !is_head_tag(tag(p, h)))
		h--;
	if (!is_head_tag(tag(p, h)))
		h = last - 1;
	dy_np_init(&np, (uint16_t)first, (uint16_t)last, (uint16_t)h);
	np.flags = (uint16_t)flags;
	if (is_form(p, first, "THE") || is_form(p, first, "THIS") ||
	    is_form(p, first, "THAT") || is_form(p, first, "THESE") ||
	    is_form(p, first, "THOSE"))
		np.flags |= DY_NP_DEFINITE;
	if (last - first == 1 && tag(p, first) == DY_POS_PRP)
		np.flags |= DY_NP_PRONOUN;
	k = dy_sent_add_np(p->a, p->s, &np);
	if (k < 0)
		return -1;
	for (i = first; i < last; i++)
		p->np_at[i] = (int16_t)k;
	return k;
}

/* "next week", "last year", "later": an adjective that after a name
 * starts a time phrase.  Other adjectives stay in the phrase:
 * "European Community foreign ministers", "an international force". */
static int time_adjective(const struct P *p, int j)
{
	static const char *const adj[] = { "NEXT", "LAST", "PAST",
		"PREVIOUS", "COMING", "LATER", "EARLIER", "EARLY", "LATE",
		"ALONE", "TOGETHER", "OVERNIGHT", "RECENT", NULL };
	static const char *const unit[] = { "DAY", "DAYS", "WEEK", "WEEKS",
		"MONTH", "MONTHS", "YEAR", "YEARS", "WEEKEND", "NIGHT",
		"MORNING", "AFTERNOON", "EVENING", "HOUR", "HOURS", "DECADE",
		"TIME", "SEASON", NULL };
	const char *const *w;

	for (w = adj; *w; w++)
		if (is_form(p, j, *w))
			return 1;
	for (w = unit; *w; w++)
		if (is_form(p, j + 1, *w))
			return 1;
	return 0;
}

/* Is token i a common noun in the lexicon, whatever its capital? */
static int common_noun(const struct P *p, int i)
{
	struct lex L;
	const struct dy_tok *t = &p->s->toks[i];

	return lex_get(t->form, t->flen, &L) && (L.fl & LX_N) &&
	       !(L.fl & LX_PROPER);
}

/* simple chunks; possessives */
static int chunks(struct P *p)
{
	int i = 0;

	while (i < p->n) {
		int j, k, poss = -1;

		if (tag(p, i) == DY_POS_PRP && !is_form(p, i, "ONE")) {
			if (add_np(p, i, i + 1, 0) < 0)
				return DY_ENOMEM;
			i++;
			continue;
		}
		if (!chunk_start(p, i)) {
			i++;
			continue;
		}
		j = i + 1;
		if (tag(p, i) == DY_POS_PDT && j < p->n &&
		    (tag(p, j) == DY_POS_DT || tag(p, j) == DY_POS_PRPS))
			j++;
		while (j < p->n && chunk_inner(p, j)) {
			/* an adjective after a name starts another phrase:
			 * "Hamas | next week", "Tokayev | last year" */
			if (j > i && (tag(p, j) == DY_POS_JJ ||
				      tag(p, j) == DY_POS_JJR ||
				      tag(p, j) == DY_POS_JJS) &&
			    (tag(p, j - 1) == DY_POS_NNP ||
			     tag(p, j - 1) == DY_POS_NNPS) &&
			    !(p->s->toks[j].flags & DY_TOK_CAP) &&
			    time_adjective(p, j))
				break;
			j++;
		}
		/* adjectives come before their noun: "Almaty later" is
		 * Almaty and an adverb the tagger took for an adjective */
		while (j - 1 > i && (tag(p, j - 1) == DY_POS_JJ ||
				     tag(p, j - 1) == DY_POS_JJR ||
				     tag(p, j - 1) == DY_POS_JJS) &&
		       is_noun_tag(tag(p, j - 2)))
			j--;
		/* a chunk of determiners or adverbs alone is no NP
		 * ("that", "all of") */
		for (k = i; k < j; k++)
			if (is_head_tag(tag(p, k)) || dy_pos_is_verb(tag(p, k))
			    || tag(p, k) == DY_POS_JJ)
				break;
		if (k == j) {
			i = j;
			continue;
		}
		/* "the Democratic People's Republic of Korea", "the Lord's
		 * Resistance Army": a common noun's clitic between
		 * capitalised words is part of a name */
		while (j + 1 < p->n && tag(p, j) == DY_POS_POS && j > i &&
		       (p->s->toks[j - 1].flags & DY_TOK_CAP) &&
		       (p->s->toks[j + 1].flags & DY_TOK_CAP) &&
		       !p->c[j - 1].proper && common_noun(p, j - 1) &&
		       chunk_inner(p, j + 1)) {
			j += 1;
			while (j < p->n && chunk_inner(p, j))
				j++;
		}
		if (j < p->n && tag(p, j) == DY_POS_POS) {
			poss = add_np(p, i, j, DY_NP_POSSESSOR);
			if (poss < 0)
				return DY_ENOMEM;
			i = j + 1;
			if (i < p->n && chunk_inner(p, i)) {
				j = i + 1;
				while (j < p->n && chunk_inner(p, j))
					j++;
				k = add_np(p, i, j, 0);
				if (k < 0)
					return DY_ENOMEM;
				p->s->nps[poss].owner = (int16_t)k;
				i = j;
			}
			continue;
		}
		if (add_np(p, i, j, 0) < 0)
			return DY_ENOMEM;
		i = j;
	}
	return 0;
}

static int np_has_proper(const struct P *p, int np)
{
	return p->s->nps[np].head < p->n &&
	       (tag(p, p->s->nps[np].head) == DY_POS_NNP ||
		tag(p, p->s->nps[np].head) == DY_POS_NNPS);
}

/* A name: the head is capitalised (NNP, or a country WordNet knows
 * as a common noun at the start: "Brazil") */
static int np_is_name(const struct P *p, int np)
{
	return np_has_proper(p, np) ||
	       ((p->s->toks[p->s->nps[np].head].flags & DY_TOK_CAP) &&
		!p->caps_off);
}

/* Is chunk x after a verb group, and does a verb follow chunk y?  Then
 * "X and Y" straddles two clauses ("police detained X and Y said"). */
static int straddles(const struct P *p, int x, int y)
{
	const struct dy_np *X = &p->s->nps[x], *Y = &p->s->nps[y];
	int b = X->first - 1, a = Y->last, k = Y->first - 1;

	/* "X resigned on Wednesday, and Tokayev declared ...": a comma
	 * before the conjunction of two chunks and a finite verb after
	 * the second join clauses, not noun phrases */
	if (k > 0 && tag(p, k) == DY_POS_CC && tag(p, k - 1) == DY_POS_COMMA &&
	    p->np_at[k - 2 >= 0 ? k - 2 : 0] == x) {
		int f = a;

		while (f < p->n && tag(p, f) == DY_POS_RB)
			f++;
		if (f < p->n && (tag(p, f) == DY_POS_MD ||
				 tag(p, f) == DY_POS_VBD ||
				 tag(p, f) == DY_POS_VBZ ||
				 tag(p, f) == DY_POS_VBP))
			return 1;
	}

	while (b >= 0 && tag(p, b) == DY_POS_RB)
		b--;
	if (b < 0 || !(dy_pos_is_verb(tag(p, b)) || tag(p, b) == DY_POS_RP) ||
	    (cls(p, b) & W_SAY))
		return 0;
	while (a < p->n && tag(p, a) == DY_POS_RB)
		a++;
	return a < p->n && (tag(p, a) == DY_POS_MD ||
			    tag(p, a) == DY_POS_VBD ||
			    tag(p, a) == DY_POS_VBZ ||
			    tag(p, a) == DY_POS_VBP);
}

/* "X and Y", "X, Y and Z": a COORD umbrella over like chunks. */
/* "U.S. and Russian negotiators": a country's abbreviation coordinated
 * with an adjective modifies the same noun. */
static int abbrev_modifier(const struct P *p, int x, int last)
{
	const struct dy_np *X = &p->s->nps[x], *L = &p->s->nps[last];
	const struct dy_tok *t = &p->s->toks[X->first];

	return X->last - X->first == 1 && (t->flags & DY_TOK_ALLCAP) &&
	       t->flen <= 5 && L->last - L->first >= 2 &&
	       tag(p, L->first) == DY_POS_JJ;
}

static int coordinate(struct P *p)
{
	int i = 0;

	while (i < p->n) {
		int conj[16], nc = 0, t, x, ok = 1, umb, k;
		struct dy_np *U;

		x = p->np_at[i];
		if (x < 0 || p->s->nps[x].first != i ||
		    (p->s->nps[x].flags & DY_NP_POSSESSOR)) {
			i++;
			continue;
		}
		conj[nc++] = x;
		t = p->s->nps[x].last;
		/* (, chunk)* (,)? CC chunk */
		while (nc < 16) {
			int y, cc = 0, c = t;

			if (tag(p, c) == DY_POS_COMMA)
				c++;
			if (tag(p, c) == DY_POS_CC && (is_form(p, c, "AND") ||
						       is_form(p, c, "OR"))) {
				c++;
				cc = 1;
			}
			if (c == t || c >= p->n)
				break;
			y = p->np_at[c];
			if (y < 0 || p->s->nps[y].first != c ||
			    (p->s->nps[y].flags & (DY_NP_POSSESSOR)) ||
			    (p->s->nps[y].flags & DY_NP_PRONOUN) !=
			    (p->s->nps[conj[0]].flags & DY_NP_PRONOUN))
				break;
			conj[nc++] = y;
			t = p->s->nps[y].last;
			if (cc)
				break;
			if (tag(p, t) != DY_POS_COMMA &&
			    tag(p, t) != DY_POS_CC)
				break;
		}
		/* the last conjunct must come after a conjunction */
		while (nc > 1 && tag(p, p->s->nps[conj[nc - 1]].first - 1) !=
				 DY_POS_CC)
			nc--;
		if (nc < 2) {
			i = p->s->nps[x].last;
			continue;
		}
		if (np_is_name(p, conj[0]) != np_is_name(p, conj[nc - 1]) &&
		    tag(p, p->s->nps[conj[0]].last - 1) != DY_POS_JJ &&
		    !abbrev_modifier(p, conj[0], conj[nc - 1]))
			ok = 0;
		if (!ok) {
			i = p->s->nps[x].last;
			continue;
		}
		if (straddles(p, conj[0], conj[nc - 1])) {
			i = p->s->nps[conj[nc - 1]].last;
			continue;
		}
		umb = add_np(p, p->s->nps[conj[0]].first,
			     p->s->nps[conj[nc - 1]].last, DY_NP_COORD);
		if (umb < 0)
			return DY_ENOMEM;
		U = &p->s->nps[umb];
		U->head = p->s->nps[conj[nc - 1]].head;
		for (k = 0; k < nc; k++) {
			struct dy_np *C = &p->s->nps[conj[k]];

			C->parent = (int16_t)umb;
			C->next_conj = (int16_t)(k + 1 < nc ? conj[k + 1]
							    : -1);
		}
		/* "Russian and Belarusian troops": the adjective-only
		 * conjuncts share the last conjunct's nouns */
		for (k = 0; k + 1 < nc; k++) {
			struct dy_np *C = &p->s->nps[conj[k]];
			const struct dy_np *L = &p->s->nps[conj[nc - 1]];
			int h, nw = 0;
			uint16_t *w;

			if (is_head_tag(tag(p, C->last - 1)) &&
			    !abbrev_modifier(p, conj[k], conj[nc - 1]))
				continue;
			h = L->first;
			while (h < L->last && !is_noun_tag(tag(p, h)))
				h++;
			if (h >= L->last)
				continue;
			w = dy_arena_alloc(p->a, (size_t)(C->last - C->first +
						L->last - h) * sizeof *w);
			if (!w)
				return DY_ENOMEM;
			for (t = C->first; t < C->last; t++)
				w[nw++] = (uint16_t)t;
			for (t = h; t < L->last; t++)
				w[nw++] = (uint16_t)t;
			C->words = w;
			C->nwords = (uint16_t)nw;
			C->head = L->head;
			C->last = L->last; /* a conjunct spans its words */
		}
		i = U->last;
	}
	return 0;
}

/* "X, head of Y, ..." and "the president, Tokayev,": the second chunk
 * renames the first. */
/* A title that names a role, capitalised or not. */
static int title(const struct P *p, int i)
{
	static const char *const words[] = { "HEAD", "CHAIRMAN",
		"CHAIRWOMAN", "CHAIR", "PRESIDENT", "MINISTER", "SECRETARY",
		"LEADER", "DIRECTOR", "SPOKESMAN", "SPOKESWOMAN", "CHIEF",
		"COMMANDER", "DEPUTY", "MEMBER", "AMBASSADOR", "ENVOY",
		"GOVERNOR", "MAYOR", "PREMIER", "VICE", "FORMER", NULL };
	const char *const *w;

	for (w = words; *w; w++)
		if (is_form(p, i, *w))
			return 1;
	return 0;
}

static void appositions(struct P *p)
{
	int i;

	for (i = 1; i + 1 < p->n; i++) {
		int x, y, e;
		struct dy_np *Y;

		if (tag(p, i) != DY_POS_COMMA || p->np_at[i] >= 0)
			continue;
		x = p->np_at[i - 1];
		y = p->np_at[i + 1];
		if (x < 0 || y < 0 || p->s->nps[y].first != i + 1 ||
		    (p->s->nps[x].flags & (DY_NP_PRONOUN | DY_NP_POSSESSOR)) ||
		    (p->s->nps[y].flags & (DY_NP_PRONOUN | DY_NP_POSSESSOR |
					   DY_NP_COORD)) ||
		    tag(p, p->s->nps[x].first - 1) == DY_POS_COMMA)
			continue;
		Y = &p->s->nps[y];
		/* the apposition's PPs: "head of the committee" */
		e = Y->last;
		while (e + 1 < p->n && tag(p, e) == DY_POS_IN &&
		       p->np_at[e + 1] >= 0 &&
		       p->s->nps[p->np_at[e + 1]].first == e + 1)
			e = p->s->nps[p->np_at[e + 1]].last;
		if (e < p->n && tag(p, e) != DY_POS_COMMA &&
		    tag(p, e) != DY_POS_PERIOD && tag(p, e) != DY_POS_COLON)
			continue;
		/* one of them should be a name, the other not, or both
		 * names with the second common-nounish ("Leonid
		 * Kalashnikov, Head of the ... Committee": a capitalised
		 * title is no name) */
		if (np_has_proper(p, x) == np_has_proper(p, y) &&
		    !(tag(p, Y->first) == DY_POS_DT) && !title(p, Y->first))
			continue;
		Y->flags |= DY_NP_APPOS;
		Y->owner = (int16_t)x;
	}
}

/* ------------------------------------------------------------------ */
/* Verb groups                                                         */
/* ------------------------------------------------------------------ */

static int aux_verb(const struct P *p, int i)
{
	return (tag(p, i) == DY_POS_MD) ||
	       ((cls(p, i) & (W_BE | W_HAVE | W_DO)) &&
		dy_pos_is_verb(tag(p, i)));
}

/* next token after i that is not an adverb, or p->n */
static int next_non_rb(const struct P *p, int i)
{
	int j = i + 1;

	while (j < p->n && (tag(p, j) == DY_POS_RB || tag(p, j) == DY_POS_RBR)
	       && !(cls(p, j) & W_PART))
		j++;
	return j;
}

/* group -> (MD | aux | TO | RB)* verb RP? */
static void groups(struct P *p)
{
	int i = 0;

	p->ng = 0;
	while (i < p->n) {
		struct group *g;
		int cur, j, k, has_be = 0, has_have = 0, has_do = 0;
		int start = i;

		if (p->np_at[i] >= 0 ||
		    !(dy_pos_is_verb(tag(p, i)) || tag(p, i) == DY_POS_MD ||
		      (tag(p, i) == DY_POS_TO &&
		       tag(p, next_non_rb(p, i)) == DY_POS_VB &&
		       p->np_at[next_non_rb(p, i)] < 0))) {
			i++;
			continue;
		}
		g = &p->g[p->ng];
		memset(g, 0, sizeof *g);
		g->particle = -1;
		g->first = (uint16_t)start;
		cur = i;
		for (;;) {
			int t = tag(p, cur);

			if (t == DY_POS_MD)
				g->aux |= (cls(p, cur) & W_WILL)
					  ? DY_AUX_WILL
					  : (cls(p, cur) & W_WOULD)
					  ? DY_AUX_WOULD : DY_AUX_MODAL;
			if (!aux_verb(p, cur) && t != DY_POS_TO)
				break;
			j = next_non_rb(p, cur);
			if (j >= p->n || p->np_at[j] >= 0 ||
			    !(dy_pos_is_verb(tag(p, j)) ||
			      (tag(p, j) == DY_POS_TO &&
			       tag(p, next_non_rb(p, j)) == DY_POS_VB)))
				break;
			if (cls(p, cur) & W_BE)
				has_be = 1;
			if (cls(p, cur) & W_HAVE)
				has_have = 1;
			if (cls(p, cur) & W_DO)
				has_do = 1;
			cur = j;
		}
		/* "are going to send" */
		if (is_form(p, cur, "GOING") && has_be &&
		    tag(p, cur + 1) == DY_POS_TO &&
		    tag(p, next_non_rb(p, cur + 1)) == DY_POS_VB) {
			g->aux |= DY_AUX_WILL;
			cur = next_non_rb(p, cur + 1);
			has_be = 0;
		}
		if (!dy_pos_is_verb(tag(p, cur))) {
			/* a modal or "to" with no verb */
			i = cur + 1;
			continue;
		}
		g->verb = (uint16_t)cur;
		if (has_be && tag(p, cur) == DY_POS_VBN)
			g->passive = 1;
		if (has_be && tag(p, cur) == DY_POS_VBG)
			g->aux |= DY_AUX_PROG;
		if (has_have && tag(p, cur) == DY_POS_VBN)
			g->aux |= DY_AUX_PERF;
		if (has_do)
			g->aux |= DY_AUX_DO;
		if (cur > 0 && tag(p, cur - 1) == DY_POS_TO)
			g->aux |= DY_AUX_TO;
		for (k = start; k < cur; k++)
			if (p->s->toks[k].flags & DY_TOK_NEG)
				g->neg = 1;
		for (k = start - 1; k >= 0 && k >= start - 2 &&
		     tag(p, k) == DY_POS_RB; k--)
			if (p->s->toks[k].flags & DY_TOK_NEG)
				g->neg = 1;
		if (cur + 1 < p->n && (p->s->toks[cur + 1].flags & DY_TOK_NEG)
		    && tag(p, cur + 1) == DY_POS_RB)
			g->neg = 1;
		g->finite = tag(p, start) == DY_POS_MD ||
			    tag(p, start) == DY_POS_VBD ||
			    tag(p, start) == DY_POS_VBZ ||
			    tag(p, start) == DY_POS_VBP ||
			    (start < cur && (cls(p, start) & (W_BE | W_HAVE |
							       W_DO)) &&
			     tag(p, start) != DY_POS_VBG &&
			     tag(p, start) != DY_POS_VBN &&
			     tag(p, start) != DY_POS_VB);
		g->last = (uint16_t)(cur + 1);
		if (cur + 1 < p->n && tag(p, cur + 1) == DY_POS_RP) {
			g->particle = (int16_t)(cur + 1);
			g->last = (uint16_t)(cur + 2);
		}
		for (k = start; k < g->last; k++)
			p->grp_at[k] = (int16_t)p->ng;
		p->ng++;
		i = g->last;
	}
}

/* ------------------------------------------------------------------ */
/* PPs                                                                 */
/* ------------------------------------------------------------------ */

/* Does a finite verb group start right after chunk np? */
static int verb_after(const struct P *p, int np)
{
	int e = p->s->nps[np].last;

	while (e < p->n && tag(p, e) == DY_POS_RB)
		e++;
	return e < p->n && p->grp_at[e] >= 0 && p->g[p->grp_at[e]].finite;
}

/* pp -> (IN | TO) chunk, where the chunk is not a clause's subject */
static void find_pps(struct P *p)
{
	int i;

	p->npp = 0;
	for (i = 0; i + 1 < p->n; i++) {
		int t = tag(p, i), x;
		struct tpp *q;

		p->pp_at[i] = -1;
		if ((t != DY_POS_IN && t != DY_POS_TO) || p->grp_at[i] >= 0)
			continue;
		x = p->np_at[i + 1];
		if (x < 0 || p->s->nps[x].first != i + 1)
			continue;
		if ((cls(p, i) & W_SUB) && verb_after(p, x))
			continue;
		if (is_form(p, i, "THAT") || is_form(p, i, "WHETHER") ||
		    is_form(p, i, "IF"))
			continue;
		q = &p->pp[p->npp];
		q->prep = (uint16_t)i;
		q->np = (int16_t)x;
		q->clause = -1;
		q->np_head = -1;
		p->s->nps[x].flags |= DY_NP_IN_PP;
		p->pp_at[i] = (int16_t)p->npp++;
	}
}

/* ------------------------------------------------------------------ */
/* Clauses                                                             */
/* ------------------------------------------------------------------ */

static struct dy_clause *CL(struct P *p, int k)
{
	return &p->s->clauses[k];
}

/* Is chunk np (its first token f) inside the verb phrase of clause k,
 * i.e. after its verb group with no other group between? */
static int after_group(const struct P *p, int k, int f)
{
	int j;

	if (f < p->g[k].last)
		return 0;
	for (j = p->g[k].last; j < f; j++)
		if (p->grp_at[j] >= 0)
			return 0;
	return 1;
}

/* subject -> the nearest chunk before group gi, passing over adverbs,
 * PPs attached to a chunk, appositions and the relative or participial
 * clause just before.  *adopt gets that clause, or -1. */
static int find_subject(struct P *p, int gi, int *adopt)
{
	int t = p->g[gi].first - 1, steps = 0, r = gi - 1;
	int rel_before = r >= 0 && (CL(p, r)->rel == DY_REL_RELCL ||
				    CL(p, r)->rel == DY_REL_PARTMOD) &&
			 CL(p, r)->subj >= 0 &&
			 !(cls(p, p->g[r].verb) & W_SAY);

	*adopt = -1;
	while (t >= 0 && steps++ < p->n) {
		int x, tg = tag(p, t);

		if (tg == DY_POS_RB || tg == DY_POS_RBR) {
			t--;
			continue;
		}
		x = p->np_at[t];
		if (x >= 0) {
			const struct dy_np *X = &p->s->nps[x];

			/* ", a senior official said" is a subject of its
			 * own */
			if (rel_before && X->first >= p->g[r].last &&
			    after_group(p, r, X->first) &&
			    tag(p, X->first - 1) != DY_POS_COMMA) {
				*adopt = r;
				return CL(p, r)->subj;
			}
			if ((X->flags & DY_NP_APPOS) && X->owner >= 0) {
				x = X->owner;
				X = &p->s->nps[x];
				if (p->np_at[X->first] >= 0)
					x = p->np_at[X->first];
				return x;
			}
			if (X->first >= 2 && p->pp_at[X->first - 1] >= 0) {
				/* the PP's owner, over "along" in "Washington
				 * along with its allies" */
				int k = X->first - 2;

				while (k > 0 && (tag(p, k) == DY_POS_RB ||
						 is_form(p, k, "ALONG") ||
						 is_form(p, k, "TOGETHER")))
					k--;
				if (p->np_at[k] >= 0 && p->grp_at[k] < 0) {
					t = k;
					continue;
				}
			}
			return x;
		}
		if (tg == DY_POS_COMMA && t > 0) {
			int y = p->np_at[t - 1];

			if (rel_before && t > p->g[r].verb &&
			    after_group(p, r, t)) {
				*adopt = r;
				return CL(p, r)->subj;
			}
			if (y >= 0) {
				/* an apposition (or its PP) ends here */
				int z = y, guard = 0;

				while (guard++ < 8) {
					const struct dy_np *Z = &p->s->nps[z];

					if (Z->flags & DY_NP_APPOS)
						break;
					if (Z->first >= 2 &&
					    p->pp_at[Z->first - 1] >= 0 &&
					    p->np_at[Z->first - 2] >= 0)
						z = p->np_at[Z->first - 2];
					else
						break;
				}
				if (p->s->nps[z].flags & DY_NP_APPOS) {
					t--;
					continue;
				}
			}
			return -1;
		}
		return -1;
	}
	return -1;
}

/* first token of the extent of the clause subject x or the group */
static int up_from(const struct P *p, int subj, int gfirst)
{
	int f = gfirst, k;

	if (subj >= 0)
		return p->s->nps[subj].first < f ? p->s->nps[subj].first : f;
	/* no subject: back to the previous comma, as the Treebank
	 * front-end does */
	for (k = gfirst - 1; k >= 0; k--)
		if (tag(p, k) == DY_POS_COMMA)
			return k + 1;
	return 0;
}

/* "decided to V", "asked X to V": an open complement of clause prev */
static void xcomp(struct P *p, int prev, int x, struct dy_clause *c,
		  int16_t *ext0)
{
	const struct dy_clause *P;
	const struct dy_np *X = x >= 0 ? &p->s->nps[x] : NULL;

	if (prev < 0) {
		if (X) {
			c->subj = (int16_t)x; /* headline "X to V" */
			*ext0 = (int16_t)X->first;
		}
		return;
	}
	P = CL(p, prev);
	c->rel = DY_REL_XCOMP;
	c->parent = (int16_t)prev;
	c->subj = P->subj;
	if (X && after_group(p, prev, X->first) &&
	    (cls(p, p->g[prev].verb) & W_OCTRL) &&
	    !(X->flags & DY_NP_IN_PP) &&
	    (X->first == p->g[prev].last || p->pp_at[X->first - 1] < 0))
		c->subj = (int16_t)x;
}

/* Does subject S of a new clause follow clause prev's verb with only
 * objects and PPs between ("told reporters the troops ...")? */
static int complement_of(const struct P *p, int prev, const struct dy_np *S)
{
	int k;

	if (prev < 0 || !(cls(p, p->g[prev].verb) & W_SAY) ||
	    S->first < p->g[prev].last || (S->flags & DY_NP_IN_PP))
		return 0;
	for (k = p->g[prev].last; k < S->first; k++)
		if (tag(p, k) == DY_POS_CC || tag(p, k) == DY_POS_COMMA ||
		    p->grp_at[k] >= 0)
			return 0;
	return 1;
}

/* A clause with a subject of its own (or none): find it, then tell an
 * adverbial ("after X V"), a complement ("said (that) X V") and a main
 * clause apart. */
static void own_subject(struct P *p, int gi, int j, struct dy_clause *c,
			int16_t *ext0)
{
	int prev = gi - 1, adopt = -1, sb;
	const struct dy_np *S;

	c->subj = (int16_t)find_subject(p, gi, &adopt);
	if (adopt >= 0)
		CL(p, adopt)->parent = (int16_t)gi;
	if (c->subj < 0) {
		if (j >= 0 && (cls(p, j) & W_SUB) && prev >= 0) {
			c->rel = DY_REL_ADVCL;
			c->parent = (int16_t)prev;
			*ext0 = (int16_t)j;
		}
		return;
	}
	if (adopt >= 0)
		return;
	S = &p->s->nps[c->subj];
	*ext0 = (int16_t)S->first;
	sb = S->first - 1;
	if (sb >= 0 && (cls(p, sb) & W_SUB) &&
	    (tag(p, sb) == DY_POS_IN || tag(p, sb) == DY_POS_WRB)) {
		c->rel = DY_REL_ADVCL;
		c->parent = (int16_t)prev;
		*ext0 = (int16_t)sb;
	} else if (sb >= 0 && is_form(p, sb, "THAT") && prev >= 0) {
		c->rel = DY_REL_CCOMP;
		c->parent = (int16_t)prev;
		*ext0 = (int16_t)sb;
	} else if (complement_of(p, prev, S)) {
		c->rel = DY_REL_CCOMP;
		c->parent = (int16_t)prev;
	}
}

/* "help X restore", "let X go", "made X pay": a causative's object
 * right before a verb group without auxiliaries. */
static int bare_infinitive(const struct P *p, int prev, int x, int j,
			   const struct group *g)
{
	static const char *const causative[] = { "HELP", "LET", "MAKE",
		"SEE", "WATCH", "HEAR", NULL };
	const char *const *w;
	const char *lemma;
	int vt = tag(p, g->verb);

	if (prev < 0 || x < 0 || g->aux || (vt != DY_POS_VB &&
					     vt != DY_POS_VBP))
		return 0;
	if (p->s->nps[x].first != p->g[prev].last ||
	    j != p->s->nps[x].last - 1)
		return 0;
	lemma = p->s->toks[p->g[prev].verb].lemma;
	for (w = causative; *w; w++)
		if (!strcmp(lemma, *w))
			return 1;
	return 0;
}

/* clause -> one per verb group; ext[gi] gets the first token of its
 * extent (subject, subordinator or relative pronoun included). */
static int make_clauses(struct P *p, int16_t *ext)
{
	int gi;

	for (gi = 0; gi < p->ng; gi++) {
		const struct group *g = &p->g[gi];
		struct dy_clause c;
		int j, prev = gi - 1, x, vt = tag(p, g->verb);

		dy_clause_init(&c, g->verb);
		c.aux = g->aux;
		c.passive = g->passive;
		c.neg = g->neg;
		c.particle = g->particle;
		c.first = g->first;
		ext[gi] = (int16_t)g->first;
		j = g->first - 1;
		while (j >= 0 && (tag(p, j) == DY_POS_RB ||
				  tag(p, j) == DY_POS_RBR))
			j--;
		x = j >= 0 ? p->np_at[j] : -1;
		if (g->aux & DY_AUX_TO) {
			xcomp(p, prev, x, &c, &ext[gi]);
		} else if (bare_infinitive(p, prev, x, j, g)) {
			/* "help Kazakhstan restore order": the object of
			 * help/let/make is the subject of the bare verb */
			c.rel = DY_REL_XCOMP;
			c.parent = (int16_t)prev;
			c.subj = (int16_t)x;
			ext[gi] = (int16_t)p->s->nps[x].first;
		} else if (j >= 0 && (tag(p, j) == DY_POS_WDT ||
				      tag(p, j) == DY_POS_WP)) {
			/* "protesters who V" */
			int k = tag(p, j - 1) == DY_POS_COMMA ? j - 2 : j - 1;

			c.rel = DY_REL_RELCL;
			ext[gi] = (int16_t)j;
			if (k >= 0 && p->np_at[k] >= 0)
				c.subj = p->np_at[k];
			if (prev >= 0 && c.subj >= 0 &&
			    after_group(p, prev, p->s->nps[c.subj].first))
				c.parent = (int16_t)prev;
		} else if (j >= 0 && tag(p, j) == DY_POS_CC && prev >= 0) {
			/* "V and V" */
			c.rel = DY_REL_CONJ;
			c.parent = (int16_t)prev;
			c.subj = CL(p, prev)->subj;
		} else if (!g->finite && (vt == DY_POS_VBN ||
					  vt == DY_POS_VBG) &&
			   x >= 0 && j == p->s->nps[x].last - 1) {
			/* "troops sent to X", "protesters demanding X" */
			c.rel = DY_REL_PARTMOD;
			c.subj = (int16_t)x;
			c.passive = vt == DY_POS_VBN;
			if (prev >= 0 &&
			    after_group(p, prev, p->s->nps[x].first))
				c.parent = (int16_t)prev;
		} else if (!g->finite && tag(p, j) == DY_POS_COMMA &&
			   prev >= 0) {
			/* ", killing ten people": the doer of the clause it
			 * hangs on, over relative clauses ("fired on
			 * protesters who had gathered, killing five") */
			int k = prev, guard = 0;

			c.rel = DY_REL_ADVCL;
			c.parent = (int16_t)prev;
			while (k >= 0 && guard++ < 16 &&
			       (CL(p, k)->rel == DY_REL_RELCL ||
				CL(p, k)->rel == DY_REL_PARTMOD) &&
			       CL(p, k)->parent >= 0)
				k = CL(p, k)->parent;
			if (k >= 0 && !CL(p, k)->passive)
				c.subj = CL(p, k)->subj;
		} else {
			own_subject(p, gi, j, &c, &ext[gi]);
		}
		c.up_first = (uint16_t)up_from(p, c.subj, g->first);
		if (dy_sent_add_clause(p->a, p->s, &c) < 0)
			return DY_ENOMEM;
	}
	/* adverbial clauses first in the sentence belong to the next root:
	 * "After X attacked Y, Z said" */
	for (gi = 0; gi < p->ng; gi++) {
		struct dy_clause *c = CL(p, gi);
		int k;

		if ((c->rel == DY_REL_ADVCL || c->rel == DY_REL_RELCL ||
		     c->rel == DY_REL_PARTMOD) && c->parent < 0)
			for (k = gi + 1; k < p->ng; k++)
				if (CL(p, k)->rel == DY_REL_ROOT) {
					c->parent = (int16_t)k;
					break;
				}
		if (c->rel == DY_REL_ADVCL && c->parent < 0)
			c->rel = DY_REL_ROOT;
	}
	return 0;
}

/* vp_last, last, objects */
static void extents(struct P *p, const int16_t *ext)
{
	int k, j;

	for (k = 0; k < p->ng; k++) {
		struct dy_clause *c = CL(p, k);
		int end = p->n, x;

		for (j = k + 1; j < p->ng; j++) {
			int f = ext[j] > c->verb ? ext[j] : p->g[j].first;

			if (f < end)
				end = f;
		}
		while (end - 1 >= p->g[k].last &&
		       (tag(p, end - 1) == DY_POS_COMMA ||
			tag(p, end - 1) == DY_POS_PERIOD ||
			tag(p, end - 1) == DY_POS_COLON ||
			tag(p, end - 1) == DY_POS_QUOTE ||
			tag(p, end - 1) == DY_POS_CC ||
			tag(p, end - 1) == DY_POS_LRB))
			end--;
		if (end < p->g[k].last)
			end = p->g[k].last;
		/* a chunk cut at the end stays whole */
		if (end > 0 && end < p->n && p->np_at[end - 1] >= 0 &&
		    p->np_at[end] == p->np_at[end - 1])
			end = p->s->nps[p->np_at[end]].last;
		c->vp_last = (uint16_t)end;
		c->last = (uint16_t)end;
		/* objects: chunks right after the group */
		j = p->g[k].last;
		while (j < end && tag(p, j) == DY_POS_RB)
			j++;
		x = j < end ? p->np_at[j] : -1;
		if (x >= 0 && (cls(p, p->s->nps[x].head) & W_TIME))
			x = -1; /* "said Wednesday" */
		if (x >= 0 && p->s->nps[x].first == j) {
			int y, e;

			if ((p->s->nps[x].flags & DY_NP_POSSESSOR) &&
			    p->s->nps[x].owner >= 0)
				x = p->s->nps[x].owner;
			c->obj = (int16_t)x;
			e = p->s->nps[x].last;
			y = e < end ? p->np_at[e] : -1;
			if (y >= 0 && y != x && p->s->nps[y].first == e &&
			    !(p->s->nps[y].flags & DY_NP_APPOS) &&
			    !c->passive)
				c->obj2 = (int16_t)y;
		}
	}
	/* a clause's extent covers the clauses it governs */
	for (k = p->ng - 1; k >= 0; k--) {
		struct dy_clause *c = CL(p, k);

		if (c->parent >= 0 && c->parent < p->ng &&
		    CL(p, c->parent)->last < c->last)
			CL(p, c->parent)->last = c->last;
	}
}

/* Attach each PP, then store them grouped by clause. */
static int store_pps(struct P *p)
{
	int i, k, w;
	int16_t order[MAXTOK];
	int no = 0;

	for (i = 0; i < p->npp; i++) {
		struct tpp *q = &p->pp[i];
		int prep = q->prep;
		int before = prep > 0 ? p->np_at[prep - 1] : -1;

		for (k = 0; k < p->ng; k++) {
			const struct dy_clause *c = CL(p, k);

			if (prep >= p->g[k].last && prep < c->vp_last)
				q->clause = (int16_t)k;
		}
		if (before >= 0 && (is_form(p, prep, "OF") || q->clause < 0))
			q->clause = -1, q->np_head = (int16_t)before;
		if (q->clause < 0 && q->np_head < 0) {
			/* "On Thursday, ...": the next clause */
			for (k = 0; k < p->ng; k++)
				if (p->g[k].first > prep) {
					q->clause = (int16_t)k;
					break;
				}
		}
	}
	/* by clause, then the NP-attached ones, each in text order */
	for (k = 0; k <= p->ng; k++) {
		int first = no;

		for (i = 0; i < p->npp; i++)
			if (k < p->ng ? p->pp[i].clause == k
				      : p->pp[i].clause < 0)
				order[no++] = (int16_t)i;
		if (k < p->ng && no > first) {
			CL(p, k)->pp_first = (uint16_t)first;
			CL(p, k)->pp_count = (uint16_t)(no - first);
		}
	}
	for (w = 0; w < no; w++) {
		const struct tpp *q = &p->pp[order[w]];
		struct dy_pp pp;
		int idx;

		pp.prep = q->prep;
		pp.np = q->np;
		pp.clause = q->clause;
		pp.np_head = q->np_head;
		idx = dy_sent_add_pp(p->a, p->s, &pp);
		if (idx < 0)
			return DY_ENOMEM;
		if (q->np >= 0) {
			struct dy_np *np = &p->s->nps[q->np];

			np->flags |= DY_NP_IN_PP;
			np->pp = (int16_t)idx;
		}
		if (q->clause >= 0 && CL(p, q->clause)->passive &&
		    is_form(p, q->prep, "BY") && CL(p, q->clause)->agent < 0)
			CL(p, q->clause)->agent = q->np;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */
/* ------------------------------------------------------------------ */

int dy_shallow_parse(const struct dy_shallow *sh, struct dy_arena *a,
		     struct dy_sent *s, const char *text)
{
	struct P *p;
	int16_t *ext;
	int rc, i;

	(void)text;
	s->nnp = s->npp = s->ncl = 0;
	s->frontend = DY_FE_SHALLOW;
	if (!s->ntok || !s->toks)
		return 0;
	p = dy_malloc(sizeof *p);
	if (!p)
		return DY_ENOMEM;
	p->sh = sh;
	p->a = a;
	p->s = s;
	p->n = s->ntok < MAXTOK ? s->ntok : MAXTOK;
	ext = p->cl_of_grp;
	for (i = 0; i < p->n; i++) {
		p->np_at[i] = -1;
		p->grp_at[i] = -1;
		p->pp_at[i] = -1;
	}
	rc = tag_all(p);
	rc = rc ? rc : chunks(p);
	rc = rc ? rc : coordinate(p);
	if (!rc) {
		appositions(p);
		groups(p);
		find_pps(p);
		rc = make_clauses(p, ext);
	}
	if (!rc)
		extents(p, ext);
	rc = rc ? rc : store_pps(p);
	dy_free(p, sizeof *p);
	if (!rc && a->oom)
		rc = DY_ENOMEM;
	return rc;
}
