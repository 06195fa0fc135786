/*
 * tree.h: the Penn Treebank front-end (see tree.c).
 */
#ifndef DY_TREE_H
#define DY_TREE_H

#include "sent.h"

struct dy_options;

/* Fill s (tokens, NPs, PPs, clauses) from s->parse; text is the story
 * text that s->off/len index.  DY_EPARSE/DY_ELIMIT set *err to a static
 * message. */
DY_INTERNAL int dy_tree_parse(struct dy_arena *a, struct dy_sent *s,
			      const char *text, const struct dy_options *opt,
			      const char **err);

#endif
