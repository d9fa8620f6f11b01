// Command dateline runs a newsroom and the news site it publishes.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"dateline/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
