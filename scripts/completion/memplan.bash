# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# memplan.bash - bash completion for memplan(1): the commands, each command's
# options (handoff: its targets and theirs), the --kernel profiles, the values
# of --format, --svg-scale and --color, lint's finding codes for -W/-E, and
# file names for FILE (directories for DIR) arguments and the operands of
# plan and lint.
#
# Nothing is listed here: the commands, options and values are read from the
# program's own help (`memplan --help`, `memplan CMD --help`; the profiles
# from the --kernel line of `memplan plan --help`) each time a completion is
# asked for, so they follow the memplan that is being completed.
#
# `make install` puts this file where bash-completion loads it on demand:
# $(PREFIX)/share/bash-completion/completions/memplan.  Without installing:
#   source scripts/completion/memplan.bash
# (registered for the command name "memplan"; for a build in the tree add
# `complete -F _memplan build/memplan`).

# _memplan_opts PROG [ARG...]: one line per option of `PROG ARG... --help`:
# "OPTION<TAB>ARG<TAB>DESCRIPTION", ARG the placeholder (FILE, N, ...) or empty,
# DESCRIPTION the text after the option on its line.  Read from the option
# lines of the help (indented at most 8 columns, before any "Example:"):
# "  --opt ARG   text", "  -o, --output FILE   text",
# "  --dtb FILE, --dts FILE   text", "  --image FILE | --image-size N   text".
_memplan_opts()
{
	"$@" --help 2>/dev/null | awk '
	/^Examples?:/ { exit }
	{
		match($0, /^ */)	# deeper lines continue a description
		if (RLENGTH > 8)
			next
		sub(/^ +/, "")
		if ($0 !~ /^-[-A-Za-z]/)
			next
		n = split($0, t, / /)	# "" where two spaces meet: the text begins
		i = 1; grp = ""; nout = 0
		while (i <= n) {
			w = t[i]
			if (w !~ /^--?[A-Za-z][A-Za-z0-9-]*,?$/)
				break
			comma = sub(/,$/, "", w)
			grp = grp " " w
			i++
			if (comma && t[i] != "")
				continue
			arg = ""; more = 0
			if (i <= n && t[i] ~ /^[][A-Z:_.]+,?$/) {
				arg = t[i]; more = sub(/,$/, "", arg); i++
			}
			m = split(grp, g, " ")
			for (j = 1; j <= m; j++)
				out[++nout] = g[j] "\t" arg
			grp = ""
			if (more)
				continue
			if (i <= n && t[i] == "|") {
				i++
				continue
			}
			break
		}
		desc = ""
		for (; i <= n; i++)
			if (t[i] != "")
				desc = desc (desc == "" ? "" : " ") t[i]
		for (j = 1; j <= nout; j++)
			print out[j] "\t" desc
	}'
}

# _memplan_values DESCRIPTION: the values an option lists on its help line,
# "a | b | c" or "a (default), b or c" (up to a colon or another parenthesis).
_memplan_values()
{
	local d=${1//(default)/} w
	d=${d%%:*}
	d=${d%%(*}
	d=${d//|/ }
	d=${d//,/ }
	for w in $d; do
		case $w in
		or | and) ;;
		*[!a-z0-9.-]* | [!a-z]*) ;;
		*) printf '%s\n' "$w" ;;
		esac
	done
}

# _memplan_section HEADER: the first word of each line of the help section
# that HEADER opens ("Commands:", "TARGET is one of:"), up to a blank line
_memplan_section()
{
	awk -v head="$1" '
		index($0, head) == 1 || index($0, " " head) { on = 1; next }
		on && /^[ \t]*$/ { exit }
		on && $1 ~ /^[a-z][a-z0-9-]*$/ { print $1 }'
}

# _memplan_reply COMPGEN-ARGS...: COMPREPLY, one match per line (file names
# with spaces stay whole)
_memplan_reply()
{
	mapfile -t COMPREPLY < <(compgen "$@")
}

_memplan()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev='' prog=${COMP_WORDS[0]}
	local -a cmd=()
	local i w opts line arg desc
	COMPREPLY=()

	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=value: bash splits at '=' (COMP_WORDBREAKS)
	if [ "$cur" = "=" ]; then
		cur=
	elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	command -v "$prog" >/dev/null 2>&1 || prog=memplan

	# the command (and handoff's target): the first words that are no option
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in -*) break ;; esac
		cmd+=("$w")
		[ "${#cmd[@]}" -eq 1 ] && [ "$w" = handoff ] && continue
		break
	done

	if [ "${#cmd[@]}" -eq 0 ]; then
		case $cur in
		-*) opts=$(_memplan_opts "$prog" | cut -f1) ;;
		*) opts=$("$prog" --help 2>/dev/null | _memplan_section "Commands:") ;;
		esac
		_memplan_reply -W "$opts" -- "$cur"
		return 0
	fi
	case ${cmd[0]} in
	help)
		[ "$COMP_CWORD" -eq 2 ] &&
			_memplan_reply -W "$("$prog" --help 2>/dev/null |
				_memplan_section "Commands:")" -- "$cur"
		return 0
		;;
	handoff)
		if [ "${#cmd[@]}" -eq 1 ]; then
			_memplan_reply -W "$("$prog" handoff --help 2>/dev/null |
				_memplan_section "TARGET is one of:")" -- "$cur"
			return 0
		fi
		;;
	esac

	opts=$(_memplan_opts "$prog" "${cmd[@]}")
	# the argument of the previous option
	case $prev in
	-*)
		line=$(printf '%s\n' "$opts" | awk -F'\t' -v o="$prev" '$1 == o { print; exit }')
		IFS=$'\t' read -r _ arg desc <<<"$line"
		case $arg in
		'') ;;
		FILE)
			compopt -o filenames 2>/dev/null
			_memplan_reply -f -- "$cur"
			return 0
			;;
		DIR)
			compopt -o filenames 2>/dev/null
			_memplan_reply -d -- "$cur"
			return 0
			;;
		PROFILE)
			desc=$(_memplan_opts "$prog" plan | awk -F'\t' '$1 == "--kernel" { print $3; exit }')
			_memplan_reply -W "$(_memplan_values "$desc")" -- "$cur"
			return 0
			;;
		FMT | SCALE | WHEN)
			_memplan_reply -W "$(_memplan_values "$desc")" -- "$cur"
			return 0
			;;
		CODE)	# lint -W/-E: the finding codes, "all", and their no- forms
			w=$("$prog" lint --list-codes 2>/dev/null | awk '{ print $1 }')
			_memplan_reply -W "$(printf '%s\n' all $w | sed 'p; s/^/no-/')" -- "$cur"
			return 0
			;;
		*)
			return 0	# a number, an address, a string: nothing to offer
			;;
		esac
		;;
	esac
	case $cur in
	-*)
		_memplan_reply -W "$(printf '%s\n' "$opts" | cut -f1)" -- "$cur"
		;;
	*)
		if [ "${cmd[0]}" = lint ] || [ "${cmd[0]}" = plan ]; then	# FILE|DIR...
			compopt -o filenames 2>/dev/null
			_memplan_reply -f -- "$cur"
		else
			_memplan_reply -W "$(printf '%s\n' "$opts" | cut -f1)" -- "$cur"
		fi
		;;
	esac
	return 0
}
complete -F _memplan memplan
