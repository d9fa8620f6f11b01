// Package cli is the dateline command line and the composition root: it reads
// configuration, opens the store and wires the services together.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

// Env gives a command what it may touch outside its arguments.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

type command struct {
	name  string
	usage string
	run   func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the news site and newsroom", serve},
		{"demo", "load the demo newsroom, or add a generated archive with --stories N", demoCmd},
		{"migrate", "apply database migrations and exit", migrateCmd},
		{"backup", "backup FILE: copy a running SQLite site (database and media) to FILE", backupCmd},
		{"restore", "restore FILE: bring a backup back into an empty site (--force to replace)", restoreCmd},
		{"migrate-db", "migrate-db --from SQLITE --to postgres://...: copy a whole site to PostgreSQL", migrateDBCmd},
		{"export", "export DIR: write the public site as static files (--incremental, --live-url, --base-url)", exportCmd},
		{"import", "import wordpress|ghost FILE: bring a WordPress or Ghost site over, every old address redirected", importCmd},
		{"ingest", "ingest PATH...: put agency files and folders (ninjs, NewsML-G2, RSS, Atom) into the wire queue", ingestCmd},
		{"user", "user add --email E --name N --role writer|editor|admin: add a newsroom member", userCmd},
		{"token", "token create --email E: print a new Admin API token acting as that person", tokenCmd},
	}
}

// errUsage marks an error whose message is the usage text already printed.
var errUsage = errors.New("usage")

// Run runs the command named by args[0] and returns the process exit code:
// 0 on success, 1 on failure, 2 on a usage error.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	env := Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: getenv}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		}
		fmt.Fprintf(stderr, "dateline %s: %v\n", c.name, err)
		return 1
	}
	fmt.Fprintf(stderr, "dateline: unknown command %q\n\n", args[0])
	printUsage(stderr)
	return 2
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: dateline <command> [flags]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nRun 'dateline <command> -h' for a command's flags.")
}
