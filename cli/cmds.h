/*
 * cmds.h: the subcommands that live in their own files under cli/.
 * Each takes argc/argv starting at the subcommand name and returns the
 * process exit status.
 */
#ifndef DY_CLI_CMDS_H
#define DY_CLI_CMDS_H

int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
