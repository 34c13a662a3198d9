// Package generator is oersite's entry point: the command line and the
// benchmark tools as functions, so that the programs under cmd/ stay one line
// long. Everything else lives in generator/internal, one package per stage
// (see ARCHITECTURE.md); nothing there is a public API.
package generator

import (
	"context"
	"io"

	"github.com/oersite/oersite/generator/internal/benchsite"
	"github.com/oersite/oersite/generator/internal/cli"
	"github.com/oersite/oersite/generator/internal/gensite"
	"github.com/oersite/oersite/generator/internal/searchbench"
)

// Run runs the oersite command line with args (without the program name) and
// returns the process exit code. ctx ends the command early (Ctrl-C).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return cli.Run(ctx, args, stdout, stderr)
}

// Main runs the oersite command line as the program does, Ctrl-C and
// SIGTERM stopping the command, and returns the process exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	return cli.Main(args, stdout, stderr)
}

// Benchsite runs the scale benchmark (cmd/benchsite) and returns its exit code.
func Benchsite(args []string, stdout, stderr io.Writer) int {
	return benchsite.Main(args, stdout, stderr)
}

// Gensite writes a synthetic benchmark site (cmd/gensite) and returns its exit code.
func Gensite(args []string, stdout, stderr io.Writer) int {
	return gensite.Main(args, stdout, stderr)
}

// Searchbench runs the search benchmark on real-text sites (cmd/searchbench) and returns its exit code.
func Searchbench(args []string, stdout, stderr io.Writer) int {
	return searchbench.Main(args, stdout, stderr)
}
