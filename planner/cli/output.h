/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * output.h - where a command writes its result (-o FILE, "-" or standard
 * output) and whether it uses colour (--color, NO_COLOR, TERM=dumb).
 */
#ifndef MEMPLAN_CLI_OUTPUT_H
#define MEMPLAN_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

struct cli_out {
	FILE *f;
	const char *path;	/* as the user gave it; NULL for standard output */
	char *tmp;		/* the temporary file renamed to @path on success */
};

/**
 * cli_out_open() - open the result's destination
 * @o: filled in
 * @prog: "memplan CMD", for the message
 * @path: NULL or "-" for standard output; else the file.  A regular file (or
 *	a new one) is written through a temporary file in the same directory and
 *	renamed over @path only by cli_out_close(keep = true), so a failed run
 *	never leaves a half-written or empty result; anything else (/dev/null, a
 *	FIFO, a symbolic link) is written directly
 *
 * Return: 0, or 2 (the usage exit status) after printing one line.
 */
int cli_out_open(struct cli_out *o, const char *prog, const char *path);

/**
 * cli_out_close() - flush and close the result
 * @o: as cli_out_open() filled it
 * @prog: "memplan CMD", for the message
 * @keep: rename the result into place (false: remove the temporary file)
 *
 * Return: 0, or 2 after printing one line (a write error: nothing kept).
 */
int cli_out_close(struct cli_out *o, const char *prog, bool keep);

enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

/**
 * cli_color_parse() - the --color argument
 * @arg: "auto", "always" or "never", as ls and grep take them
 * @c: the choice
 *
 * Return: 0, or -1 for another word.
 */
int cli_color_parse(const char *arg, enum cli_color *c);

/**
 * cli_color_use() - whether to colour what goes to a stream
 * @c: the --color choice
 * @f: the stream
 *
 * Return: always/never as asked; for auto, whether @f is a terminal, NO_COLOR
 * is unset or empty (no-color.org) and TERM is not "dumb".
 */
bool cli_color_use(enum cli_color c, FILE *f);

#endif /* MEMPLAN_CLI_OUTPUT_H */
