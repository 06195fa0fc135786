/*
 * cmds.h: the subcommands that live in their own files under cli/.
 * Each takes argc/argv starting at the subcommand name and returns the
 * process exit status.
 */
#ifndef DY_CLI_CMDS_H
#define DY_CLI_CMDS_H

#include "dyad.h"

/* "dyad: MESSAGE" on stderr, exit status 1 (common.c) */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
					      noreturn));
/* PETRARCH's set from `petrarch` when given, else dyad's knowledge base
 * from `kb` (NULL: the default); dies on failure and, unless quiet,
 * reports the malformed lines a lenient load skipped (common.c) */
void load_dicts(struct dy_ctx *ctx, const char *petrarch, const char *kb,
		int quiet);

int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
